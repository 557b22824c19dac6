package dev.irprune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Max-pooling of k x k windows with stride k (no padding; a remainder row or column is dropped).
 * In training it is the engine's max_pool2d, whose gradient goes to one maximum per window, as in
 * the reference. In inference it is the element-wise maximum of the k x k strided views of the
 * input: the same values, without the per-window index bookkeeping of the engine's CPU kernel,
 * which made pooling 9 % of full-width VGG16's inference and a quarter of a 4x narrower one's
 * (bench/RESULTS.md).
 */
final class MaxPoolBlock extends AbstractBlock {
    private final int size;

    MaxPoolBlock(int size) {
        this.size = size;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (training) {
            Shape k = new Shape(size, size);
            return new NDList(Pool.maxPool2d(x, k, k, new Shape(0, 0), false));
        }
        long h = x.getShape().get(2) / size * size;
        long w = x.getShape().get(3) / size * size;
        NDArray rows = null;
        for (int i = 0; i < size; i++) {
            NDArray view = x.get(new NDIndex().addAllDim(2).addSliceDim(i, h, size));
            rows = rows == null ? view : rows.maximum(view);
        }
        NDArray out = null;
        for (int j = 0; j < size; j++) {
            NDArray view = rows.get(new NDIndex().addAllDim(3).addSliceDim(j, w, size));
            out = out == null ? view : out.maximum(view);
        }
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), s.get(2) / size, s.get(3) / size)};
    }
}
