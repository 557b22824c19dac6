package dev.irprune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sum of squares of every trainable tensor: it gives the Keras L2 penalty
 * {@code sum lambda * sum(w^2)} for the reported loss, and shows a tensor that holds a non-finite
 * value (its sum is then non-finite too). {@link Adam#step()} returns those of the weights it
 * updated; {@link #of} measures them on the engine in one pass and fetches them in one copy.
 */
public record WeightNorms(List<String> names, float[] sumsOfSquares) {

    /** Measures {@code params} (no autograd: call outside a gradient collector). */
    static WeightNorms of(Map<String, NDArray> params) {
        List<String> names = new ArrayList<>(params.keySet());
        if (names.isEmpty()) {
            return new WeightNorms(names, new float[0]);
        }
        NDList sums = new NDList(names.size());
        for (NDArray p : params.values()) {
            // the square is as large as the tensor and lives in the tensor's manager: close it now
            try (NDArray square = p.square()) {
                sums.add(square.sum());
            }
        }
        try (NDArray all = NDArrays.stack(sums)) {
            float[] values = all.toFloatArray();
            sums.close();
            return new WeightNorms(names, values);
        }
    }

    /** The L2 penalty: {@code sum over tensors of lambda * sum(w^2)}, lambda from {@code l2} (0 if absent). */
    double penalty(Map<String, Double> l2) {
        double total = 0;
        for (int i = 0; i < names.size(); i++) {
            Double lambda = l2.get(names.get(i));
            if (lambda != null) {
                total += lambda * sumsOfSquares[i];
            }
        }
        return total;
    }

    /** The first tensor, in network order, whose sum of squares is not finite (a NaN or infinite value, or |w| near 1e19). */
    Optional<String> firstNonFinite() {
        for (int i = 0; i < names.size(); i++) {
            if (!Float.isFinite(sumsOfSquares[i])) {
                return Optional.of(names.get(i));
            }
        }
        return Optional.empty();
    }
}
