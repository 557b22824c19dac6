package dev.irprune.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order of a flatten's features ({@link FlattenSpec.Layout}) moved between the spec and the
 * weights that read them. Keras flattens a map channel-minor (NHWC: feature (h W + w) C + c), so
 * the dense kernels of a Keras model expect that order; IRPrune's own networks, PyTorch and ONNX's
 * Flatten are channel-major (NCHW: c H W + h W + w). {@link #toNchw} turns a network of the first
 * kind into an equivalent one of the second by permuting the columns of the dense layers that read
 * the features, so an imported Keras model is an ordinary NCHW network from then on (and exports
 * to ONNX as a plain Flatten).
 */
public final class FlattenLayouts {
    private FlattenLayouts() {}

    /**
     * The same spec with every flatten in {@code layout}, weights untouched: how another tool's
     * weights see the network (a Keras checkpoint mapped onto an IRPrune spec is NHWC whatever the
     * spec says).
     */
    public static NetworkSpec relabel(NetworkSpec spec, FlattenSpec.Layout layout) {
        List<NodeSpec> nodes = new ArrayList<>();
        for (NodeSpec n : spec.nodes()) {
            nodes.add(n instanceof FlattenSpec f ? new FlattenSpec(f.name(), f.input(), layout) : n);
        }
        return new NetworkSpec(spec.arch(), spec.input(), nodes);
    }

    /**
     * An equivalent network whose flattens are all NCHW: for each NHWC flatten of a C x H x W map,
     * the weight columns of every dense layer reading its features (directly or through dropout and
     * activations) and the channels of batch normalisations on them are permuted, new feature
     * {@code c H W + p} taking old feature {@code p C + c}. Exactly the same function: values are
     * moved, never recomputed.
     *
     * @throws IllegalArgumentException naming the flatten if its features reach a node whose
     *     weights cannot be reordered (an addition, the output itself)
     */
    public static ModelFolder.Contents toNchw(NetworkSpec spec, Map<String, Tensor> weights) {
        Map<String, Tensor> w = new LinkedHashMap<>(weights);
        List<NodeSpec> nodes = new ArrayList<>();
        for (NodeSpec n : spec.nodes()) {
            if (n instanceof FlattenSpec f && f.layout() == FlattenSpec.Layout.NHWC) {
                Shape in = spec.shape(f.input());
                if (in.rank() == 3) {
                    int[] perm = permutation(in.dim(0), in.dim(1) * in.dim(2));
                    for (NodeSpec reader : spec.consumers(f.name())) {
                        reader.accept(new Reorder(spec, w, perm, f.name()));
                    }
                }
                nodes.add(new FlattenSpec(f.name(), f.input(), FlattenSpec.Layout.NCHW));
            } else {
                nodes.add(n);
            }
        }
        NetworkSpec out = new NetworkSpec(spec.arch(), spec.input(), nodes);
        Weights.check(out, w);
        return new ModelFolder.Contents(out, w);
    }

    /** perm[c P + p] = p C + c: for each NCHW feature, the NHWC feature it was. */
    static int[] permutation(int channels, int pixels) {
        int[] perm = new int[channels * pixels];
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < pixels; p++) {
                perm[c * pixels + p] = p * channels + c;
            }
        }
        return perm;
    }

    /** Permutes the feature axis of one reader of the flattened features, following element-wise nodes. */
    private static final class Reorder extends PartialVisitor<Void> {
        private final NetworkSpec spec;
        private final Map<String, Tensor> w;
        private final int[] perm;
        private final String flatten;

        Reorder(NetworkSpec spec, Map<String, Tensor> w, int[] perm, String flatten) {
            this.spec = spec;
            this.w = w;
            this.perm = perm;
            this.flatten = flatten;
        }

        @Override
        protected Void otherwise(NodeSpec n) {
            throw new IllegalArgumentException(flatten + ": its NHWC features reach " + n.name()
                    + ", whose inputs cannot be reordered to NCHW");
        }

        @Override
        public Void dense(DenseSpec d) {
            Tensor t = w.get(d.name() + ".weight");
            int rows = t.dim(0);
            int cols = t.dim(1);
            float[] out = new float[t.data().length];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    out[r * cols + j] = t.data()[r * cols + perm[j]];
                }
            }
            w.put(d.name() + ".weight", new Tensor(t.shape(), out));
            return null;
        }

        @Override
        public Void batchNorm(BatchNormSpec b) {
            for (String p : new String[] {"gamma", "beta", "running_mean", "running_var"}) {
                Tensor t = w.get(b.name() + "." + p);
                float[] out = new float[perm.length];
                for (int j = 0; j < perm.length; j++) {
                    out[j] = t.data()[perm[j]];
                }
                w.put(b.name() + "." + p, new Tensor(t.shape(), out));
            }
            return passOn(b);
        }

        @Override
        public Void dropout(DropoutSpec d) {
            return passOn(d);
        }

        @Override
        public Void activation(ActivationSpec a) {
            return passOn(a);
        }

        private Void passOn(NodeSpec n) {
            for (NodeSpec reader : spec.consumers(n.name())) {
                reader.accept(this);
            }
            return null;
        }
    }
}
