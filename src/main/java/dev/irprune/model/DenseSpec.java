package dev.irprune.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A fully connected layer. A hidden layer has ReLU; the output layer has softmax, which training
 * folds into the cross-entropy loss. {@code l2} is the penalty coefficient on kernel and bias.
 */
public record DenseSpec(String name, int units, Activation activation, double l2) implements LayerSpec {
    /** The activation after a dense layer. */
    public enum Activation { RELU, SOFTMAX }

    public DenseSpec {
        LayerSpec.checkName(name);
        if (units < 1) {
            throw new IllegalArgumentException(name + ": a dense layer needs at least 1 unit, got " + units);
        }
        if (activation == null) {
            throw new IllegalArgumentException(name + ": activation is required");
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException(name + ": l2 must be finite and >= 0, got " + l2);
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.dense(this);
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 1) {
            throw new IllegalArgumentException(name + ": a dense layer needs a flat input, got " + input);
        }
        return new Shape(units);
    }

    @JsonIgnore
    public boolean isOutput() {
        return activation == Activation.SOFTMAX;
    }

    public DenseSpec withUnits(int n) {
        return new DenseSpec(name, n, activation, l2);
    }
}
