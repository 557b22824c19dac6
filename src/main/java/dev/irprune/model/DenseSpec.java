package dev.irprune.model;

import java.util.List;

/**
 * A fully connected layer on a flat input, followed by its activation: {@code units} outputs.
 * Weights: {@code .weight} (units, inputs) and {@code .bias} (units) unless {@code bias} is false.
 * {@code l2} is the Keras-style penalty coefficient on kernel and bias.
 */
public record DenseSpec(String name, String input, int units, Activation activation, boolean bias, double l2)
        implements SingleInput {
    public DenseSpec {
        NodeSpec.checkName(name);
        NodeSpec.checkInput(name, input);
        if (units < 1) {
            throw new IllegalArgumentException(name + ": a dense layer needs at least 1 unit, got " + units);
        }
        if (activation == null) {
            throw new IllegalArgumentException(name + ": activation is required");
        }
        NodeSpec.checkNonNegative(name, "l2", l2);
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        NodeSpec.single(name, in, 1, "a dense layer");
        return new Shape(units);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.dense(this);
    }

    public DenseSpec withUnits(int n) {
        return new DenseSpec(name, input, n, activation, bias, l2);
    }
}
