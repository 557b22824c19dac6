package dev.irprune.model;

import java.util.List;

/**
 * A 2-D convolution: {@code filters} kernels of {@code kernelH x kernelW} over all input channels,
 * with strides and padding, and a bias unless {@code bias} is false. Weights: {@code .weight}
 * (filters, in, kernelH, kernelW) and {@code .bias} (filters). {@code l2} is the Keras-style
 * penalty coefficient lambda (loss += lambda * sum(w^2)) on kernel and bias.
 */
public record ConvSpec(String name, String input, int filters, int kernelH, int kernelW, int strideH, int strideW,
        Padding padding, boolean bias, double l2) implements SingleInput {
    public ConvSpec {
        NodeSpec.checkName(name);
        NodeSpec.checkInput(name, input);
        if (filters < 1) {
            throw new IllegalArgumentException(name + ": a convolution needs at least 1 filter, got " + filters);
        }
        Padding.checkWindow(name, kernelH, kernelW, strideH, strideW);
        if (padding == null) {
            throw new IllegalArgumentException(name + ": padding is required");
        }
        NodeSpec.checkNonNegative(name, "l2", l2);
    }

    /** A k x k convolution with stride 1 and "same" padding, as VGG uses. */
    public static ConvSpec same(String name, String input, int filters, int k, boolean bias, double l2) {
        return new ConvSpec(name, input, filters, k, k, 1, 1, Padding.SAME, bias, l2);
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape s = NodeSpec.single(name, in, 3, "a convolution");
        return padding.output(name, s, filters, kernelH, kernelW, strideH, strideW);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.conv(this);
    }

    public ConvSpec withFilters(int n) {
        return new ConvSpec(name, input, n, kernelH, kernelW, strideH, strideW, padding, bias, l2);
    }
}
