package dev.irprune.model;

import dev.irprune.io.InputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The named weight tensors a spec needs, their L2 coefficients, and the reference program's
 * initialisation (Glorot-uniform kernels, zero biases; batch norm scale 1, shift 0, running mean 0,
 * running variance 1). Names are {@code <node>.<param>}: a convolution's {@code weight} (out, in, kh,
 * kw) and {@code bias} (out); a dense layer's {@code weight} (units, inputs) and {@code bias}
 * (units); batch normalisation's {@code gamma}, {@code beta}, {@code running_mean} and
 * {@code running_var} (channels).
 */
public final class Weights {
    /** Batch-norm statistics that training updates by itself, not through gradients. */
    private static final List<String> RUNNING = List.of(".running_mean", ".running_var");

    private Weights() {}

    /** Expected tensor names and shapes, in network order. */
    public static Map<String, int[]> shapes(NetworkSpec spec) {
        Map<String, int[]> out = new LinkedHashMap<>();
        Map<String, Shape> shapes = spec.shapes();
        for (NodeSpec n : spec.nodes()) {
            Shape in = shapes.get(n.inputs().get(0));
            n.accept(new ShapeVisitor(in, out, new LinkedHashMap<>()));
        }
        return out;
    }

    /** Whether training changes the tensor through its gradient (all but batch-norm running statistics). */
    public static boolean trainable(String tensor) {
        return RUNNING.stream().noneMatch(tensor::endsWith);
    }

    /** The L2 coefficient of every regularised tensor (kernels and biases of nodes with l2 > 0). */
    public static Map<String, Double> l2(NetworkSpec spec) {
        Map<String, Double> out = new LinkedHashMap<>();
        Map<String, Shape> shapes = spec.shapes();
        for (NodeSpec n : spec.nodes()) {
            ShapeVisitor v = new ShapeVisitor(shapes.get(n.inputs().get(0)), new LinkedHashMap<>(), new LinkedHashMap<>());
            n.accept(v);
            out.putAll(v.l2());
        }
        return out;
    }

    /** Fails with one line naming the first tensor that is missing, unexpected, of the wrong shape or not finite. */
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

    /** Adds the tensors of one node and the L2 coefficients of those that have one. */
    private record ShapeVisitor(Shape in, Map<String, int[]> out, Map<String, Double> l2) implements NodeSpec.Visitor<Void> {
        @Override
        public Void conv(ConvSpec c) {
            put(c.name() + ".weight", new int[] {c.filters(), in.dim(0), c.kernelH(), c.kernelW()}, c.l2());
            if (c.bias()) {
                put(c.name() + ".bias", new int[] {c.filters()}, c.l2());
            }
            return null;
        }

        private void put(String name, int[] shape, double lambda) {
            out.put(name, shape);
            if (lambda > 0) {
                l2.put(name, lambda);
            }
        }

        @Override
        public Void batchNorm(BatchNormSpec b) {
            for (String p : new String[] {"gamma", "beta", "running_mean", "running_var"}) {
                out.put(b.name() + "." + p, new int[] {in.dim(0)});
            }
            return null;
        }

        @Override
        public Void dense(DenseSpec d) {
            put(d.name() + ".weight", new int[] {d.units(), in.dim(0)}, d.l2());
            if (d.bias()) {
                put(d.name() + ".bias", new int[] {d.units()}, d.l2());
            }
            return null;
        }

        @Override
        public Void activation(ActivationSpec a) {
            return null;
        }

        @Override
        public Void pool(PoolSpec p) {
            return null;
        }

        @Override
        public Void globalPool(GlobalPoolSpec g) {
            return null;
        }

        @Override
        public Void flatten(FlattenSpec f) {
            return null;
        }

        @Override
        public Void dropout(DropoutSpec d) {
            return null;
        }

        @Override
        public Void add(AddSpec a) {
            return null;
        }

        @Override
        public Void padChannels(PadChannelsSpec p) {
            return null;
        }

        @Override
        public Void output(OutputSpec o) {
            return null;
        }
    }
}
