package dev.irprune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.irprune.model.Network;
import dev.irprune.model.Tensor;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam as Keras runs it (w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)), on the
 * engine's fused update, with a state that can be saved and restored for checkpoints. A new
 * instance is the reference program's optimiser reset: moments and step count at zero.
 *
 * <p>The Keras L2 penalty {@code lambda * sum(w^2)} of a tensor is not part of the autograd graph:
 * its gradient {@code 2 * lambda * w} is added to the tensor's gradient inside the fused update
 * (its weight-decay term, which is plain L2 when decoupled decay is off), which is the same sum to
 * float rounding and keeps no short-lived scalar alive in the graph.
 */
public final class Adam implements AutoCloseable {
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final Map<String, Float> decay = new LinkedHashMap<>();
    private final Map<String, NDArray> means = new LinkedHashMap<>();
    private final Map<String, NDArray> variances = new LinkedHashMap<>();
    private final TrainConfig config;
    private final NDManager manager;
    private long steps;

    /**
     * Optimises the parameters among {@code trainable} that require a gradient; the moments live in a new sub-manager
     * of {@code parent}, released by {@link #close()}.
     *
     * @param l2 the L2 coefficient lambda of each regularised tensor, by name (others have none)
     */
    public Adam(Map<String, NDArray> trainable, Map<String, Double> l2, TrainConfig config, NDManager parent) {
        this.config = config;
        this.manager = parent.newSubManager();
        for (Map.Entry<String, NDArray> e : trainable.entrySet()) {
            if (e.getValue().hasGradient()) {
                NDArray w = e.getValue();
                params.put(e.getKey(), w);
                decay.put(e.getKey(), (float) (2 * l2.getOrDefault(e.getKey(), 0.0)));
                means.put(e.getKey(), manager.zeros(w.getShape(), w.getDataType()));
                variances.put(e.getKey(), manager.zeros(w.getShape(), w.getDataType()));
            }
        }
    }

    public long steps() {
        return steps;
    }

    /** The trainable parameters, by name, in network order. */
    public Map<String, NDArray> parameters() {
        return params;
    }

    /** Applies one update from the gradients the last backward pass left, then zeroes them. */
    public void step() {
        steps++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        float lr = (float) config.learningRate();
        float corrected = (float) (config.learningRate() * Math.sqrt(1 - Math.pow(b2, steps)) / (1 - Math.pow(b1, steps)));
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray w = e.getValue();
            try (NDArray grad = w.getGradient()) {
                NDList inputs = new NDList(w, grad, means.get(e.getKey()), variances.get(e.getKey()));
                w.getNDArrayInternal().adamUpdate(inputs, new NDList(w), lr, corrected, decay.get(e.getKey()), 1f, -1f,
                        (float) b1, (float) b2, (float) config.epsilon(), true, false);
            }
        }
    }

    /** The moments, named {@code m/<param>} and {@code v/<param>}. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : params.keySet()) {
            out.put("m/" + name, Network.toTensor(means.get(name)));
            out.put("v/" + name, Network.toTensor(variances.get(name)));
        }
        return out;
    }

    /** Restores moments and step count saved by {@link #state()} and {@link #steps()}. */
    public void restore(Map<String, Tensor> state, long stepCount) {
        for (String name : params.keySet()) {
            means.put(name, restored(state, "m/" + name, means.get(name)));
            variances.put(name, restored(state, "v/" + name, variances.get(name)));
        }
        steps = stepCount;
    }

    /** Frees the moments (two arrays the size of the parameters). */
    @Override
    public void close() {
        manager.close();
    }

    private NDArray restored(Map<String, Tensor> state, String key, NDArray old) {
        Tensor t = state.get(key);
        if (t == null || t.data().length != old.size()) {
            throw new dev.irprune.io.InputException("checkpoint: optimiser state " + key + " is missing or of the wrong size");
        }
        NDArray fresh = manager.create(FloatBuffer.wrap(t.data()), old.getShape());
        old.close();
        return fresh;
    }
}
