package dev.irprune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.Map;

/** Softmax cross-entropy on logits, the Keras-style L2 penalty, and correct-prediction counts. */
final class Losses {
    private Losses() {}

    /** Mean over the batch of -log softmax(logits)[label]. */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(1);
        NDArray picked = logp.get(new ai.djl.ndarray.index.NDIndex().addAllDim().addPickDim(labels.toType(DataType.INT64, false)));
        return picked.mean().neg();
    }

    /** Sum over regularised tensors of coefficient * sum(w^2). */
    static NDArray l2Penalty(Map<String, Parameter> params, Map<String, Double> coefficients, NDArray like) {
        NDArray total = like.getManager().zeros(new ai.djl.ndarray.types.Shape());
        for (Map.Entry<String, Double> e : coefficients.entrySet()) {
            NDArray w = params.get(e.getKey()).getArray();
            total = total.add(w.square().sum().mul(e.getValue().floatValue()));
        }
        return total;
    }

    static long correct(NDArray logits, NDArray labels) {
        return logits.argMax(1).toType(DataType.INT64, false)
                .eq(labels.toType(DataType.INT64, false)).countNonzero().getLong();
    }
}
