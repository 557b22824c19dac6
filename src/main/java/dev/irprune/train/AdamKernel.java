package dev.irprune.train;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * One Adam step of one tensor in one pass over its memory: the weights {@code w}, their gradient
 * {@code g}, and the moments {@code m} and {@code v}, as float buffers of the same length (the
 * engine's own memory, see {@link Adam}). Per value, in float arithmetic, the same operations as
 * the engine's fused update (DJL's {@code adam_update} on libtorch, where each line is a pass over
 * the tensor and the last one makes four temporaries):
 *
 * <pre>
 * g' = g + decay * w                       (the L2 gradient)
 * m  = b1 * m + (1 - b1) * g'
 * v  = b2 * v + ((1 - b2) * g') * g'
 * w  = w - (lr_t * m) / (sqrt(v) + eps)
 * g  = 0
 * </pre>
 *
 * The first three end in one fused multiply-add each, as libtorch's vectorised kernels compute
 * them: m and v come out with the engine's bits; w differs from the engine's in the last place
 * for about one value in 600 (measured), and not more.
 *
 * It returns the sum of squares of the updated weights (in double, summed in a fixed order of
 * fixed chunks, whatever the threads), which gives the L2 penalty and shows a non-finite value.
 * Chunks of {@link #CHUNK} values run in parallel on the common fork-join pool; every value is
 * computed on its own, so the result does not depend on the threads.
 */
final class AdamKernel {
    /** Values per parallel chunk. */
    static final int CHUNK = 1 << 16;

    /**
     * The step's coefficients: the bias-corrected learning rate {@code lr_t = lr * sqrt(1 - b2^t)
     * / (1 - b1^t)}, the L2 gradient factor {@code decay = 2 * lambda}, the betas and epsilon.
     */
    record Coefficients(float learningRate, float decay, float beta1, float beta2, float epsilon) {
        /** {@code 1 - beta1} and {@code 1 - beta2} in float, as the engine computes them. */
        float oneMinusBeta1() {
            return 1f - beta1;
        }

        float oneMinusBeta2() {
            return 1f - beta2;
        }
    }

    private AdamKernel() {}

    /**
     * Updates {@code w}, {@code m} and {@code v} in place from {@code g}, sets {@code g} to zero and
     * returns the sum of squares of the new {@code w}.
     */
    static double update(FloatBuffer w, FloatBuffer g, FloatBuffer m, FloatBuffer v, Coefficients c) {
        int n = w.capacity();
        if (g.capacity() != n || m.capacity() != n || v.capacity() != n) {
            throw new IllegalArgumentException("Adam: weights, gradient and moments differ in size: " + n + ", " + g.capacity()
                    + ", " + m.capacity() + ", " + v.capacity());
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        if (chunks <= 1) {
            return range(w, g, m, v, c, 0, n);
        }
        double[] partial = new double[chunks];
        IntStream.range(0, chunks).parallel().forEach(k -> partial[k] = range(w, g, m, v, c, k * CHUNK, Math.min(n, (k + 1) * CHUNK)));
        double sum = 0;
        for (double s : partial) {
            sum += s;
        }
        return sum;
    }

    private static double range(FloatBuffer w, FloatBuffer g, FloatBuffer m, FloatBuffer v, Coefficients c, int from, int to) {
        float lr = c.learningRate();
        float decay = c.decay();
        float b1 = c.beta1();
        float b2 = c.beta2();
        float a1 = c.oneMinusBeta1();
        float a2 = c.oneMinusBeta2();
        float eps = c.epsilon();
        double squares = 0;
        for (int i = from; i < to; i++) {
            float wi = w.get(i);
            float gi = Math.fma(decay, wi, g.get(i));
            float mi = Math.fma(gi, a1, m.get(i) * b1);
            float vi = Math.fma(a2 * gi, gi, v.get(i) * b2);
            wi = wi - (mi * lr) / ((float) Math.sqrt(vi) + eps);
            m.put(i, mi);
            v.put(i, vi);
            w.put(i, wi);
            g.put(i, 0f);
            squares += (double) wi * wi;
        }
        return squares;
    }
}
