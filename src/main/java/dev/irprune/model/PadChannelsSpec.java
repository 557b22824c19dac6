package dev.irprune.model;

import java.util.List;

/**
 * Adds {@code before} and {@code after} channels of zeros around a C x H x W map: the
 * zero-padded identity shortcut of He et al. 2016 (option A) where a residual stage widens.
 */
public record PadChannelsSpec(String name, String input, int before, int after) implements SingleInput {
    public PadChannelsSpec {
        NodeSpec.checkName(name);
        NodeSpec.checkInput(name, input);
        if (before < 0 || after < 0 || before + after == 0) {
            throw new IllegalArgumentException(name + ": channels to add must be >= 0 and not both 0, got " + before + ", "
                    + after);
        }
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape s = NodeSpec.single(name, in, 3, "channel padding");
        return Shape.chw(Math.addExact(s.dim(0), before + after), s.dim(1), s.dim(2));
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.padChannels(this);
    }
}
