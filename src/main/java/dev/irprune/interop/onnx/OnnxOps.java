package dev.irprune.interop.onnx;

import static dev.irprune.interop.onnx.OnnxArgs.decimal;
import static dev.irprune.interop.onnx.OnnxArgs.padding;
import static dev.irprune.interop.onnx.OnnxArgs.pair;
import static dev.irprune.interop.onnx.OnnxArgs.scale;
import static dev.irprune.interop.onnx.OnnxArgs.tensor;
import static dev.irprune.interop.onnx.OnnxArgs.transpose;

import dev.irprune.interop.FloatTensor;
import dev.irprune.model.Activation;
import dev.irprune.model.ActivationSpec;
import dev.irprune.model.AddSpec;
import dev.irprune.model.BatchNormSpec;
import dev.irprune.model.ConvSpec;
import dev.irprune.model.DenseSpec;
import dev.irprune.model.DropoutSpec;
import dev.irprune.model.FlattenSpec;
import dev.irprune.model.GlobalPoolSpec;
import dev.irprune.model.PadChannelsSpec;
import dev.irprune.model.PoolSpec;
import dev.irprune.model.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each supported ONNX operator ({@code onnx/docs/Operators.md}) becomes IRPrune nodes, with the
 * operator's defaults: Conv (group 1, dilations 1; pads [top, left, bottom, right]; auto_pad
 * SAME_UPPER is TensorFlow's SAME), MaxPool and AveragePool (ceil_mode 0; count_include_pad),
 * BatchNormalization (inference mode; epsilon 1e-5 and momentum 0.9 by default), Gemm (alpha and
 * beta folded into the weights; transA 0), MatMul by a stored [in, out] matrix, Add (of two
 * computed values, or of a bias after MatMul), Flatten (axis 1) and Reshape to (batch, features),
 * Pad of channels only (constant zeros), Dropout (ratio from its input or attribute, default 0.5),
 * Softmax on the class axis as the last operator.
 */
final class OnnxOps {
    /** Maps one ONNX node onto the network being built. */
    @FunctionalInterface
    interface Mapper {
        void map(OnnxNode n, OnnxImport m);
    }

    static final Map<String, Mapper> MAPPERS = mappers();

    private OnnxOps() {}

    private static Map<String, Mapper> mappers() {
        Map<String, Mapper> m = new LinkedHashMap<>();
        m.put("Conv", OnnxOps::conv);
        m.put("BatchNormalization", OnnxOps::batchNorm);
        m.put("Relu", (n, x) -> activation(n, x, Activation.RELU));
        m.put("Tanh", (n, x) -> activation(n, x, Activation.TANH));
        m.put("Sigmoid", (n, x) -> activation(n, x, Activation.SIGMOID));
        m.put("MaxPool", (n, x) -> pool(n, x, PoolSpec.Kind.MAX));
        m.put("AveragePool", (n, x) -> pool(n, x, PoolSpec.Kind.AVG));
        m.put("GlobalAveragePool", (n, x) -> x.add(n, new GlobalPoolSpec(x.name(n, -1), x.input(n, 0)), n.outputs().get(0), Map.of()));
        m.put("Flatten", OnnxOps::flatten);
        m.put("Reshape", OnnxOps::reshape);
        m.put("Gemm", OnnxOps::gemm);
        m.put("MatMul", OnnxOps::matMul);
        m.put("Add", OnnxOps::add);
        m.put("Pad", OnnxOps::pad);
        m.put("Dropout", OnnxOps::dropout);
        m.put("Identity", (n, x) -> x.alias(n.outputs().get(0), x.input(n, 0)));
        m.put("Softmax", OnnxOps::softmax);
        m.put("Constant", (n, x) -> { });
        return java.util.Collections.unmodifiableMap(m);
    }

    private static void conv(OnnxNode n, OnnxImport m) {
        String in = m.input(n, 0);
        FloatTensor w = m.floats(n, 1);
        int[] s = w.shape();
        if (s.length != 4) {
            throw m.error(n, "a " + s.length + "-D weight; only 2-D convolutions (a 4-D weight) are supported");
        }
        if (n.intAttribute("group", 1) != 1 || n.intsAttribute("dilations").stream().anyMatch(d -> d != 1)) {
            throw m.error(n, "grouped or dilated convolutions are not supported");
        }
        if (s[1] != m.shape(in).dim(0)) {
            throw m.error(n, "its weight " + java.util.Arrays.toString(s) + " takes " + s[1] + " channels, its input has " + m.shape(in).dim(0));
        }
        int[] st = pair(n, "strides", 1);
        boolean bias = n.inputs().size() > 2 && !n.inputs().get(2).isEmpty();
        String name = m.name(n, 1);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weights.put(name + ".weight", new Tensor(s, w.values()));
        if (bias) {
            weights.put(name + ".bias", tensor(m.floats(n, 2), s[0], m, n));
        }
        m.add(n, new ConvSpec(name, in, s[0], s[2], s[3], st[0], st[1], padding(n, m, in, s[2], s[3], st), bias, 0),
                n.outputs().get(0), weights);
    }

