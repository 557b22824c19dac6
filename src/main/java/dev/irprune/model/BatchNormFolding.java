package dev.irprune.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch normalisation folded into the layer before it, for inference (as PyTorch's
 * {@code fuse_conv_bn_eval} and ONNX exporters do). A convolution (or a dense layer without
 * activation) followed by inference-mode batch normalisation computes
 * {@code gamma * (W x + b - mean) / sqrt(var + eps) + beta}, which is {@code W' x + b'} with, per
 * output channel o, {@code s_o = gamma_o / sqrt(var_o + eps)}, {@code W'[o] = s_o W[o]} (a row of
 * the (out, in, kh, kw) or (units, in) weight) and {@code b'_o = s_o (b_o - mean_o) + beta_o}
 * ({@code b_o = 0} without bias); each value is computed in double and rounded once to float.
 *
 * <p>A batch normalisation is folded when the node it reads is a convolution or an
 * identity-activation dense layer whose output nothing else reads; the producer then has a bias,
 * the batch normalisation is gone and its readers read the producer. Others (on the input, after
 * pooling or an addition) stay. The folded network computes what the original computes in
 * inference mode, up to float rounding (the README gives the largest difference measured on
 * VGG16-BN and ResNet-20). It is for inference and export only: with the batch statistics gone,
 * training would differ.
 */
public final class BatchNormFolding {
    private BatchNormFolding() {}

    /**
     * The network with every foldable batch normalisation folded (the same spec and weights if
     * there is none).
     *
     * @throws IllegalArgumentException if the weights do not fit the spec ({@link Weights#check})
     */
    public static ModelFolder.Contents fold(NetworkSpec spec, Map<String, Tensor> weights) {
        Weights.check(spec, weights);
        Map<String, Tensor> w = new LinkedHashMap<>(weights);
        Map<String, NodeSpec> replaced = new HashMap<>();
        Map<String, String> renamed = new HashMap<>();
        for (NodeSpec n : spec.nodes()) {
            if (!(n instanceof BatchNormSpec bn) || bn.input().equals(NetworkSpec.INPUT) || spec.consumers(bn.input()).size() != 1) {
                continue;
            }
            NodeSpec withBias = spec.node(bn.input()).accept(new WithBias());
            if (withBias == null) {
                continue;
            }
            absorb(w, bn, bn.input());
            replaced.put(bn.input(), withBias);
            renamed.put(bn.name(), bn.input());
        }
        if (renamed.isEmpty()) {
            return new ModelFolder.Contents(spec, weights);
        }
        List<NodeSpec> nodes = new ArrayList<>();
        for (NodeSpec n : spec.nodes()) {
            if (!renamed.containsKey(n.name())) {
                nodes.add(NodeInputs.rename(replaced.getOrDefault(n.name(), n), x -> renamed.getOrDefault(x, x)));
            }
        }
        NetworkSpec folded = new NetworkSpec(spec.arch(), spec.input(), nodes);
        Map<String, Tensor> out = new LinkedHashMap<>();
        Weights.shapes(folded).keySet().forEach(k -> out.put(k, w.get(k)));
        Weights.check(folded, out);
        return new ModelFolder.Contents(folded, out);
    }

    /** Scales the producer's weight rows and sets its bias; the batch norm's tensors are dropped. */
    private static void absorb(Map<String, Tensor> w, BatchNormSpec bn, String producer) {
        float[] gamma = w.remove(bn.name() + ".gamma").data();
        float[] beta = w.remove(bn.name() + ".beta").data();
        float[] mean = w.remove(bn.name() + ".running_mean").data();
        float[] var = w.remove(bn.name() + ".running_var").data();
        Tensor weight = w.get(producer + ".weight");
        Tensor bias = w.get(producer + ".bias");
        int rows = weight.dim(0);
        int per = weight.data().length / rows;
        float[] scaled = new float[weight.data().length];
        float[] b = new float[rows];
        for (int o = 0; o < rows; o++) {
            double s = gamma[o] / Math.sqrt((double) var[o] + bn.epsilon());
            for (int k = 0; k < per; k++) {
                scaled[o * per + k] = (float) (weight.data()[o * per + k] * s);
            }
            double b0 = bias == null ? 0 : bias.data()[o];
            b[o] = (float) ((b0 - mean[o]) * s + beta[o]);
        }
        w.put(producer + ".weight", new Tensor(weight.shape(), scaled));
        w.put(producer + ".bias", new Tensor(new int[] {rows}, b));
    }

    /** The producer with a bias if batch normalisation can fold into it, else null. */
    private static final class WithBias extends PartialVisitor<NodeSpec> {
        @Override
        protected NodeSpec otherwise(NodeSpec n) {
            return null;
        }

        @Override
        public NodeSpec conv(ConvSpec c) {
            return new ConvSpec(c.name(), c.input(), c.filters(), c.kernelH(), c.kernelW(), c.strideH(), c.strideW(), c.padding(),
                    true, c.l2());
        }

        @Override
        public NodeSpec dense(DenseSpec d) {
            return d.activation() == Activation.IDENTITY ? new DenseSpec(d.name(), d.input(), d.units(), d.activation(), true, d.l2())
                    : null;
        }
    }
}
