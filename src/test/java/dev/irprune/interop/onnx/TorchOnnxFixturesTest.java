package dev.irprune.interop.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.interop.DebianPython;
import dev.irprune.interop.Fixtures;
import dev.irprune.interop.FloatTensor;
import dev.irprune.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The models scripts/make-onnx-fixtures.py exports from PyTorch (Debian's python3-torch under
 * /usr/bin/python3; skipped without it): the reader sees the expected operators and initializer
 * shapes, batch norm folded or kept, ONNX Runtime on the files gives torch's logits to 1e-4, and so
 * does IRPrune's forward pass on the networks imported from them.
 */
@Tag("slow")
class TorchOnnxFixturesTest {
    @TempDir
    static Path out;

    @BeforeAll
    static void export() throws Exception {
        DebianPython.assumeModules("torch, onnx");
        DebianPython.Result r = DebianPython.run(Fixtures.project().resolve("scripts/make-onnx-fixtures.py").toString(),
                out.toString());
        assertThat(r.code()).as(r.output()).isZero();
    }

    private static OnnxGraph graph(String file) {
        return OnnxReader.read(out.resolve(file));
    }

    private static List<List<Integer>> shapes(OnnxGraph g) {
        return g.initializers().stream().map(t -> java.util.Arrays.stream(t.shape()).boxed().toList()).toList();
    }

    private static List<Integer> s(int... dims) {
        return java.util.Arrays.stream(dims).boxed().toList();
    }