    private static void batchNorm(OnnxNode n, OnnxImport m) {
        String in = m.input(n, 0);
        if (n.intAttribute("training_mode", 0) != 0) {
            throw m.error(n, "training_mode 1 is not supported (export the model in inference mode)");
        }
        m.onlyFirstOutput(n);
        int c = m.shape(in).dim(0);
        String name = m.name(n, 1);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        String[] params = {"gamma", "beta", "running_mean", "running_var"};
        for (int i = 0; i < 4; i++) {
            weights.put(name + "." + params[i], tensor(m.floats(n, i + 1), c, m, n));
        }
        m.add(n, new BatchNormSpec(name, in, decimal(n.floatAttribute("epsilon", 1e-5f)), decimal(n.floatAttribute("momentum", 0.9f))),
                n.outputs().get(0), weights);
    }

    private static void activation(OnnxNode n, OnnxImport m, Activation f) {
        String in = m.input(n, 0);
        if (m.node(in) instanceof DenseSpec d && d.activation() == Activation.IDENTITY && m.soleReader(n.inputs().get(0), n)) {
            m.replace(new DenseSpec(d.name(), d.input(), d.units(), f, d.bias(), d.l2()), n.outputs().get(0), Map.of());
            return;
        }
        m.add(n, new ActivationSpec(m.name(n, -1), in, f), n.outputs().get(0), Map.of());
    }

    private static void pool(OnnxNode n, OnnxImport m, PoolSpec.Kind kind) {
        String in = m.input(n, 0);
        m.onlyFirstOutput(n);
        if (n.intAttribute("ceil_mode", 0) != 0 || n.intsAttribute("dilations").stream().anyMatch(d -> d != 1)) {
            throw m.error(n, "ceil_mode 1 and dilations are not supported");
        }
        List<Long> k = n.intsAttribute("kernel_shape");
        if (k.size() != 2) {
            throw m.error(n, "kernel_shape must have 2 values, got " + k);
        }
        int[] st = pair(n, "strides", 1);
        int kh = Math.toIntExact(k.get(0));
        int kw = Math.toIntExact(k.get(1));
        boolean count = kind == PoolSpec.Kind.AVG && n.intAttribute("count_include_pad", 0) != 0;
        m.add(n, new PoolSpec(m.name(n, -1), in, kind, kh, kw, st[0], st[1], padding(n, m, in, kh, kw, st), count),
                n.outputs().get(0), Map.of());
    }

    private static void flatten(OnnxNode n, OnnxImport m) {
        String in = m.input(n, 0);
        if (n.intAttribute("axis", 1) != 1) {
            throw m.error(n, "axis " + n.intAttribute("axis", 1) + " is not supported (only 1: batch x features)");
        }
        toFeatures(n, m, in);
    }

    private static void reshape(OnnxNode n, OnnxImport m) {
        String in = m.input(n, 0);
        long[] t = m.longs(n, 1);
        long size = m.shape(in).size();
        boolean batchFirst = t.length == 2 && (t[0] == 0 || t[0] == -1 || t[0] > 0);
        boolean features = t.length == 2 && (t[1] == size || (t[1] == -1 && t[0] != -1));
        if (!batchFirst || !features) {
            throw m.error(n, "a reshape to " + java.util.Arrays.toString(t) + " is not supported (only to batch x features)");
        }
        toFeatures(n, m, in);
    }

    private static void toFeatures(OnnxNode n, OnnxImport m, String in) {
        if (m.shape(in).rank() == 1) {
            m.alias(n.outputs().get(0), in);
        } else {
            m.add(n, new FlattenSpec(m.name(n, -1), in, FlattenSpec.Layout.NCHW), n.outputs().get(0), Map.of());
        }
    }

    private static void gemm(OnnxNode n, OnnxImport m) {
        String in = flatInput(n, m);
        FloatTensor b = m.floats(n, 1);
        if (n.intAttribute("transA", 0) != 0 || b.rank() != 2) {
            throw m.error(n, "transA 1 or a weight that is not 2-D is not supported");
        }
        boolean transB = n.intAttribute("transB", 0) != 0;
        float[] w = transB ? b.values() : transpose(b);
        int units = transB ? b.shape()[0] : b.shape()[1];
        int inputs = transB ? b.shape()[1] : b.shape()[0];
        scale(w, n.floatAttribute("alpha", 1f));
        boolean bias = n.inputs().size() > 2 && !n.inputs().get(2).isEmpty();
        String name = m.name(n, 1);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weights.put(name + ".weight", new Tensor(new int[] {units, inputs}, w));
        if (bias) {
            Tensor c = tensor(m.floats(n, 2), units, m, n);
            scale(c.data(), n.floatAttribute("beta", 1f));
            weights.put(name + ".bias", c);
        }
        dense(n, m, new DenseSpec(name, in, units, Activation.IDENTITY, bias, 0), inputs, weights);
    }

