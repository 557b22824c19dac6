package dev.irprune.interop.onnx;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.irprune.interop.FloatTensor;
import dev.irprune.io.InputException;
import dev.irprune.model.Activation;
import dev.irprune.model.DenseSpec;
import dev.irprune.model.Forward;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NodeSpec;
import dev.irprune.model.OutputSpec;
import dev.irprune.model.PadChannelsSpec;
import dev.irprune.model.Preprocess;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ONNX graphs written with the builder, imported: values, fusions, names and the one-line refusals. */
@Tag("fast")
class OnnxImportTest {
    private static ModelFolder.Contents imported(OnnxModelBuilder b) {
        return OnnxImport.read(b.toGraph(), "m.onnx", "m");
    }

    @Test
    void tinyCnnComputesItsKnownLogits() {
        ModelFolder.Contents c = imported(TinyCnn.builder());
        assertThat(c.spec().nodes()).extracting(NodeSpec::name).containsExactly("conv", "Relu_1", "GlobalAveragePool_2", "Flatten_3",
                "fc", "logits");
        assertThat(c.spec().input().preprocess()).isEqualTo(Preprocess.SCALE255);
        assertThat(c.spec().arch()).isEqualTo("tiny_cnn");
        assertThat(Forward.logits(c.spec(), c.weights(), TinyCnn.INPUT, 1)).containsExactly(TinyCnn.EXPECTED, within(1e-4f));
    }

    /** x (1 x 2 x 2 x 2) -> Pad channels (1 before, 0 after) -> Flatten via Reshape(0, -1) -> MatMul + Add -> Relu -> Softmax. */
    private static OnnxModelBuilder denseChain() {
        float[] w = new float[12 * 2];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 3 - 1;
        }
        return OnnxModelBuilder.create("chain").input("x", 1, 2, 2, 2)
                .int64Initializer("pads", new long[] {0, 1, 0, 0, 0, 0, 0, 0}, 8)
                .int64Initializer("shape", new long[] {0, -1}, 2)
                .initializer("fc.weight", new FloatTensor(new int[] {12, 2}, w))
                .initializer("fc.bias", new FloatTensor(new int[] {2}, new float[] {0.5f, -100}))
                .node("Pad", List.of("x", "pads"), List.of("padded"), OnnxAttribute.of("mode", "constant"))
                .node("Reshape", List.of("padded", "shape"), List.of("flat"))
                .node("MatMul", List.of("flat", "fc.weight"), List.of("mm"))
                .node("Add", List.of("mm", "fc.bias"), List.of("sum"))
                .node("Relu", List.of("sum"), List.of("act"))
                .node("Softmax", List.of("act"), List.of("p"), OnnxAttribute.of("axis", -1L))
                .output("p", 1, 2);
    }

    @Test
    void matMulAddReluFuseIntoOneDenseLayerAndSoftmaxIsTheOutput() {
        ModelFolder.Contents c = imported(denseChain());
        List<NodeSpec> nodes = c.spec().nodes();
        assertThat(nodes).hasSize(4);
        assertThat(nodes.get(0)).isEqualTo(new PadChannelsSpec("Pad_0", "input", 1, 0));
        assertThat(nodes.get(2)).isEqualTo(new DenseSpec("fc", "Reshape_1", 2, Activation.RELU, true, 0));
        assertThat(((OutputSpec) nodes.get(3)).kind()).isEqualTo(OutputSpec.Kind.SOFTMAX);
        assertThat(c.weights().get("fc.weight").shape()).containsExactly(2, 12);
        assertThat(c.weights().get("fc.weight").data()[1]).isEqualTo(1f); // (unit 0, input 1) is the stored [1][0]: 2 % 3 - 1
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        // padded features: 4 zeros, then 1..8; unit 0: sum_k f_k * (k*2 % 3 - 1) + 0.5; unit 1 is cut to 0 by the relu
        double u0 = 0.5;
        for (int k = 4; k < 12; k++) {
            u0 += (k - 3) * ((k * 2) % 3 - 1);
        }
        assertThat(Forward.logits(c.spec(), c.weights(), x, 1)).containsExactly(new float[] {(float) u0, 0f}, within(1e-5f));
    }

    @Test
    void unsupportedOperatorsAndSettingsAreOneLineNamingTheNode() {
        OnnxModelBuilder leaky = OnnxModelBuilder.create("g").input("x", 1, 1, 2, 2)
                .node(new OnnxNode("act1", "LeakyRelu", "", List.of("x"), List.of("y"), List.of()))
                .output("y", 1, 1, 2, 2);
        assertThatThrownBy(() -> imported(leaky)).isInstanceOf(InputException.class)
                .hasMessageStartingWith("m.onnx: operator LeakyRelu (node 'act1') is not supported; IRPrune imports Conv, ");
        OnnxModelBuilder ceil = OnnxModelBuilder.create("g").input("x", 1, 1, 4, 4)
                .node(new OnnxNode("pool", "MaxPool", "", List.of("x"), List.of("y"), List.of(OnnxAttribute.ints("kernel_shape", 2, 2),
                        OnnxAttribute.of("ceil_mode", 1L))))
                .output("y", 1, 1, 2, 2);
        assertThatThrownBy(() -> imported(ceil)).isInstanceOf(InputException.class)
                .hasMessage("m.onnx: MaxPool (node 'pool'): ceil_mode 1 and dilations are not supported");
        OnnxModelBuilder computedWeight = OnnxModelBuilder.create("g").input("x", 1, 1, 2, 2)
                .node("Relu", List.of("x"), List.of("w"))
                .node(new OnnxNode("conv", "Conv", "", List.of("x", "w"), List.of("y"), List.of()))
                .output("y", 1, 1, 1, 1);
        assertThatThrownBy(() -> imported(computedWeight)).isInstanceOf(InputException.class)
                .hasMessage("m.onnx: Conv (node 'conv'): input 1 'w' is computed, not stored; only stored weights are supported");
        OnnxModelBuilder flatInput = OnnxModelBuilder.create("g").input("x", 1, 4).node("Relu", List.of("x"), List.of("y")).output("y", 1, 4);
        assertThatThrownBy(() -> imported(flatInput)).isInstanceOf(InputException.class)
                .hasMessageContaining("IRPrune needs float images N x C x H x W");
    }
}
