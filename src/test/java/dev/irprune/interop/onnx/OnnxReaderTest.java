package dev.irprune.interop.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.irprune.interop.onnx.proto.Onnx.GraphProto;
import dev.irprune.interop.onnx.proto.Onnx.ModelProto;
import dev.irprune.interop.onnx.proto.Onnx.OperatorSetIdProto;
import dev.irprune.interop.onnx.proto.Onnx.StringStringEntryProto;
import dev.irprune.interop.onnx.proto.Onnx.TensorProto;
import dev.irprune.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tensors stored the other ways ONNX allows, and files the reader refuses in one line. */
@Tag("fast")
class OnnxReaderTest {
    @TempDir
    Path tmp;

    private static byte[] model(TensorProto... initializers) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("g");
        for (TensorProto t : initializers) {
            g.addInitializer(t);
        }
        return ModelProto.newBuilder().setIrVersion(7).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(g).build().toByteArray();
    }

    @Test
    void typedFieldsReadLikeRawData() {
        TensorProto floats = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT.getNumber())
                .addDims(2).addDims(2).addFloatData(1).addFloatData(-2).addFloatData(0.25f).addFloatData(8).build();
        TensorProto halves = TensorProto.newBuilder().setName("h").setDataType(TensorProto.DataType.FLOAT16.getNumber())
                .addDims(2).addInt32Data(0x3c00).addInt32Data(0xc100).build(); // 1, -2.5
        TensorProto doubles = TensorProto.newBuilder().setName("d").setDataType(TensorProto.DataType.DOUBLE.getNumber())
                .addDims(1).addDoubleData(0.1).build();
        TensorProto ints = TensorProto.newBuilder().setName("i").setDataType(TensorProto.DataType.INT32.getNumber())
                .addDims(2).addInt32Data(7).addInt32Data(-1).build();
        TensorProto longs = TensorProto.newBuilder().setName("l").setDataType(TensorProto.DataType.INT64.getNumber())
                .addDims(1).addInt64Data(1L << 40).build();
        OnnxGraph g = OnnxReader.read(model(floats, halves, doubles, ints, longs), "m");
        assertThat(g.floats("w").shape()).containsExactly(2, 2);
        assertThat(g.floats("w").values()).containsExactly(1f, -2f, 0.25f, 8f);
        assertThat(g.floats("h").values()).containsExactly(1f, -2.5f);
        assertThat(g.floats("d").values()).containsExactly(0.1f);
        assertThat(g.longs("i")).containsExactly(7, -1);
        assertThat(g.longs("l")).containsExactly(1L << 40);
        assertThatThrownBy(() -> g.floats("i")).isInstanceOf(InputException.class).hasMessageContaining("'i' is INT32, not a floating-point type");
        assertThatThrownBy(() -> g.longs("w")).isInstanceOf(InputException.class).hasMessageContaining("'w' is FLOAT, not an integer type");
    }

    @Test
    void externalDataAndBadCountsAreRefused() {
        TensorProto external = TensorProto.newBuilder().setName("big").setDataType(1).addDims(1000)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin")).build();
        assertThatThrownBy(() -> OnnxReader.read(model(external), "m.onnx")).isInstanceOf(InputException.class)
                .hasMessage("m.onnx: tensor 'big' keeps its data in an external file (weights.bin), which is not supported");
        TensorProto shortRaw = TensorProto.newBuilder().setName("w").setDataType(1).addDims(3)
                .setRawData(ByteString.copyFrom(new byte[8])).build();
        assertThatThrownBy(() -> OnnxReader.read(model(shortRaw), "m.onnx")).isInstanceOf(InputException.class)
                .hasMessageContaining("tensor 'w': holds 8 bytes, but FLOAT [3] needs 12");
        TensorProto shortTyped = TensorProto.newBuilder().setName("w").setDataType(1).addDims(3).addFloatData(1).build();
        assertThatThrownBy(() -> OnnxReader.read(model(shortTyped), "m.onnx")).isInstanceOf(InputException.class)
                .hasMessageContaining("holds 1 values, its shape needs 3");
        TensorProto unknown = TensorProto.newBuilder().setName("u").setDataType(99).build();
        assertThatThrownBy(() -> OnnxReader.read(model(unknown), "m.onnx")).isInstanceOf(InputException.class)
                .hasMessageContaining("unknown data type 99");
    }

    @Test
    void notOnnx() throws Exception {
        Path text = Files.writeString(tmp.resolve("model.onnx"), "definitely not a protobuf model\n");
        assertThatThrownBy(() -> OnnxReader.read(text)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(text + ": not an ONNX model");
        Path empty = Files.write(tmp.resolve("empty.onnx"), new byte[0]);
        assertThatThrownBy(() -> OnnxReader.read(empty)).isInstanceOf(InputException.class)
                .hasMessage(empty + ": not an ONNX model (no graph)");
        assertThatThrownBy(() -> OnnxReader.read(tmp.resolve("missing.onnx"))).isInstanceOf(InputException.class)
                .hasMessageEndingWith("missing.onnx: file not found");
        byte[] good = TinyCnn.builder().toBytes();
        Path cut = Files.write(tmp.resolve("cut.onnx"), java.util.Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> OnnxReader.read(cut)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(cut + ": not an ONNX model");
    }
}