    private static void matMul(OnnxNode n, OnnxImport m) {
        String in = flatInput(n, m);
        FloatTensor b = m.floats(n, 1);
        if (b.rank() != 2) {
            throw m.error(n, "only a product by a stored 2-D [in, out] matrix is supported");
        }
        String name = m.name(n, 1);
        Map<String, Tensor> weights = Map.of(name + ".weight", new Tensor(new int[] {b.shape()[1], b.shape()[0]}, transpose(b)));
        dense(n, m, new DenseSpec(name, in, b.shape()[1], Activation.IDENTITY, false, 0), b.shape()[0], weights);
    }

    private static void dense(OnnxNode n, OnnxImport m, DenseSpec d, int inputs, Map<String, Tensor> weights) {
        if (m.shape(d.input()).dim(0) != inputs) {
            throw m.error(n, "its weight takes " + inputs + " features, its input has " + m.shape(d.input()).dim(0));
        }
        m.add(n, d, n.outputs().get(0), weights);
    }

    private static void add(OnnxNode n, OnnxImport m) {
        List<String> in = n.inputs();
        if (in.size() != 2) {
            throw m.error(n, "an Add of " + in.size() + " inputs");
        }
        int constant = m.isConstant(in.get(0)) ? 0 : m.isConstant(in.get(1)) ? 1 : -1;
        if (constant < 0) {
            m.add(n, new AddSpec(m.name(n, -1), List.of(m.input(n, 0), m.input(n, 1))), n.outputs().get(0), Map.of());
            return;
        }
        String x = m.input(n, 1 - constant);
        if (m.node(x) instanceof DenseSpec d && !d.bias() && d.activation() == Activation.IDENTITY && m.soleReader(in.get(1 - constant), n)) {
            Tensor bias = tensor(m.floats(n, constant), d.units(), m, n);
            m.replace(new DenseSpec(d.name(), d.input(), d.units(), d.activation(), true, d.l2()), n.outputs().get(0),
                    Map.of(d.name() + ".bias", bias));
            return;
        }
        throw m.error(n, "adding a constant is supported only as the bias after a MatMul");
    }

    private static void pad(OnnxNode n, OnnxImport m) {
        String in = m.input(n, 0);
        long[] p = n.inputs().size() > 1 ? m.longs(n, 1) : n.intsAttribute("pads").stream().mapToLong(Long::longValue).toArray();
        boolean zero = n.inputs().size() < 3 || n.inputs().get(2).isEmpty() || m.floats(n, 2).get(0) == 0;
        if (!n.stringAttribute("mode", "constant").equals("constant") || !zero || p.length != 8
                || p[0] != 0 || p[2] != 0 || p[3] != 0 || p[4] != 0 || p[6] != 0 || p[7] != 0 || p[1] < 0 || p[5] < 0) {
            throw m.error(n, "only padding channels with zeros is supported (pads " + java.util.Arrays.toString(p) + ")");
        }
        m.add(n, new PadChannelsSpec(m.name(n, -1), in, (int) p[1], (int) p[5]), n.outputs().get(0), Map.of());
    }

    private static void dropout(OnnxNode n, OnnxImport m) {
        String in = m.input(n, 0);
        m.onlyFirstOutput(n);
        boolean ratioInput = n.inputs().size() > 1 && !n.inputs().get(1).isEmpty();
        double ratio = ratioInput ? decimal(m.floats(n, 1).get(0)) : decimal(n.floatAttribute("ratio", 0.5f));
        m.add(n, new DropoutSpec(m.name(n, ratioInput ? 1 : -1), in, ratio), n.outputs().get(0), Map.of());
    }

    private static void softmax(OnnxNode n, OnnxImport m) {
        String in = m.input(n, 0);
        long axis = n.intAttribute("axis", m.graph().opsetVersion() >= 13 ? -1 : 1);
        if (m.shape(in).rank() != 1 || (axis != -1 && axis != 1)
                || m.graph().outputs().stream().noneMatch(o -> o.name().equals(n.outputs().get(0)))) {
            throw m.error(n, "a softmax is supported only over the classes, as the last operator");
        }
        m.alias(n.outputs().get(0), in);
        m.softmaxOutput();
    }

    private static String flatInput(OnnxNode n, OnnxImport m) {
        String in = m.input(n, 0);
        if (m.shape(in).rank() != 1) {
            throw m.error(n, "its input is a " + m.shape(in) + " map; a dense layer needs batch x features (flatten first)");
        }
        return in;
    }
}
