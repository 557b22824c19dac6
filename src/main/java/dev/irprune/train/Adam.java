package dev.irprune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.irprune.model.Network;
import dev.irprune.model.Tensor;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam as Keras runs it (w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)), with a
 * state that can be saved and restored for checkpoints. A new instance is the reference program's
 * optimiser reset: moments and step count at zero.
 *
 * <p>The Keras L2 penalty {@code lambda * sum(w^2)} of a tensor is not part of the autograd graph:
 * its gradient {@code 2 * lambda * w} is added to the tensor's gradient inside the update (plain
 * L2, not decoupled decay), which is the same sum to float rounding and keeps no short-lived
 * scalar alive in the graph.
 *
 * <p>On the CPU the update runs in Java over the engine's own memory (the arrays' direct buffers:
 * parameters, moments and gradients are contiguous), one pass per tensor that also zeroes the
 * gradient and sums the squares of the new weights ({@link AdamKernel}): no array is allocated.
 * The engine's fused update it replaces (DJL's {@code adam_update}) copies the gradient, makes four
 * temporaries the size of the tensor and passes over it about twelve times; with the penalty's
 * squares it was a tenth of a full-width VGG16 step. On other devices the engine's fused update
 * runs, with the same results to float rounding.
 */
public final class Adam implements AutoCloseable {
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final Map<String, Float> decay = new LinkedHashMap<>();
    private final Map<String, NDArray> means = new LinkedHashMap<>();
    private final Map<String, NDArray> variances = new LinkedHashMap<>();
    /** Direct buffers on the parameters' and moments' memory, by parameter name (CPU only). */
    private final Map<String, FloatBuffer[]> buffers = new LinkedHashMap<>();
    private final TrainConfig config;
    private final NDManager manager;
    /** Whether the update runs in Java on the arrays' memory (every parameter on the CPU). */
    private boolean inJava;
    /** Whether the first update in Java found every gradient zeroed in the engine ({@link #checkZeroed}). */
    private boolean gradientsChecked;
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
        inJava = params.values().stream().allMatch(w -> !w.getDevice().isGpu() && w.getDataType() == DataType.FLOAT32);
        mapBuffers();
    }

    public long steps() {
        return steps;
    }

    /** The trainable parameters, by name, in network order. */
    public Map<String, NDArray> parameters() {
        return params;
    }

    /**
     * Applies one update from the gradients the last backward pass left, then zeroes them; returns
     * the sums of squares of the updated parameters.
     */
    public WeightNorms step() {
        steps++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        float corrected = (float) (config.learningRate() * Math.sqrt(1 - Math.pow(b2, steps)) / (1 - Math.pow(b1, steps)));
        if (!inJava) {
            engineStep(corrected);
            return WeightNorms.of(params);
        }
        float[] squares = new float[params.size()];
        int i = 0;
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            FloatBuffer[] b = buffers.get(e.getKey());
            AdamKernel.Coefficients c = new AdamKernel.Coefficients(corrected, decay.get(e.getKey()), (float) b1, (float) b2,
                    (float) config.epsilon());
            try (NDArray grad = e.getValue().getGradient()) {
                squares[i++] = (float) AdamKernel.update(b[0], floats(grad), b[1], b[2], c);
                if (!gradientsChecked) {
                    checkZeroed(e.getKey(), grad);
                }
            }
        }
        gradientsChecked = true;
        return new WeightNorms(List.copyOf(params.keySet()), squares);
    }

    /**
     * After the first update in Java: every value of the gradient the engine holds must read zero,
     * since the update zeroed it through its buffer. The engine hands out its own memory only for a contiguous array
     * and a contiguous copy otherwise, and an update through a copy would leave the gradient to
     * accumulate across steps. libtorch gives a contiguous parameter a contiguous gradient and keeps
     * that gradient from step to step, so one check per optimiser (on its first step) suffices.
     *
     * @throws IllegalStateException if the gradient of {@code name} was not zeroed
     */
    static void checkZeroed(String name, NDArray grad) {
        try (NDArray nonzero = grad.countNonzero()) {
            if (nonzero.getLong() != 0) {
                throw notReachable(name);
            }
        }
    }

    /** The engine's fused update (DJL's adam_update on libtorch), for devices whose memory Java cannot reach. */
    void engineStep(float corrected) {
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray w = e.getValue();
            try (NDArray grad = w.getGradient()) {
                NDList inputs = new NDList(w, grad, means.get(e.getKey()), variances.get(e.getKey()));
                w.getNDArrayInternal().adamUpdate(inputs, new NDList(w), (float) config.learningRate(), corrected, decay.get(e.getKey()),
                        1f, -1f, (float) config.beta1(), (float) config.beta2(), (float) config.epsilon(), true, false);
            }
        }
    }

    /** Whether the update runs in Java on the arrays' memory. */
    boolean updatesInJava() {
        return inJava;
    }

    /** Runs the engine's fused update from now on (tests compare the two). */
    void useEngineUpdate() {
        inJava = false;
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
        mapBuffers();
    }

    /** Frees the moments (two arrays the size of the parameters). */
    @Override
    public void close() {
        manager.close();
    }

    /** The direct buffers of every parameter and its moments (the arrays' memory, not copies). */
    private void mapBuffers() {
        buffers.clear();
        if (inJava) {
            params.forEach((name, w) -> buffers.put(name, new FloatBuffer[] {floats(name, w), floats(name, means.get(name)),
                    floats(name, variances.get(name))}));
        }
    }

    /** A CPU array's own memory as floats: the engine's direct buffer of a contiguous array, no copy. */
    private static FloatBuffer floats(NDArray a) {
        return a.toByteBuffer(true).asFloatBuffer();
    }

    /**
     * {@link #floats(NDArray)}, checked to be the array's own memory: a value written through the
     * buffer must be what the engine then reads (the engine hands out a copy for an array that is
     * not contiguous, and updates written into a copy would never reach the parameter). The value
     * is put back.
     *
     * @throws IllegalStateException if the buffer is not the array's memory
     */
    private static FloatBuffer floats(String name, NDArray a) {
        FloatBuffer b = floats(a);
        float kept = b.get(0);
        float mark = kept == 1f ? 2f : 1f;
        b.put(0, mark);
        float seen = first(a);
        b.put(0, kept);
        if (seen != mark) {
            throw notReachable(name);
        }
        return b;
    }

    /** The engine's value of the array's first element. */
    private static float first(NDArray a) {
        try (NDArray v = a.get(new NDIndex(new long[a.getShape().dimension()]))) {
            return v.getFloat();
        }
    }

    private static IllegalStateException notReachable(String name) {
        return new IllegalStateException("the memory of " + name + " (or its gradient or moments) is not the engine's "
                + "contiguous memory; the update in Java cannot reach it");
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
