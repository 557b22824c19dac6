package dev.irprune.surgery;

import dev.irprune.model.Tensor;

/** Row-major slicing of weight tensors along their first or second axis. */
final class Slices {
    private Slices() {}

    /** Keeps entries {@code kept} of axis 0 (output filters, units, per-channel vectors). */
    static Tensor rows(Tensor t, int[] kept) {
        int[] shape = t.shape();
        int inner = t.data().length / shape[0];
        float[] data = new float[kept.length * inner];
        for (int i = 0; i < kept.length; i++) {
            System.arraycopy(t.data(), kept[i] * inner, data, i * inner, inner);
        }
        shape[0] = kept.length;
        return new Tensor(shape, data);
    }

    /** Keeps input channels {@code kept} (axis 1) of a convolution kernel (out, in, k, k). */
    static Tensor inputChannels(Tensor t, int[] kept) {
        return columns(t, kept, t.data().length / (t.dim(0) * t.dim(1)));
    }

    /**
     * Keeps, along axis 1, the blocks of {@code block} consecutive entries numbered {@code kept}:
     * input channels of a kernel (block = k*k), or the flattened columns c*H*W .. c*H*W + H*W - 1 of
     * a dense kernel (block = H*W, 1 after a dense layer).
     */
    static Tensor columns(Tensor t, int[] kept, int block) {
        int[] shape = t.shape();
        int outer = shape[0];
        int rowLen = t.data().length / outer;
        int newRow = kept.length * block;
        float[] data = new float[outer * newRow];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < kept.length; i++) {
                System.arraycopy(t.data(), o * rowLen + kept[i] * block, data, o * newRow + i * block, block);
            }
        }
        shape[1] = shape.length == 2 ? newRow : kept.length;
        return new Tensor(shape, data);
    }
}
