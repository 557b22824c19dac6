package dev.irprune.interop.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.irprune.interop.FileErrors;
import dev.irprune.interop.onnx.proto.Onnx.GraphProto;
import dev.irprune.interop.onnx.proto.Onnx.ModelProto;
import dev.irprune.interop.onnx.proto.Onnx.NodeProto;
import dev.irprune.interop.onnx.proto.Onnx.StringStringEntryProto;
import dev.irprune.interop.onnx.proto.Onnx.TensorProto;
import dev.irprune.io.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ONNX model file ({@code ModelProto}, protobuf binary, as {@code onnx.proto} defines it)
 * into an {@link OnnxGraph}. Only the main graph is read; functions and training info are ignored.
 * Models whose tensors live in external data files, or with sparse initializers, are refused.
 */
public final class OnnxReader {
    private OnnxReader() {}

    /**
     * @throws InputException (one line naming the file) if the file is missing, not an ONNX model,
     *     or uses something this reader does not support
     */
    public static OnnxGraph read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw FileErrors.unreadable(file, e);
        }
    }

    /** The model in {@code bytes}; {@code where} names it in messages. */
    public static OnnxGraph read(byte[] bytes, String where) {
        try {
            return read(new java.io.ByteArrayInputStream(bytes), where);
        } catch (IOException e) {
            throw FileErrors.unreadable(where, e);
        }
    }

    private static OnnxGraph read(InputStream in, String where) throws IOException {
        ModelProto model;
        try {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            model = ModelProto.parseFrom(coded);
        } catch (InvalidProtocolBufferException e) {
            throw new InputException(where + ": not an ONNX model (not a protobuf ModelProto: " + e.getMessage() + ")", e);
        }
        if (!model.hasGraph() || model.getIrVersion() <= 0) {
            throw new InputException(where + ": not an ONNX model (no " + (model.hasGraph() ? "ir_version" : "graph") + ")");
        }
        return view(model, where);
    }

    static OnnxGraph view(ModelProto model, String where) {
        GraphProto g = model.getGraph();
        if (g.getSparseInitializerCount() > 0) {
            throw new InputException(where + ": sparse initializers are not supported");
        }
        List<OpsetImport> opsets = model.getOpsetImportList().stream().map(o -> new OpsetImport(o.getDomain(), o.getVersion())).toList();
        List<OnnxGraph.Metadata> metadata = new ArrayList<>();
        for (StringStringEntryProto e : model.getMetadataPropsList()) {
            metadata.add(new OnnxGraph.Metadata(e.getKey(), e.getValue()));
        }
        List<OnnxNode> nodes = new ArrayList<>();
        for (NodeProto n : g.getNodeList()) {
            nodes.add(OnnxProtos.node(n, where));
        }
        List<OnnxTensor> initializers = new ArrayList<>();
        for (TensorProto t : g.getInitializerList()) {
            initializers.add(OnnxProtos.tensor(t, where));
        }
        List<OnnxValueInfo> inputs = g.getInputList().stream().map(OnnxProtos::valueInfo).toList();
        List<OnnxValueInfo> outputs = g.getOutputList().stream().map(OnnxProtos::valueInfo).toList();
        return new OnnxGraph(model.getIrVersion(), opsets, model.getProducerName(), model.getProducerVersion(), metadata,
                g.getName(), nodes, initializers, inputs, outputs);
    }
}
