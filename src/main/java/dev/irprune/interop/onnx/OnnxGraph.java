package dev.irprune.interop.onnx;

import dev.irprune.interop.FloatTensor;
import dev.irprune.io.InputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An ONNX model as an immutable view ({@code onnx.proto}: {@code ModelProto} and its main
 * {@code GraphProto}): IR version, operator sets, producer, metadata, the graph's nodes in file
 * order (ONNX requires a topological order), its initializers, inputs and outputs.
 *
 * @param metadata {@code metadata_props} in file order, as key/value pairs
 */
public record OnnxGraph(long irVersion, List<OpsetImport> opsets, String producerName, String producerVersion,
        List<Metadata> metadata, String graphName, List<OnnxNode> nodes, List<OnnxTensor> initializers,
        List<OnnxValueInfo> inputs, List<OnnxValueInfo> outputs) {

    /** One {@code metadata_props} entry. */
    public record Metadata(String key, String value) {
        public Metadata {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    public OnnxGraph {
        Objects.requireNonNull(producerName, "producerName");
        Objects.requireNonNull(producerVersion, "producerVersion");
        Objects.requireNonNull(graphName, "graphName");
        opsets = List.copyOf(opsets);
        metadata = List.copyOf(metadata);
        nodes = List.copyOf(nodes);
        initializers = List.copyOf(initializers);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The version of the default operator set ("" or "ai.onnx"), or 0 if the model imports none. */
    public long opsetVersion() {
        return opsets.stream().filter(o -> o.domain().isEmpty() || o.domain().equals("ai.onnx"))
                .mapToLong(OpsetImport::version).findFirst().orElse(0);
    }

    public Optional<OnnxTensor> initializer(String name) {
        return initializers.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The op types of the nodes, in order. */
    public List<String> opTypes() {
        return nodes.stream().map(OnnxNode::opType).toList();
    }

    /**
     * The value a Constant node produces under {@code name}: its {@code value} tensor, or a tensor made
     * from {@code value_float(s)} / {@code value_int(s)}.
     */
    public Optional<OnnxTensor> constant(String name) {
        return nodes.stream().filter(n -> n.opType().equals("Constant") && n.domain().isEmpty() && n.outputs().contains(name))
                .findFirst().flatMap(n -> OnnxProtos.constantValue(n, name));
    }

    /**
     * The float32 values of an initializer or Constant output.
     *
     * @throws InputException if there is neither under that name, or it is not floating-point
     */
    public FloatTensor floats(String name) {
        return tensor(name).toFloatTensor();
    }

    /**
     * The integer values of an initializer or Constant output (e.g. a Reshape's shape).
     *
     * @throws InputException if there is neither under that name, or it is not INT64/INT32
     */
    public long[] longs(String name) {
        return tensor(name).longs();
    }

    private OnnxTensor tensor(String name) {
        return initializer(name).or(() -> constant(name))
                .orElseThrow(() -> new InputException("no initializer or Constant named '" + name + "'"));
    }

    /** The graph inputs that are not initializers (older exports list initializers as inputs too). */
    public List<OnnxValueInfo> dataInputs() {
        Set<String> init = initializers.stream().map(OnnxTensor::name).collect(Collectors.toSet());
        return inputs.stream().filter(i -> !init.contains(i.name())).toList();
    }

    /** The nodes whose inputs include {@code value}. */
    public List<OnnxNode> consumers(String value) {
        return nodes.stream().filter(n -> n.inputs().contains(value)).toList();
    }
}
