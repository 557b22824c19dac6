package dev.irprune.interop.onnx;

import dev.irprune.interop.FloatTensor;
import dev.irprune.model.ActivationSpec;
import dev.irprune.model.AddSpec;
import dev.irprune.model.BatchNormFolding;
import dev.irprune.model.BatchNormSpec;
import dev.irprune.model.ConvSpec;
import dev.irprune.model.DenseSpec;
import dev.irprune.model.DropoutSpec;
import dev.irprune.model.FlattenLayouts;
import dev.irprune.model.FlattenSpec;
import dev.irprune.model.GlobalPoolSpec;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.NodeSpec;
import dev.irprune.model.OutputSpec;
import dev.irprune.model.PadChannelsSpec;
import dev.irprune.model.PoolSpec;
import dev.irprune.model.Shape;
import dev.irprune.model.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An IRPrune network (pruned or not) as an ONNX model for inference ({@link OnnxModelBuilder}):
 * batch normalisation folded into the convolutions before it ({@link BatchNormFolding}), NHWC
 * flattens turned into NCHW ({@link FlattenLayouts#toNchw}), then one ONNX node per IRPrune node,
 * named like it, its weights as initializers under IRPrune's names ({@code conv1_1.weight}, ...):
 * Conv (padding resolved to explicit pads for the network's input size), BatchNormalization (where
 * one could not be folded), Relu / Tanh / Sigmoid / Identity, MaxPool, AveragePool,
 * GlobalAveragePool, Flatten, Gemm (transB = 1, with an activation node after it if the dense layer
 * has one), Dropout (identity in inference, its ratio kept), Add, Pad (channels, for ResNet shortcut
 * A). The input {@code input} is N x C x H x W float32 with a dynamic batch axis {@code batch},
 * preprocessed as the network expects: preprocessing is recorded in the metadata
 * ({@link OnnxMetadata}), not folded into the graph; the output {@code logits} is N x classes (a
 * softmax network's probabilities are softmax(logits); {@code irprune.output} says which).
 * Opsets 13 to 17 (what onnx 1.12's checker and ONNX Runtime 1.23 both accept).
 */
public final class OnnxExport {
    public static final int MIN_OPSET = 13;
    public static final int MAX_OPSET = 17;
    public static final String INPUT = "input";
    public static final String OUTPUT = "logits";

    private final OnnxModelBuilder b;
    private final Map<String, Shape> shapes;
    private final Map<String, Tensor> w;
    private final Map<String, String> values = new HashMap<>();

    private OnnxExport(OnnxModelBuilder b, NetworkSpec spec, Map<String, Tensor> w) {
        this.b = b;
        this.shapes = spec.shapes();
        this.w = w;
        values.put(NetworkSpec.INPUT, INPUT);
        String last = spec.output().input();
        for (NodeSpec n : spec.nodes()) {
            values.put(n.name(), n.name().equals(last) ? OUTPUT : n.name().equals(OUTPUT) ? OUTPUT + "_" : n.name());
        }
    }

    /**
     * The ONNX model of the network.
     *
     * @param metadata more {@code metadata_props} entries (after IRPrune's own)
     * @throws IllegalArgumentException if the opset is outside 13..17 or the weights do not fit the spec
     */
    public static OnnxModelBuilder of(NetworkSpec spec, Map<String, Tensor> weights, int opset, Map<String, String> metadata) {
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new IllegalArgumentException("opset " + opset + " is not supported: IRPrune writes opsets " + MIN_OPSET + " to " + MAX_OPSET);
        }
        ModelFolder.Contents folded = BatchNormFolding.fold(spec, weights);
        ModelFolder.Contents net = FlattenLayouts.toNchw(folded.spec(), folded.weights());
        NetworkSpec s = net.spec();
        OnnxModelBuilder b = OnnxModelBuilder.create(s.arch()).opset(opset)
                .producer("IRPrune", dev.irprune.run.Versions.current().irprune());
        OnnxMetadata.of(s.arch(), s.input(), s.output().kind()).forEach(b::metadata);
        metadata.forEach(b::metadata);
        b.input(new OnnxValueInfo(INPUT, dev.irprune.interop.onnx.proto.Onnx.TensorProto.DataType.FLOAT, List.of(OnnxDim.symbol("batch"),
                OnnxDim.of(s.input().channels()), OnnxDim.of(s.input().height()), OnnxDim.of(s.input().width()))));
        b.output(new OnnxValueInfo(OUTPUT, dev.irprune.interop.onnx.proto.Onnx.TensorProto.DataType.FLOAT,
                List.of(OnnxDim.symbol("batch"), OnnxDim.of(s.classes()))));
        OnnxExport e = new OnnxExport(b, s, net.weights());
        for (NodeSpec n : s.nodes()) {
            n.accept(e.new Emit(n));
        }
        return b;
    }

    private String in(String node) {
        return values.get(node);
    }

    private String weight(String name) {
        Tensor t = w.get(name);
        b.initializer(name, new FloatTensor(t.shape(), t.data()));
        return name;
    }

    private static long[] longs(int... v) {
        return java.util.Arrays.stream(v).asLongStream().toArray();
    }

    /** The ONNX nodes of one IRPrune node. */
    private final class Emit implements NodeSpec.Visitor<Void> {
        private final NodeSpec n;
        private final Shape inShape;

        Emit(NodeSpec n) {
            this.n = n;
            this.inShape = shapes.get(n.inputs().get(0));
        }

        private void node(String op, List<String> inputs, OnnxAttribute... attributes) {
            node(n.name(), op, inputs, values.get(n.name()), attributes);
        }

        private void node(String name, String op, List<String> inputs, String output, OnnxAttribute... attributes) {
            b.node(new OnnxNode(name, op, "", inputs, List.of(output), List.of(attributes)));
        }

        /** pads as ONNX orders them: top, left, bottom, right. */
        private OnnxAttribute pads(dev.irprune.model.Padding p, int kh, int kw, int sh, int sw) {
            int[] r = p.resolve(inShape.dim(1), inShape.dim(2), kh, kw, sh, sw);
            return OnnxAttribute.ints("pads", r[0], r[2], r[1], r[3]);
        }

        @Override
        public Void conv(ConvSpec c) {
            List<String> inputs = new ArrayList<>(List.of(in(c.input()), weight(c.name() + ".weight")));
            if (c.bias()) {
                inputs.add(weight(c.name() + ".bias"));
            }
            node("Conv", inputs, OnnxAttribute.ints("kernel_shape", c.kernelH(), c.kernelW()),
                    OnnxAttribute.ints("strides", c.strideH(), c.strideW()), pads(c.padding(), c.kernelH(), c.kernelW(), c.strideH(), c.strideW()),
                    OnnxAttribute.ints("dilations", 1, 1), OnnxAttribute.of("group", 1L));
            return null;
        }

        @Override
        public Void batchNorm(BatchNormSpec bn) {
            String p = bn.name() + ".";
            node("BatchNormalization", List.of(in(bn.input()), weight(p + "gamma"), weight(p + "beta"), weight(p + "running_mean"),
                    weight(p + "running_var")), OnnxAttribute.of("epsilon", (float) bn.epsilon()), OnnxAttribute.of("momentum", (float) bn.momentum()));
            return null;
        }

        @Override
        public Void activation(ActivationSpec a) {
            node(op(a.function()), List.of(in(a.input())));
            return null;
        }

        @Override
        public Void pool(PoolSpec p) {
            List<OnnxAttribute> attrs = new ArrayList<>(List.of(OnnxAttribute.ints("kernel_shape", p.sizeH(), p.sizeW()),
                    OnnxAttribute.ints("strides", p.strideH(), p.strideW()), pads(p.padding(), p.sizeH(), p.sizeW(), p.strideH(), p.strideW())));
            if (p.kind() == PoolSpec.Kind.AVG) {
                attrs.add(OnnxAttribute.of("count_include_pad", p.countPadding() ? 1L : 0L));
            }
            node(p.kind() == PoolSpec.Kind.MAX ? "MaxPool" : "AveragePool", List.of(in(p.input())), attrs.toArray(OnnxAttribute[]::new));
            return null;
        }

        @Override
        public Void globalPool(GlobalPoolSpec g) {
            node("GlobalAveragePool", List.of(in(g.input())));
            return null;
        }

        @Override
        public Void flatten(FlattenSpec f) {
            node("Flatten", List.of(in(f.input())), OnnxAttribute.of("axis", 1L));
            return null;
        }

        @Override
        public Void dense(DenseSpec d) {
            List<String> inputs = new ArrayList<>(List.of(in(d.input()), weight(d.name() + ".weight")));
            if (d.bias()) {
                inputs.add(weight(d.name() + ".bias"));
            }
            boolean activated = d.activation() != dev.irprune.model.Activation.IDENTITY;
            String linear = activated ? d.name() + "/linear" : values.get(d.name());
            node(d.name(), "Gemm", inputs, linear, OnnxAttribute.of("transB", 1L));
            if (activated) {
                node(d.name() + "/" + op(d.activation()).toLowerCase(java.util.Locale.ROOT), op(d.activation()), List.of(linear),
                        values.get(d.name()));
            }
            return null;
        }

        @Override
        public Void dropout(DropoutSpec d) {
            b.initializer(d.name() + ".ratio", FloatTensor.scalar((float) d.rate()));
            node("Dropout", List.of(in(d.input()), d.name() + ".ratio"));
            return null;
        }

        @Override
        public Void add(AddSpec a) {
            String sum = in(a.inputs().get(0));
            for (int i = 1; i < a.inputs().size(); i++) {
                String out = i == a.inputs().size() - 1 ? values.get(a.name()) : a.name() + "/sum" + i;
                node(i == a.inputs().size() - 1 ? a.name() : out, "Add", List.of(sum, in(a.inputs().get(i))), out);
                sum = out;
            }
            return null;
        }

        @Override
        public Void padChannels(PadChannelsSpec p) {
            b.int64Initializer(p.name() + ".pads", longs(0, p.before(), 0, 0, 0, p.after(), 0, 0), 8);
            node("Pad", List.of(in(p.input()), p.name() + ".pads"), OnnxAttribute.of("mode", "constant"));
            return null;
        }

        @Override
        public Void output(OutputSpec o) {
            return null;
        }

        private String op(dev.irprune.model.Activation f) {
            return switch (f) {
                case RELU -> "Relu";
                case TANH -> "Tanh";
                case SIGMOID -> "Sigmoid";
                case IDENTITY -> "Identity";
            };
        }
    }
}
