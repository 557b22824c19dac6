package dev.irprune.model;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class SpecJsonTest {
    @TempDir Path dir;

    /** The same network as the version-1 file, written as a version-2 graph by hand. */
    static NetworkSpec expected() {
        return new NetworkSpec("vgg-tiny-bn", new InputSpec(1, 8, 8, 0.25, 0.5), List.of(
                ConvSpec.same("conv1_1", "input", 3, 3, true, 5e-4),
                BatchNormSpec.of("conv1_1_bn", "conv1_1"),
                new ActivationSpec("conv1_1_relu", "conv1_1_bn", Activation.RELU),
                new DropoutSpec("drop1_1", "conv1_1_relu", 0.5),
                ConvSpec.same("conv1_2", "drop1_1", 2, 3, true, 5e-4),
                new ActivationSpec("conv1_2_relu", "conv1_2", Activation.RELU),
                PoolSpec.max("pool1", "conv1_2_relu", 2),
                new FlattenSpec("flatten", "pool1", FlattenSpec.Layout.NCHW),
                new DenseSpec("fc1", "flatten", 5, Activation.RELU, true, 0.1),
                new DenseSpec("output", "fc1", 10, Activation.IDENTITY, true, 0),
                new OutputSpec("probabilities", "output", OutputSpec.Kind.SOFTMAX)));
    }

    @Test
    void aVersionOneFolderLoadsAsTheSameGraphWithItsWeightsRenamed() throws Exception {
        Path model = Files.createDirectories(dir.resolve("v1"));
        Files.copy(Path.of(getClass().getResource("/v1-model/spec.json").toURI()), model.resolve("spec.json"));
        NetworkSpec v2 = expected();
        Map<String, Tensor> v1Weights = new LinkedHashMap<>();
        Weights.initial(v2, 4).forEach((k, t) -> v1Weights.put(k.replace("conv1_1_bn.", "conv1_1.bn."), t));
        SafeTensors.write(v1Weights, Files.newOutputStream(model.resolve("weights.safetensors")));

        ModelFolder.Contents loaded = ModelFolder.load(model);
        assertThat(loaded.spec()).isEqualTo(v2);
        assertThat(loaded.weights()).isEqualTo(Weights.initial(v2, 4));
        assertThat(Costs.of(loaded.spec()).params()).isEqualTo(9 * 3 + 3 + 4 * 3 + 9 * 3 * 2 + 2 + 32 * 5 + 5 + 5 * 10 + 10);
    }

    @Test
    void versionTwoRoundTripsAndUnknownVersionsAreRefused() throws Exception {
        Path file = dir.resolve("spec.json");
        Json.writeFile(file, expected());
        assertThat(Files.readString(file)).startsWith("{\n  \"version\" : 2,");
        assertThat(SpecJson.read(file)).isEqualTo(expected());
        Files.writeString(file, Files.readString(file).replace("\"version\" : 2", "\"version\" : 3"));
        assertThatThrownBy(() -> SpecJson.read(file)).isInstanceOf(InputException.class).hasMessageContaining("version 3");
    }

    @Test
    void graphsAreCheckedAsTheyAreBuilt() {
        InputSpec in = InputSpec.of(1, 8, 8);
        assertThatThrownBy(() -> new NetworkSpec("x", in, List.of(new DenseSpec("d", "input", 3, Activation.RELU, true, 0),
                new OutputSpec("o", "d", OutputSpec.Kind.LOGITS)))).hasMessageContaining("flat input");
        assertThatThrownBy(() -> new NetworkSpec("x", in, List.of(new FlattenSpec("f", "input", FlattenSpec.Layout.NCHW),
                new FlattenSpec("g", "input", FlattenSpec.Layout.NCHW), new OutputSpec("o", "f", OutputSpec.Kind.LOGITS))))
                .hasMessageContaining("g: its output is never used");
        assertThatThrownBy(() -> new NetworkSpec("x", in, List.of(new FlattenSpec("f", "later", FlattenSpec.Layout.NCHW),
                new OutputSpec("o", "f", OutputSpec.Kind.LOGITS)))).hasMessageContaining("not the network input or an earlier node");
        assertThatThrownBy(() -> new AddSpec("a", List.of("x"))).hasMessageContaining("two inputs");
        assertThatThrownBy(() -> new ConvSpec("input", "x", 1, 3, 3, 1, 1, Padding.SAME, true, 0)).hasMessageContaining("names the network");
        // a flatten after a flat vector is the no-op it is
        NetworkSpec twice = new NetworkSpec("x", in, List.of(new FlattenSpec("f", "input", FlattenSpec.Layout.NCHW),
                new DenseSpec("d", "f", 4, Activation.RELU, true, 0), new FlattenSpec("f2", "d", FlattenSpec.Layout.NCHW),
                new OutputSpec("o", "f2", OutputSpec.Kind.LOGITS)));
        assertThat(twice.shape("f2")).isEqualTo(new Shape(4));
    }

    @Test
    void paddingFollowsTensorFlowForSameAndThePyTorchFormulaOtherwise() {
        assertThat(Padding.SAME.resolve(32, 32, 3, 3, 2, 2)).containsExactly(0, 1, 0, 1);
        assertThat(Padding.SAME.resolve(28, 28, 3, 3, 1, 1)).containsExactly(1, 1, 1, 1);
        assertThat(Padding.SAME.resolve(7, 7, 2, 2, 2, 2)).containsExactly(0, 1, 0, 1);
        assertThat(Padding.VALID.resolve(28, 28, 3, 3, 1, 1)).containsExactly(0, 0, 0, 0);
        ConvSpec s2 = new ConvSpec("c", "input", 4, 3, 3, 2, 2, Padding.SAME, false, 0);
        assertThat(s2.outputShape(List.of(Shape.chw(1, 32, 32)))).isEqualTo(Shape.chw(4, 16, 16));
        ConvSpec p1 = new ConvSpec("c", "input", 4, 3, 3, 2, 2, Padding.symmetric(1, 1), false, 0);
        assertThat(p1.outputShape(List.of(Shape.chw(1, 7, 7)))).isEqualTo(Shape.chw(4, 4, 4));
        ConvSpec valid = new ConvSpec("c", "input", 4, 3, 3, 1, 1, Padding.VALID, false, 0);
        assertThat(valid.outputShape(List.of(Shape.chw(1, 28, 28)))).isEqualTo(Shape.chw(4, 26, 26));
        assertThatThrownBy(() -> valid.outputShape(List.of(Shape.chw(1, 2, 2)))).hasMessageContaining("does not fit");
    }
}
