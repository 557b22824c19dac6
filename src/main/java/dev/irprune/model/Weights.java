package dev.irprune.model;

import dev.irprune.io.InputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The named weight tensors a spec needs, their L2 coefficients, and the reference program's
 * initialisation (Glorot-uniform kernels, zero biases; batch norm scale 1, shift 0, running mean 0,
 * running variance 1). Convolution kernels are (out, in, k, k), dense kernels (units, inputs).
 */
public final class Weights {
    private Weights() {}

    /** Expected tensor names and shapes, in network order. */
    public static Map<String, int[]> shapes(NetworkSpec spec) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            Shape in = spec.inputShape(i);
            if (layer instanceof ConvSpec c) {
                out.put(c.name() + ".weight", new int[] {c.filters(), in.dim(0), c.kernel(), c.kernel()});
                out.put(c.name() + ".bias", new int[] {c.filters()});
                if (c.batchNorm()) {
                    for (String p : new String[] {"gamma", "beta", "running_mean", "running_var"}) {
                        out.put(c.name() + ".bn." + p, new int[] {c.filters()});
                    }
                }
            } else if (layer instanceof DenseSpec d) {
                out.put(d.name() + ".weight", new int[] {d.units(), in.dim(0)});
                out.put(d.name() + ".bias", new int[] {d.units()});
            }
        }
        return out;
    }

    /** The L2 coefficient of every regularised tensor (kernels and biases of layers with l2 > 0). */
    public static Map<String, Double> l2(NetworkSpec spec) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (LayerSpec layer : spec.layers()) {
            double l2 = layer instanceof ConvSpec c ? c.l2() : layer instanceof DenseSpec d ? d.l2() : 0;
            if (l2 > 0) {
                out.put(layer.name() + ".weight", l2);
                out.put(layer.name() + ".bias", l2);
            }
        }
        return out;
    }

    /** Fails with one line naming the first tensor that is missing, unexpected or of the wrong shape. */
    public static void check(NetworkSpec spec, Map<String, Tensor> weights) {
        Map<String, int[]> expected = shapes(spec);
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            Tensor t = weights.get(e.getKey());
            if (t == null) {
                throw new InputException("weights: tensor " + e.getKey() + " is missing");
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new InputException("weights: " + e.getKey() + " has shape " + t.shapeText()
                        + ", the spec needs " + Arrays.toString(e.getValue()).replace('[', '(').replace(']', ')'));
            }
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) {
                if (!Float.isFinite(d[i])) {
                    throw new InputException("weights: " + e.getKey() + " holds a non-finite value (" + d[i] + ") at " + i);
                }
            }
        }
        for (String name : weights.keySet()) {
            if (!expected.containsKey(name)) {
                throw new InputException("weights: unexpected tensor " + name + " (not in the spec)");
            }
        }
    }

    /** Fresh weights as the reference program initialises them, reproducible from the seed. */
    public static Map<String, Tensor> initial(NetworkSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : shapes(spec).entrySet()) {
            String name = e.getKey();
            Tensor t = Tensor.zeros(e.getValue());
            if (name.endsWith(".weight")) {
                glorotUniform(t, random.split());
            } else if (name.endsWith(".gamma") || name.endsWith(".running_var")) {
                Arrays.fill(t.data(), 1f);
            }
            out.put(name, t);
        }
        return out;
    }

    private static void glorotUniform(Tensor t, SplittableRandom random) {
        int[] s = t.shape();
        long receptive = 1;
        for (int i = 2; i < s.length; i++) {
            receptive *= s[i];
        }
        double fanIn = (double) s[1] * receptive;
        double fanOut = (double) s[0] * receptive;
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
    }
}
