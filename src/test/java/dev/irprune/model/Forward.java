package dev.irprune.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Test helpers: a network's logits on given inputs, random inputs and batch-norm statistics, largest differences. */
public final class Forward {
    private Forward() {}

    /** The N x classes logits of IRPrune's inference-mode forward pass on {@code n} inputs of the spec's shape, row-major. */
    public static float[] logits(NetworkSpec spec, Map<String, Tensor> weights, float[] input, int n) {
        InputSpec in = spec.input();
        try (NDManager m = NDManager.newBaseManager(); Network net = Network.create(spec, weights, m)) {
            return net.forward(m.create(input, new Shape(n, in.channels(), in.height(), in.width())), false).toFloatArray();
        }
    }

    /** {@code count} standard normal values from {@code seed}. */
    public static float[] normal(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            double u = r.nextDouble();
            double w = r.nextDouble();
            v[i] = (float) (Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w));
        }
        return v;
    }

    /** Inputs for {@code n} images of the spec's shape. */
    public static float[] inputs(NetworkSpec spec, int n, long seed) {
        return normal(Math.toIntExact(n * spec.input().shape().size()), seed);
    }

    /**
     * The weights with every batch normalisation's statistics and affine parameters drawn at random
     * (gamma and var in [0.5, 1.5), beta and mean in [-0.2, 0.2)), so that folding or slicing them matters.
     */
    public static Map<String, Tensor> randomBatchNorms(Map<String, Tensor> weights, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        weights.forEach((k, t) -> {
            boolean scale = k.endsWith(".gamma") || k.endsWith(".running_var");
            boolean shift = k.endsWith(".beta") || k.endsWith(".running_mean");
            if (!scale && !shift) {
                out.put(k, t);
                return;
            }
            float[] v = new float[t.data().length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (scale ? 0.5 + r.nextDouble() : 0.4 * r.nextDouble() - 0.2);
            }
            out.put(k, new Tensor(t.shape(), v));
        });
        return out;
    }

    /** The largest absolute difference between two equally long arrays. */
    public static double maxDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " and " + b.length);
        }
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs((double) a[i] - b[i]));
        }
        return d;
    }
}