    private static float[] floats(JsonNode array) {
        List<JsonNode> values = StreamSupport.stream(array.spliterator(), false).toList();
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values.get(i).asDouble();
        }
        return f;
    }

    /** Every file of a model runs in ONNX Runtime and reproduces torch's logits. */
    private static void runsLikeTorch(String model) throws Exception {
        JsonNode rec = Json.MAPPER.readTree(Files.readString(out.resolve(model + ".json")));
        long[] shape = StreamSupport.stream(rec.get("input_shape").spliterator(), false).mapToLong(JsonNode::asLong).toArray();
        float[] input = floats(rec.get("input"));
        float[] expected = floats(rec.get("logits"));
        assertThat(expected).hasSize(40);
        for (JsonNode file : rec.get("files")) {
            try (OnnxRuntime ort = OnnxRuntime.open(Files.readAllBytes(out.resolve(file.asText())), 1, file.asText())) {
                assertThat(ort.run(input, shape)).as(file.asText()).containsExactly(expected, within(1e-4f));
            }
        }
    }

    /** Every file of a model, imported into IRPrune, gives torch's logits on the same inputs. */
    private static void importsLikeTorch(String model) throws Exception {
        JsonNode rec = Json.MAPPER.readTree(Files.readString(out.resolve(model + ".json")));
        float[] input = floats(rec.get("input"));
        float[] expected = floats(rec.get("logits"));
        for (JsonNode file : rec.get("files")) {
            dev.irprune.model.ModelFolder.Contents c = OnnxImport.read(out.resolve(file.asText()));
            float[] logits = dev.irprune.model.Forward.logits(c.spec(), c.weights(), input, 4);
            assertThat(logits).as(file.asText()).containsExactly(expected, within(1e-4f));
        }
    }

    @Test
    void importedVggAndResNetGiveTorchsLogits() throws Exception {
        importsLikeTorch("vgg");
        importsLikeTorch("resnet");
        dev.irprune.model.NetworkSpec vgg = OnnxImport.read(out.resolve("vgg-unfolded.onnx")).spec();
        assertThat(vgg.nodes()).extracting(dev.irprune.model.NodeSpec::name).containsExactly("conv1", "bn1", "Relu", "MaxPool",
                "conv2", "MaxPool_1", "Flatten", "fc1", "fc2", "logits");
        assertThat(vgg.node("fc1")).isEqualTo(new dev.irprune.model.DenseSpec("fc1", "Flatten", 32,
                dev.irprune.model.Activation.RELU, true, 0));
        dev.irprune.model.NetworkSpec resnet = OnnxImport.read(out.resolve("resnet-unfolded.onnx")).spec();
        assertThat(resnet.nodes()).filteredOn(n -> n instanceof dev.irprune.model.AddSpec).hasSize(2);
        assertThat(resnet.has("layer2_shortcut_0")).isTrue();
        assertThat(dev.irprune.groups.ChannelGroups.prunable(resnet)).extracting(dev.irprune.groups.ChannelGroup::name)
                .contains("layer1_conv1", "layer2_conv1");
    }

    @Test
    void vgg() throws Exception {
        OnnxGraph folded = graph("vgg-folded.onnx");
        assertThat(folded.opsetVersion()).isEqualTo(13);
        assertThat(folded.producerName()).isEqualTo("pytorch");
        assertThat(folded.opTypes()).containsExactly("Conv", "Relu", "MaxPool", "Conv", "MaxPool", "Flatten", "Gemm", "Relu", "Gemm");
        assertThat(shapes(folded)).containsExactlyInAnyOrder(s(8, 1, 3, 3), s(8), s(16, 8, 3, 3), s(16), s(32, 784), s(32),
                s(10, 32), s(10));
        assertThat(folded.dataInputs()).hasSize(1);
        assertThat(folded.inputs().get(0).dims()).containsExactly(OnnxDim.symbol("batch"), OnnxDim.of(1), OnnxDim.of(28), OnnxDim.of(28));
        assertThat(folded.nodes().get(0).intsAttribute("pads")).containsExactly(1L, 1L, 1L, 1L);
        assertThat(folded.nodes().get(2).intsAttribute("kernel_shape")).containsExactly(2L, 2L);
        assertThat(folded.nodes().get(6).intAttribute("transB", 0)).isEqualTo(1);

        OnnxGraph unfolded = graph("vgg-unfolded.onnx");
        assertThat(unfolded.opTypes()).containsExactly("Conv", "BatchNormalization", "Relu", "MaxPool", "Conv", "MaxPool",
                "Flatten", "Gemm", "Relu", "Gemm");
        assertThat(unfolded.initializers()).extracting(OnnxTensor::name).containsExactly("conv1.weight", "conv1.bias",
                "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "conv2.weight", "conv2.bias", "fc1.weight",
                "fc1.bias", "fc2.weight", "fc2.bias");
        assertThat(shapes(unfolded)).containsExactly(s(8, 1, 3, 3), s(8), s(8), s(8), s(8), s(8), s(16, 8, 3, 3), s(16),
                s(32, 784), s(32), s(10, 32), s(10));
        OnnxNode bn = unfolded.nodes().get(1);
        assertThat(bn.floatAttribute("epsilon", 0)).isEqualTo(1e-5f);

        // the exporter's fusion, recomputed from the unfolded file: w' = w * g / sqrt(v + eps), b' = (b - m) * g / sqrt(v + eps) + beta
        OnnxNode conv = folded.nodes().get(0);
        FloatTensor w = unfolded.floats("conv1.weight");
        float[] b = unfolded.floats("conv1.bias").values();
        float[] g = unfolded.floats("bn1.weight").values();
        float[] beta = unfolded.floats("bn1.bias").values();
        float[] m = unfolded.floats("bn1.running_mean").values();
        float[] v = unfolded.floats("bn1.running_var").values();
        FloatTensor fw = folded.floats(conv.inputs().get(1));
        float[] fb = folded.floats(conv.inputs().get(2)).values();
        for (int o = 0; o < 8; o++) {
            double scale = g[o] / Math.sqrt(v[o] + 1e-5);
            for (int k = 0; k < 9; k++) {
                assertThat(fw.get(o * 9 + k)).isCloseTo((float) (w.get(o * 9 + k) * scale), within(1e-5f));
            }
            assertThat(fb[o]).isCloseTo((float) ((b[o] - m[o]) * scale + beta[o]), within(1e-5f));
        }
        runsLikeTorch("vgg");
    }

    @Test
    void resnet() throws Exception {
        OnnxGraph folded = graph("resnet-folded.onnx");
        assertThat(folded.opTypes()).containsExactly("Conv", "Relu", "Conv", "Relu", "Conv", "Add", "Relu", "Conv", "Relu",
                "Conv", "Conv", "Add", "Relu", "GlobalAveragePool", "Flatten", "Gemm");
        assertThat(shapes(folded)).containsExactlyInAnyOrder(s(16, 3, 3, 3), s(16), s(16, 16, 3, 3), s(16), s(16, 16, 3, 3), s(16),
                s(32, 16, 3, 3), s(32), s(32, 32, 3, 3), s(32), s(32, 16, 1, 1), s(32), s(10, 32), s(10));
        OnnxNode projection = folded.nodes().stream().filter(n -> n.opType().equals("Conv")
                && folded.floats(n.inputs().get(1)).shape()[2] == 1).findFirst().orElseThrow();
        assertThat(projection.intsAttribute("strides")).containsExactly(2L, 2L);
        assertThat(folded.consumers(projection.outputs().get(0))).extracting(OnnxNode::opType).containsExactly("Add");

        OnnxGraph unfolded = graph("resnet-unfolded.onnx");
        assertThat(unfolded.opTypes()).containsExactly("Conv", "BatchNormalization", "Relu", "Conv", "BatchNormalization", "Relu",
                "Conv", "BatchNormalization", "Add", "Relu", "Conv", "BatchNormalization", "Relu", "Conv", "BatchNormalization",
                "Conv", "BatchNormalization", "Add", "Relu", "GlobalAveragePool", "Flatten", "Gemm");
        assertThat(unfolded.initializer("layer2.shortcut.0.weight").orElseThrow().shape()).containsExactly(32, 16, 1, 1);
        assertThat(unfolded.initializer("layer2.shortcut.1.running_var").orElseThrow().shape()).containsExactly(32);
        assertThat(unfolded.initializers()).hasSize(32);
        assertThat(unfolded.inputs().get(0).shapeWithBatch(4)).containsExactly(4, 3, 32, 32);
        runsLikeTorch("resnet");
    }
}
