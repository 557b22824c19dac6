package dev.irprune.interop.onnx;

import dev.irprune.interop.FloatTensor;
import java.util.List;

/**
 * A tiny CNN written with {@link OnnxModelBuilder}: Conv(1 to 2 channels, 3x3, pad 1) + Relu +
 * GlobalAveragePool + Flatten + Gemm(2 to 3, transB). Channel 0's kernel is all ones (the sum of each
 * 3x3 window), channel 1's is a centred 1 with bias -5 (x - 5, cut at 0 by the Relu). On the input
 * x = 0, 1, ..., 15 (one 4x4 image) the pooled values are 750 / 16 = 46.875 (corner pixels are in 4
 * windows, edge pixels in 6, inner ones in 9: 30*4 + 60*6 + 30*9 = 750) and (0 + 1 + ... + 10) / 16
 * = 3.4375; the Gemm rows (1, 0), (0, 1), (1, -2) with bias (0.5, -1, 0) give 47.375, 2.4375, 40.
 */
final class TinyCnn {
    static final float[] INPUT = new float[16];
    static final float[] EXPECTED = {47.375f, 2.4375f, 40f};

    static {
        for (int i = 0; i < 16; i++) {
            INPUT[i] = i;
        }
    }

    private TinyCnn() {}

    static OnnxModelBuilder builder() {
        float[] w = new float[18];
        for (int i = 0; i < 9; i++) {
            w[i] = 1;
        }
        w[9 + 4] = 1;
        return OnnxModelBuilder.create("tiny_cnn").opset(13).producer("IRPrune", "test").metadata("purpose", "interop test")
                .input("x", 1, 1, 4, 4)
                .initializer("conv.weight", new FloatTensor(new int[] {2, 1, 3, 3}, w))
                .initializer("conv.bias", new FloatTensor(new int[] {2}, new float[] {0, -5}))
                .initializer("fc.weight", new FloatTensor(new int[] {3, 2}, new float[] {1, 0, 0, 1, 1, -2}))
                .initializer("fc.bias", new FloatTensor(new int[] {3}, new float[] {0.5f, -1, 0}))
                .node("Conv", List.of("x", "conv.weight", "conv.bias"), List.of("conv"),
                        OnnxAttribute.ints("kernel_shape", 3, 3), OnnxAttribute.ints("pads", 1, 1, 1, 1),
                        OnnxAttribute.ints("strides", 1, 1))
                .node("Relu", List.of("conv"), List.of("relu"))
                .node("GlobalAveragePool", List.of("relu"), List.of("pool"))
                .node("Flatten", List.of("pool"), List.of("flat"), OnnxAttribute.of("axis", 1))
                .node("Gemm", List.of("flat", "fc.weight", "fc.bias"), List.of("y"), OnnxAttribute.of("alpha", 1f),
                        OnnxAttribute.of("beta", 1f), OnnxAttribute.of("transB", 1))
                .output("y", 1, 3);
    }
}
