package dev.irprune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * Engine operations IRPrune runs in its own way. Scalars are arrays of the batch's manager, alive
 * until the batch ends: never the engine's {@code op(Number)} forms, whose temporary scalar a
 * garbage collection may free while the autograd graph still points at it.
 */
final class Ops {
    private Ops() {}

    /**
     * Dropout at {@code rate} in training (each value kept with probability 1 - rate and scaled by
     * 1 / (1 - rate), as Keras does), the identity otherwise. The mask is one uniform draw per
     * value compared with 1 - rate, from the engine's seeded generator: the engine's own dropout
     * draws its Bernoulli mask one double at a time on CPUs where it does not use MKL (AMD ones
     * among them), which took 60 % of a 4x narrower VGG16's forward pass in training; this mask
     * takes 40 % less time (bench/RESULTS.md).
     *
     * <p>The draws and the boolean mask are closed here, and the float mask's handle too (the
     * backward pass keeps the mask itself), rather than held by the batch's manager to the end of
     * the step: about 125 MB less after a full-width VGG16 forward pass at batch 128. (A boolean
     * mask kept for the backward pass, by {@code where} or a float-by-boolean product, would save
     * 3 bytes a value more but made the layer about 40 % slower on the CPU.)
     */
    static NDArray dropout(NDArray x, double rate, boolean training) {
        if (!training || rate == 0) {
            return x;
        }
        float keep = (float) (1 - rate);
        NDManager m = x.getManager();
        NDArray keepArray = m.create(keep);
        NDArray inverse = m.create(1 / keep);
        NDArray scale;
        try (NDArray draws = m.randomUniform(0f, 1f, x.getShape(), DataType.FLOAT32); NDArray kept = draws.lt(keepArray)) {
            scale = kept.toType(DataType.FLOAT32, false).muli(inverse);
        }
        try (scale) {
            return x.mul(scale);
        }
    }

    /**
     * Max-pooling (NCHW) of {@code kh x kw} windows with strides, without padding. In training it
     * is the engine's max_pool2d, whose gradient goes to one maximum per window, as in the
     * reference. In inference it is the element-wise maximum of the window's strided views: the
     * same values without the per-window index bookkeeping of the engine's CPU kernel, which made
     * pooling 9 % of full-width VGG16's inference and a quarter of a 4x narrower one's
     * (bench/RESULTS.md). A 1x1 window is a strided view in both modes.
     */
    static NDArray maxPool(NDArray x, int kh, int kw, int sh, int sw, boolean training) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        long oh = (h - kh) / sh + 1;
        long ow = (w - kw) / sw + 1;
        if (kh == 1 && kw == 1) {
            return x.get(new NDIndex().addAllDim(2).addSliceDim(0, (oh - 1) * sh + 1, sh).addSliceDim(0, (ow - 1) * sw + 1, sw));
        }
        if (training) {
            return Pool.maxPool2d(x, new Shape(kh, kw), new Shape(sh, sw), new Shape(0, 0), false);
        }
        NDArray rows = null;
        for (int i = 0; i < kh; i++) {
            NDArray view = x.get(new NDIndex().addAllDim(2).addSliceDim(i, i + (oh - 1) * sh + 1, sh));
            rows = rows == null ? view : rows.maximum(view);
        }
        NDArray out = null;
        for (int j = 0; j < kw; j++) {
            NDArray view = rows.get(new NDIndex().addAllDim(3).addSliceDim(j, j + (ow - 1) * sw + 1, sw));
            out = out == null ? view : out.maximum(view);
        }
        return out;
    }
}
