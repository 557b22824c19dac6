package dev.irprune.interop.onnx;

import dev.irprune.interop.FloatTensor;
import dev.irprune.interop.NodeNames;
import dev.irprune.io.InputException;
import dev.irprune.model.InputSpec;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.NodeSpec;
import dev.irprune.model.OutputSpec;
import dev.irprune.model.Shape;
import dev.irprune.model.Tensor;
import dev.irprune.model.Weights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model of a feed-forward CNN (such as PyTorch's {@code torch.onnx.export} of a VGG or a
 * CIFAR ResNet, or IRPrune's own export) as an IRPrune network. The graph's nodes are read in
 * order, each operator mapped by {@link OnnxOps} onto IRPrune nodes: Conv, BatchNormalization,
 * Relu, Tanh, Sigmoid, MaxPool, AveragePool, GlobalAveragePool, Flatten, Reshape (to batch x
 * features), Gemm, MatMul (+ Add of a bias), Add, Pad (of channels), Dropout, Identity, Softmax
 * (last), Constant. Weights must be initializers or Constants. An activation right after a Gemm
 * that nothing else reads becomes that dense layer's activation, a bias Add after a MatMul its
 * bias. The model needs one float input N x C x H x W (fixed C, H, W; any batch) and one output of
 * class scores; its input preprocessing (and whether the scores are a softmax network's logits)
 * is what IRPrune recorded ({@link OnnxMetadata}), else {@code scale255}. Node names come from
 * the weights' names ({@code conv1.weight} gives {@code conv1}), else from the ONNX node names
 * ({@link NodeNames}).
 */
public final class OnnxImport {
    private final OnnxGraph graph;
    private final String where;
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final List<NodeSpec> nodes = new ArrayList<>();
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private final NodeNames names = new NodeNames();
    private OutputSpec.Kind output = OutputSpec.Kind.LOGITS;

    private OnnxImport(OnnxGraph graph, String where) {
        this.graph = graph;
        this.where = where;
    }

    /**
     * @throws InputException (one line naming the file) if the file is not ONNX, an operator or an
     *     attribute value is not supported (naming the operator and the node), or the graph does not
     *     make a classifier
     */
    public static ModelFolder.Contents read(Path file) {
        return read(OnnxReader.read(file), file.toString(), stem(file));
    }

    /** The network of {@code graph}; {@code where} names it in messages, {@code name} is the arch if the model names none. */
    public static ModelFolder.Contents read(OnnxGraph graph, String where, String name) {
        return new OnnxImport(graph, where).run(name);
    }

    private ModelFolder.Contents run(String name) {
        List<OnnxValueInfo> in = graph.dataInputs();
        if (in.size() != 1 || graph.outputs().size() != 1) {
            throw new InputException(where + ": the model has " + in.size() + " inputs and " + graph.outputs().size()
                    + " outputs; IRPrune imports classifiers with one image input and one output");
        }
        List<OnnxDim> d = in.get(0).dims();
        if (d.size() != 4 || !d.get(1).isFixed() || !d.get(2).isFixed() || !d.get(3).isFixed()
                || in.get(0).elemType() != dev.irprune.interop.onnx.proto.Onnx.TensorProto.DataType.FLOAT) {
            throw new InputException(where + ": the input '" + in.get(0).name() + "' is " + in.get(0).elemType() + " " + d
                    + "; IRPrune needs float images N x C x H x W with fixed C, H and W");
        }
        InputSpec input = OnnxMetadata.input(graph, (int) d.get(1).size(), (int) d.get(2).size(), (int) d.get(3).size(), where);
        values.put(in.get(0).name(), NetworkSpec.INPUT);
        shapes.put(NetworkSpec.INPUT, input.shape());
        for (OnnxNode n : graph.nodes()) {
            if (n.opType().equals("Constant") && n.domain().isEmpty()) {
                continue;
            }
            OnnxOps.Mapper m = n.domain().isEmpty() || n.domain().equals("ai.onnx") ? OnnxOps.MAPPERS.get(n.opType()) : null;
            if (m == null) {
                throw new InputException(where + ": operator " + (n.domain().isEmpty() ? "" : n.domain() + ".") + n.opType()
                        + " (node '" + n.name() + "') is not supported; IRPrune imports " + String.join(", ", OnnxOps.MAPPERS.keySet()));
            }
            m.map(n, this);
        }
        String last = data(graph.outputs().get(0).name(), "the graph output");
        if (OnnxMetadata.get(graph, OnnxMetadata.OUTPUT).filter(k -> k.equals("softmax")).isPresent()) {
            output = OutputSpec.Kind.SOFTMAX; // IRPrune's export: the logits of a softmax network
        }
        nodes.add(new OutputSpec(unique(output == OutputSpec.Kind.SOFTMAX ? "probabilities" : "logits"), last, output));
        String arch = OnnxMetadata.get(graph, OnnxMetadata.ARCH).orElse(graph.graphName().isBlank() ? name : graph.graphName());
        try {
            NetworkSpec spec = new NetworkSpec(arch, input, nodes);
            Weights.check(spec, weights);
            return new ModelFolder.Contents(spec, weights);
        } catch (IllegalArgumentException e) {
            throw new InputException(where + ": " + e.getMessage());
        }
    }

    // ---- what the operator mappers use ----

    OnnxGraph graph() {
        return graph;
    }

    /** An error about node {@code n}, one line naming the file, the operator and the node. */
    InputException error(OnnxNode n, String what) {
        return new InputException(where + ": " + n.opType() + " (node '" + n.name() + "'): " + what);
    }

    /** The IRPrune node computing the ONNX value {@code value}. */
    String data(String value, String what) {
        String node = values.get(value);
        if (node == null) {
            throw new InputException(where + ": " + what + " '" + value + "' is "
                    + (isConstant(value) ? "a constant, not computed from the input" : "computed by no supported node before it"));
        }
        return node;
    }

    /** The IRPrune node computing input {@code i} of {@code n}. */
    String input(OnnxNode n, int i) {
        String v = n.inputs().size() > i ? n.inputs().get(i) : "";
        String node = v.isEmpty() ? null : values.get(v);
        if (node == null) {
            throw error(n, "input " + i + (v.isEmpty() ? " is missing" : " '" + v + "' is "
                    + (isConstant(v) ? "a constant where image data is expected" : "computed by no supported node before it")));
        }
        return node;
    }

    boolean isConstant(String value) {
        return graph.initializer(value).isPresent() || graph.constant(value).isPresent();
    }

    /** The float values of input {@code i} of {@code n}, which must be an initializer or a Constant. */
    FloatTensor floats(OnnxNode n, int i) {
        String v = n.inputs().size() > i ? n.inputs().get(i) : "";
        if (v.isEmpty() || !isConstant(v)) {
            throw error(n, "input " + i + (v.isEmpty() ? " is missing" : " '" + v + "' is computed, not stored; only stored weights are supported"));
        }
        try {
            return graph.floats(v);
        } catch (InputException e) {
            throw error(n, e.getMessage());
        }
    }

    /** The integer values of input {@code i} of {@code n} (a constant). */
    long[] longs(OnnxNode n, int i) {
        String v = n.inputs().size() > i ? n.inputs().get(i) : "";
        if (v.isEmpty() || !isConstant(v)) {
            throw error(n, "input " + i + " must be a constant");
        }
        try {
            return graph.longs(v);
        } catch (InputException e) {
            throw error(n, e.getMessage());
        }
    }

    Shape shape(String node) {
        return shapes.get(node);
    }

    NodeSpec node(String name) {
        return nodes.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
    }

    /** Whether {@code reader} is the only one to read ONNX value {@code value} (the graph output counts as a reader). */
    boolean soleReader(String value, OnnxNode reader) {
        return graph.consumers(value).equals(List.of(reader)) && graph.outputs().stream().noneMatch(o -> o.name().equals(value));
    }

    /** Fails unless every output of {@code n} after the first is absent or unread. */
    void onlyFirstOutput(OnnxNode n) {
        for (String o : n.outputs().subList(1, n.outputs().size())) {
            if (!o.isEmpty() && (!graph.consumers(o).isEmpty() || graph.outputs().stream().anyMatch(x -> x.name().equals(o)))) {
                throw error(n, "its output '" + o + "' is used; only the first output of this operator is supported");
            }
        }
    }

    /** The name for the IRPrune node of {@code n}: from its first weight's name, else its own. */
    String name(OnnxNode n, int weightInput) {
        String w = weightInput >= 0 && n.inputs().size() > weightInput ? n.inputs().get(weightInput) : "";
        String base = !w.contains("::") && w.lastIndexOf('.') > 0 ? w.substring(0, w.lastIndexOf('.')) : n.name();
        return unique(base.isBlank() ? n.opType().toLowerCase(java.util.Locale.ROOT) + "_" + nodes.size() : base);
    }

    private String unique(String raw) {
        return names.add(raw, "node");
    }

    /** Adds {@code spec} (with its weights) as what computes ONNX value {@code value}. */
    void add(OnnxNode n, NodeSpec spec, String value, Map<String, Tensor> nodeWeights) {
        try {
            shapes.put(spec.name(), spec.outputShape(spec.inputs().stream().map(shapes::get).toList()));
        } catch (IllegalArgumentException e) {
            throw error(n, e.getMessage());
        }
        nodes.add(spec);
        weights.putAll(nodeWeights);
        values.put(value, spec.name());
    }

    /** Replaces an earlier node (same name, same output shape) and adds weights: a fused activation or bias. */
    void replace(NodeSpec spec, String value, Map<String, Tensor> moreWeights) {
        nodes.set(nodes.indexOf(node(spec.name())), spec);
        weights.putAll(moreWeights);
        values.put(value, spec.name());
    }

    /** ONNX value {@code value} is the same as the one IRPrune node {@code node} computes. */
    void alias(String value, String node) {
        values.put(value, node);
    }

    void softmaxOutput() {
        output = OutputSpec.Kind.SOFTMAX;
    }

    private static String stem(Path file) {
        String s = file.getFileName().toString();
        return s.endsWith(".onnx") ? s.substring(0, s.length() - 5) : s;
    }
}
