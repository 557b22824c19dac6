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

    /** Keeps input channels {@code kept} (axis 1) of a convolution kernel (out, in, kh, kw). */
    static Tensor inputChannels(Tensor t, int[] kept) {
        int[] shape = t.shape();
        int block = t.data().length / (shape[0] * shape[1]);
        int rowLen = shape[1] * block;
        float[] data = new float[shape[0] * kept.length * block];
        for (int o = 0; o < shape[0]; o++) {
            for (int i = 0; i < kept.length; i++) {
                System.arraycopy(t.data(), o * rowLen + kept[i] * block, data, (o * kept.length + i) * block, block);
            }
        }
        shape[1] = kept.length;
        return new Tensor(shape, data);
    }

    /** Keeps input features {@code kept} (ascending; axis 1) of a dense kernel (units, inputs). */
    static Tensor features(Tensor t, int[] kept) {
        int[] shape = t.shape();
        float[] data = new float[shape[0] * kept.length];
        for (int o = 0; o < shape[0]; o++) {
            for (int i = 0; i < kept.length; i++) {
                data[o * kept.length + i] = t.data()[o * shape[1] + kept[i]];
            }
        }
        shape[1] = kept.length;
        return new Tensor(shape, data);
    }
}
