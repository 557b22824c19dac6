package dev.irprune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Softmax cross-entropy on logits and correct-prediction counts. */
final class Losses {
    private Losses() {}

    /** Mean over the batch of -log softmax(logits)[label]. */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(1);
        NDArray picked = logp.get(new ai.djl.ndarray.index.NDIndex().addAllDim().addPickDim(labels.toType(DataType.INT64, false)));
        return picked.mean().neg();
    }

    static long correct(NDArray logits, NDArray labels) {
        return logits.argMax(1).toType(DataType.INT64, false)
                .eq(labels.toType(DataType.INT64, false)).countNonzero().getLong();
    }
}
