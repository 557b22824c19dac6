package dev.irprune.model;

import java.util.List;

/** Global average pooling: a C x H x W map becomes C x 1 x 1, each channel's mean. */
public record GlobalPoolSpec(String name, String input) implements SingleInput {
    public GlobalPoolSpec {
        NodeSpec.checkName(name);
        NodeSpec.checkInput(name, input);
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape s = NodeSpec.single(name, in, 3, "global average pooling");
        return Shape.chw(s.dim(0), 1, 1);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.globalPool(this);
    }
}
