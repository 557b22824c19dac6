package dev.irprune.interop.onnx;

import com.google.protobuf.CodedOutputStream;
import dev.irprune.interop.FloatTensor;
import dev.irprune.interop.onnx.proto.Onnx.GraphProto;
import dev.irprune.interop.onnx.proto.Onnx.ModelProto;
import dev.irprune.interop.onnx.proto.Onnx.OperatorSetIdProto;
import dev.irprune.interop.onnx.proto.Onnx.StringStringEntryProto;
import dev.irprune.interop.onnx.proto.Onnx.TensorProto.DataType;
import dev.irprune.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds an ONNX model ({@code onnx.proto}, {@code ModelProto}) and writes it with deterministic
 * bytes: the same calls give the same file. Elements are added in call order; nodes must come in
 * topological order (every input produced by an earlier node, an initializer or a graph input),
 * which {@link #toBytes()} checks. Tensors are stored as little-endian {@code raw_data}.
 *
 * <p>Defaults: IR version 8 and opset 13 of the default domain (what Debian's onnx 1.12 checker and
 * ONNX Runtime 1.23 both accept), producer "IRPrune". A node without a name is named
 * {@code <op_type>_<k>}, k counting nodes from 0.
 */
public final class OnnxModelBuilder {
    private final String graphName;
    private long irVersion = 8;
    private final List<OpsetImport> opsets = new ArrayList<>();
    private String producerName = "IRPrune";
    private String producerVersion = "";
    private final List<OnnxGraph.Metadata> metadata = new ArrayList<>();
    private final List<OnnxValueInfo> inputs = new ArrayList<>();
    private final List<OnnxValueInfo> outputs = new ArrayList<>();
    private final List<OnnxTensor> initializers = new ArrayList<>();
    private final List<OnnxNode> nodes = new ArrayList<>();

    private OnnxModelBuilder(String graphName) {
        this.graphName = Objects.requireNonNull(graphName, "graphName");
    }

    public static OnnxModelBuilder create(String graphName) {
        return new OnnxModelBuilder(graphName);
    }

    public OnnxModelBuilder irVersion(long version) {
        if (version < 3) {
            throw new IllegalArgumentException("IR version " + version + ": opset imports need IR version 3 or later");
        }
        this.irVersion = version;
        return this;
    }

    /** The version of the default operator set (ai.onnx). */
    public OnnxModelBuilder opset(long version) {
        return opset("", version);
    }

    public OnnxModelBuilder opset(String domain, long version) {
        opsets.removeIf(o -> o.domain().equals(domain));
        opsets.add(new OpsetImport(domain, version));
        return this;
    }

    public OnnxModelBuilder producer(String name, String version) {
        this.producerName = Objects.requireNonNull(name, "name");
        this.producerVersion = Objects.requireNonNull(version, "version");
        return this;
    }

    public OnnxModelBuilder metadata(String key, String value) {
        metadata.add(new OnnxGraph.Metadata(key, value));
        return this;
    }

    /** A float input of fixed shape. */
    public OnnxModelBuilder input(String name, long... shape) {
        return input(OnnxValueInfo.floats(name, shape));
    }

    public OnnxModelBuilder input(OnnxValueInfo input) {
        inputs.add(input);
        return this;
    }

    /** A float output of fixed shape. */
    public OnnxModelBuilder output(String name, long... shape) {
        return output(OnnxValueInfo.floats(name, shape));
    }

    public OnnxModelBuilder output(OnnxValueInfo output) {
        outputs.add(output);
        return this;
    }

    /** A float32 initializer. */
    public OnnxModelBuilder initializer(String name, FloatTensor values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.size(); i++) {
            b.putFloat(values.get(i));
        }
        return initializer(new OnnxTensor(name, DataType.FLOAT, values.shape(), b.array()));
    }

    /** An int64 initializer, e.g. the target shape of a Reshape. */
    public OnnxModelBuilder int64Initializer(String name, long[] values, int... shape) {
        return initializer(OnnxProtos.longs(name, shape, Arrays.stream(values).boxed().toList()));
    }

    public OnnxModelBuilder initializer(OnnxTensor tensor) {
        initializers.add(tensor);
        return this;
    }

    /** A node of the default domain, named {@code <op_type>_<k>}. */
    public OnnxModelBuilder node(String opType, List<String> nodeInputs, List<String> nodeOutputs, OnnxAttribute... attributes) {
        return node(new OnnxNode(opType + "_" + nodes.size(), opType, "", nodeInputs, nodeOutputs, List.of(attributes)));
    }

    public OnnxModelBuilder node(OnnxNode node) {
        nodes.add(node);
        return this;
    }

    /**
     * The model as protobuf.
     *
     * @throws IllegalStateException if a node input or graph output is produced by nothing before it,
     *     a value is produced twice, or there is no output
     */
    ModelProto build() {
        checkTopology();
        GraphProto.Builder g = GraphProto.newBuilder().setName(graphName);
        nodes.forEach(n -> g.addNode(OnnxProtos.toProto(n)));
        initializers.forEach(t -> g.addInitializer(OnnxProtos.toProto(t)));
        inputs.forEach(v -> g.addInput(OnnxProtos.toProto(v)));
        outputs.forEach(v -> g.addOutput(OnnxProtos.toProto(v)));
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(irVersion).setProducerName(producerName).setGraph(g);
        if (!producerVersion.isEmpty()) {
            m.setProducerVersion(producerVersion);
        }
        List<OpsetImport> imports = opsets.stream().anyMatch(o -> o.domain().isEmpty()) ? opsets
                : java.util.stream.Stream.concat(java.util.stream.Stream.of(new OpsetImport("", 13)), opsets.stream()).toList();
        imports.forEach(o -> m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(o.domain()).setVersion(o.version())));
        metadata.forEach(e -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(e.key()).setValue(e.value())));
        return m.build();
    }

    private void checkTopology() {
        Set<String> known = new HashSet<>();
        inputs.forEach(v -> known.add(v.name()));
        initializers.forEach(t -> known.add(t.name()));
        for (OnnxNode n : nodes) {
            for (String in : n.inputs()) {
                if (!in.isEmpty() && !known.contains(in)) {
                    throw new IllegalStateException("node '" + n.name() + "' reads '" + in + "', which nothing before it produces");
                }
            }
            for (String out : n.outputs()) {
                if (!known.add(out)) {
                    throw new IllegalStateException("node '" + n.name() + "' produces '" + out + "', which already exists");
                }
            }
        }
        if (outputs.isEmpty()) {
            throw new IllegalStateException("the graph has no output");
        }
        for (OnnxValueInfo o : outputs) {
            if (!known.contains(o.name())) {
                throw new IllegalStateException("graph output '" + o.name() + "' is produced by no node");
            }
        }
    }

    /** The model's bytes, serialized deterministically. */
    public byte[] toBytes() {
        ModelProto m = build();
        byte[] out = new byte[m.getSerializedSize()];
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        coded.useDeterministicSerialization();
        try {
            m.writeTo(coded);
            coded.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The model as IRPrune's view, as a reader would see the written file. */
    public OnnxGraph toGraph() {
        return OnnxReader.view(build(), graphName);
    }

    /** Writes the model to {@code file} atomically (a temporary file, then a move). */
    public void write(Path file) {
        byte[] bytes = toBytes();
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
