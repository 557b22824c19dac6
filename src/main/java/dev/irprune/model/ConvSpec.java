package dev.irprune.model;

/**
 * A square convolution, stride 1, "same" padding, optionally followed by batch normalisation,
 * then ReLU. {@code l2} is the Keras-style penalty coefficient on kernel and bias.
 */
public record ConvSpec(String name, int filters, int kernel, boolean batchNorm, double l2) implements LayerSpec {
    public ConvSpec {
        LayerSpec.checkName(name);
        if (filters < 1) {
            throw new IllegalArgumentException(name + ": a convolution needs at least 1 filter, got " + filters);
        }
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException(name + ": kernel must be odd and positive, got " + kernel);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException(name + ": l2 must be finite and >= 0, got " + l2);
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.conv(this);
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException(name + ": a convolution needs a CxHxW input, got " + input);
        }
        return Shape.chw(filters, input.dim(1), input.dim(2));
    }

    public ConvSpec withFilters(int n) {
        return new ConvSpec(name, n, kernel, batchNorm, l2);
    }
}
