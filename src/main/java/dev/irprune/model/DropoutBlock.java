package dev.irprune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Dropout at rate p, as Keras does it: in training each value is kept with probability 1 - p and
 * scaled by 1 / (1 - p); in inference it is the identity. The mask is one uniform draw per value
 * compared with 1 - p, from the engine's seeded generator. The engine's own dropout draws its
 * Bernoulli mask one double at a time on CPUs where it does not use MKL (AMD ones among them):
 * that took 60 % of a 4x narrower VGG16's forward pass in training; this mask takes 40 % less time
 * (bench/RESULTS.md).
 */
final class DropoutBlock extends AbstractBlock {
    private final float rate;

    DropoutBlock(double rate) {
        this.rate = (float) rate;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        if (!training || rate == 0) {
            return inputs;
        }
        NDArray x = inputs.singletonOrThrow();
        float keep = 1 - rate;
        // Scalars are arrays of the batch's manager, alive until the step ends (never the engine's
        // op(Number) forms, whose temporary scalar a garbage collection may free while in use).
        NDArray keepArray = x.getManager().create(keep);
        NDArray inverse = x.getManager().create(1 / keep);
        NDArray scale = x.getManager().randomUniform(0f, 1f, x.getShape(), DataType.FLOAT32)
                .lt(keepArray).toType(DataType.FLOAT32, false).muli(inverse);
        return new NDList(x.mul(scale));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return inputs;
    }
}
