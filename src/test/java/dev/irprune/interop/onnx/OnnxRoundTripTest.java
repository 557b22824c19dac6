package dev.irprune.interop.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irprune.interop.FloatTensor;
import dev.irprune.interop.onnx.proto.Onnx.TensorProto.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the builder writes, the reader reads back the same; the same calls give the same bytes. */
@Tag("fast")
class OnnxRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void everythingWrittenIsReadBack() throws Exception {
        Path file = tmp.resolve("tiny.onnx");
        TinyCnn.builder().write(file);
        OnnxGraph g = OnnxReader.read(file);
        assertThat(g.irVersion()).isEqualTo(8);
        assertThat(g.opsets()).containsExactly(new OpsetImport("", 13));
        assertThat(g.opsetVersion()).isEqualTo(13);
        assertThat(g.producerName()).isEqualTo("IRPrune");
        assertThat(g.producerVersion()).isEqualTo("test");
        assertThat(g.metadata()).containsExactly(new OnnxGraph.Metadata("purpose", "interop test"));
        assertThat(g.graphName()).isEqualTo("tiny_cnn");
        assertThat(g.opTypes()).containsExactly("Conv", "Relu", "GlobalAveragePool", "Flatten", "Gemm");
        OnnxNode conv = g.nodes().get(0);
        assertThat(conv.name()).isEqualTo("Conv_0");
        assertThat(conv.inputs()).containsExactly("x", "conv.weight", "conv.bias");
        assertThat(conv.outputs()).containsExactly("conv");
        assertThat(conv.intsAttribute("pads")).containsExactly(1L, 1L, 1L, 1L);
        assertThat(conv.intsAttribute("dilations")).isEmpty();
        OnnxNode gemm = g.nodes().get(4);
        assertThat(gemm.name()).isEqualTo("Gemm_4");
        assertThat(gemm.intAttribute("transB", 0)).isEqualTo(1);
        assertThat(gemm.intAttribute("transA", 0)).isZero();
        assertThat(gemm.floatAttribute("alpha", 0)).isEqualTo(1f);
        assertThat(g.nodes().get(3).intAttribute("axis", 0)).isEqualTo(1);
        assertThat(g.initializers()).extracting(OnnxTensor::name).containsExactly("conv.weight", "conv.bias", "fc.weight", "fc.bias");
        FloatTensor w = g.floats("conv.weight");
        assertThat(w.shape()).containsExactly(2, 1, 3, 3);
        assertThat(w.get(0)).isEqualTo(1f);
        assertThat(w.get(13)).isEqualTo(1f);
        assertThat(w.get(12)).isEqualTo(0f);
        assertThat(g.floats("fc.bias").values()).containsExactly(0.5f, -1f, 0f);
        assertThat(g.inputs()).containsExactly(OnnxValueInfo.floats("x", 1, 1, 4, 4));
        assertThat(g.dataInputs()).containsExactly(OnnxValueInfo.floats("x", 1, 1, 4, 4));
        assertThat(g.outputs()).containsExactly(OnnxValueInfo.floats("y", 1, 3));
        assertThat(g.consumers("relu")).extracting(OnnxNode::opType).containsExactly("GlobalAveragePool");
        assertThat(g).isEqualTo(TinyCnn.builder().toGraph());
    }

    @Test
    void bytesAreDeterministic() throws Exception {
        byte[] a = TinyCnn.builder().toBytes();
        byte[] b = TinyCnn.builder().toBytes();
        assertThat(a).isEqualTo(b);
        Path file = tmp.resolve("m.onnx");
        TinyCnn.builder().write(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(a);
        assertThat(TinyCnn.builder().metadata("x", "y").toBytes()).isNotEqualTo(a);
    }

    @Test
    void int64ShapesConstantsAndAttributesOfEveryKind() {
        OnnxTensor table = new OnnxTensor("", DataType.FLOAT, new int[] {2}, new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, (byte) 0xc0});
        OnnxGraph g = OnnxModelBuilder.create("g").opset(17).opset("com.example", 1).irVersion(8)
                .input(new OnnxValueInfo("x", DataType.FLOAT, List.of(OnnxDim.symbol("batch"), OnnxDim.of(6))))
                .int64Initializer("shape", new long[] {-1, 2, 3}, 3)
                .node("Reshape", List.of("x", "shape"), List.of("r"))
                .node("Constant", List.of(), List.of("c"), new OnnxAttribute.Tensor("value", table))
                .node("Constant", List.of(), List.of("s"), OnnxAttribute.of("value_float", 2.5f))
                .node("Constant", List.of(), List.of("k"), OnnxAttribute.ints("value_ints", 4, 5))
                .node(new OnnxNode("custom", "Thing", "com.example", List.of("r", "c", "", "s", "k"), List.of("y"), List.of(
                        OnnxAttribute.of("mode", "fast"), new OnnxAttribute.Strs("tags", List.of("a", "b")),
                        OnnxAttribute.floats("scales", 0.5f, 2f))))
                .output(new OnnxValueInfo("y", DataType.FLOAT, List.of(OnnxDim.symbol("batch"), new OnnxDim(-1, ""))))
                .toGraph();
        assertThat(g.opsets()).containsExactly(new OpsetImport("", 17), new OpsetImport("com.example", 1));
        assertThat(g.longs("shape")).containsExactly(-1, 2, 3);
        assertThat(g.initializer("shape").orElseThrow().shape()).containsExactly(3);
        assertThat(g.floats("c").values()).containsExactly(1f, -2f);
        assertThat(g.constant("c").orElseThrow().name()).isEqualTo("c");
        assertThat(g.floats("s").shape()).isEmpty();
        assertThat(g.floats("s").values()).containsExactly(2.5f);
        assertThat(g.longs("k")).containsExactly(4, 5);
        OnnxNode custom = g.nodes().get(4);
        assertThat(custom.domain()).isEqualTo("com.example");
        assertThat(custom.inputs()).containsExactly("r", "c", "", "s", "k");
        assertThat(custom.stringAttribute("mode", "")).isEqualTo("fast");
        assertThat(custom.attribute("tags")).contains(new OnnxAttribute.Strs("tags", List.of("a", "b")));
        assertThat(custom.attribute("scales")).contains(OnnxAttribute.floats("scales", 0.5f, 2f));
        assertThat(g.inputs().get(0).dims()).containsExactly(OnnxDim.symbol("batch"), OnnxDim.of(6));
        assertThat(g.inputs().get(0).shapeWithBatch(4)).containsExactly(4, 6);
        assertThat(g.outputs().get(0).dims().get(1).isFixed()).isFalse();
        assertThatThrownBy(() -> g.floats("shape")).hasMessageContaining("'shape' is INT64, not a floating-point type");
        assertThatThrownBy(() -> custom.intAttribute("mode", 0)).hasMessageContaining("attribute 'mode' is STR, not INT");
        assertThatThrownBy(() -> g.outputs().get(0).shapeWithBatch(1)).hasMessageContaining("dimension 1 that is not fixed");
        assertThatThrownBy(() -> g.floats("nothing")).hasMessageContaining("no initializer or Constant named 'nothing'");
    }

    @Test
    void nodesOutOfOrderAreABuildError() {
        OnnxModelBuilder b = OnnxModelBuilder.create("g").input("x", 1).node("Relu", List.of("z"), List.of("y")).output("y", 1);
        assertThatThrownBy(b::toBytes).isInstanceOf(IllegalStateException.class).hasMessageContaining("reads 'z'");
        OnnxModelBuilder twice = OnnxModelBuilder.create("g").input("x", 1).node("Relu", List.of("x"), List.of("x")).output("x", 1);
        assertThatThrownBy(twice::toBytes).isInstanceOf(IllegalStateException.class).hasMessageContaining("already exists");
        OnnxModelBuilder noOutput = OnnxModelBuilder.create("g").input("x", 1).node("Relu", List.of("x"), List.of("y")).output("q", 1);
        assertThatThrownBy(noOutput::toBytes).isInstanceOf(IllegalStateException.class).hasMessageContaining("'q' is produced by no node");
    }
}
