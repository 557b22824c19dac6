package dev.irprune.model;

import java.util.List;

/** An element-wise activation (relu, tanh, sigmoid or identity); the shape is unchanged. */
public record ActivationSpec(String name, String input, Activation function) implements SingleInput {
    public ActivationSpec {
        NodeSpec.checkName(name);
        NodeSpec.checkInput(name, input);
        if (function == null) {
            throw new IllegalArgumentException(name + ": the activation function is required");
        }
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        return NodeSpec.single(name, in, 0, "an activation");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.activation(this);
    }
}
