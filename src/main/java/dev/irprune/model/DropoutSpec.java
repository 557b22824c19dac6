package dev.irprune.model;

import java.util.List;

/** Dropout at {@code rate}, active in training only (values kept are scaled by 1 / (1 - rate)). */
public record DropoutSpec(String name, String input, double rate) implements SingleInput {
    public DropoutSpec {
        NodeSpec.checkName(name);
        NodeSpec.checkInput(name, input);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name + ": dropout rate must be in [0, 1), got " + rate);
        }
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        return NodeSpec.single(name, in, 0, "dropout");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.dropout(this);
    }
}
