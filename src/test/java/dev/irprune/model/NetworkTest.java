package dev.irprune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.irprune.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class NetworkTest {
    static final NetworkSpec SMALL = Vgg.build(new Vgg.Options(Vgg.Arch.VGG16, 0.125, 512, true, 0.5, 10),
            new InputSpec(1, 32, 32, 0.3, 0.2));

    @TempDir Path dir;

    @Test
    void saveThenLoadGivesIdenticalOutputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, Tensor> w = Weights.initial(SMALL, 42);
            NDArray x = m.randomNormal(new Shape(4, 1, 32, 32));
            float[] before;
            try (Network net = Network.create(SMALL, w, m)) {
                before = net.forward(x, false).toFloatArray();
                assertThat(net.weights()).isEqualTo(w);
                ModelFolder.save(dir, SMALL, net.weights());
            }
            ModelFolder.Contents loaded = ModelFolder.load(dir);
            assertThat(loaded.spec()).isEqualTo(SMALL);
            try (Network net = Network.create(loaded.spec(), loaded.weights(), m)) {
                float[] after = net.forward(x, false).toFloatArray();
                assertThat(after).containsExactly(before);
                assertThat(before).hasSize(4 * 10);
            }
        }
    }

    @Test
    void forwardToStopsAfterTheNamedLayer() {
        try (NDManager m = NDManager.newBaseManager(); Network net = Network.create(SMALL, Weights.initial(SMALL, 1), m)) {
            NDArray x = m.randomNormal(new Shape(2, 1, 32, 32));
            NDArray conv = net.forwardTo(x, "conv2_1_relu");
            assertThat(conv.getShape()).isEqualTo(new Shape(2, 16, 16, 16));
            assertThat(conv.min().getFloat()).isGreaterThanOrEqualTo(0f); // after ReLU
            NDArray fc = net.forwardTo(x, "fc1");
            assertThat(fc.getShape()).isEqualTo(new Shape(2, 64));
        }
    }

    @Test
    void initialWeightsFollowGlorotUniformAndAreReproducible() {
        Map<String, Tensor> a = Weights.initial(SMALL, 7);
        assertThat(Weights.initial(SMALL, 7)).isEqualTo(a);
        assertThat(Weights.initial(SMALL, 8)).isNotEqualTo(a);
        float[] k = a.get("conv2_1.weight").data();
        double limit = Math.sqrt(6.0 / (9 * 8 + 9 * 16));
        double max = 0;
        for (float v : k) {
            max = Math.max(max, Math.abs(v));
        }
        assertThat(max).isLessThanOrEqualTo(limit).isGreaterThan(0.9 * limit);
        assertThat(a.get("conv2_1.bias").data()).containsOnly(0f);
        assertThat(a.get("conv2_1_bn.gamma").data()).containsOnly(1f);
        assertThat(a.get("conv2_1_bn.running_var").data()).containsOnly(1f);
    }

    @Test
    void corruptModelFoldersAreRejectedWithOneLine() throws IOException {
        assertThatThrownBy(() -> ModelFolder.load(dir.resolve("missing")))
                .isInstanceOf(InputException.class).hasMessageContaining("model folder not found");
        Files.writeString(dir.resolve("spec.json"), "{ not json");
        assertThatThrownBy(() -> ModelFolder.load(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("spec.json: unreadable");
        Map<String, Tensor> w = new LinkedHashMap<>(Weights.initial(SMALL, 3));
        ModelFolder.save(dir, SMALL, w);
        Files.delete(dir.resolve("weights.safetensors"));
        assertThatThrownBy(() -> ModelFolder.load(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("weights.safetensors: file not found");
        w.put("conv1_1.bias", Tensor.zeros(9));
        dev.irprune.io.AtomicFiles.write(dir.resolve("weights.safetensors"), out -> SafeTensors.write(w, out));
        assertThatThrownBy(() -> ModelFolder.load(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("conv1_1.bias has shape (9), the spec needs (8)");
        Files.write(dir.resolve("weights.safetensors"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertThatThrownBy(() -> ModelFolder.load(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("does not fit");
        Files.writeString(dir.resolve("spec.json"), "{\"arch\":\"x\",\"input\":{\"channels\":1,\"height\":32,\"width\":32,"
                + "\"mean\":0,\"std\":1},\"layers\":[{\"type\":\"conv\",\"name\":\"c\",\"filters\":0,\"kernel\":3,"
                + "\"batchNorm\":false,\"l2\":0}]}");
        assertThatThrownBy(() -> ModelFolder.load(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("invalid: c: a convolution needs at least 1 filter");
    }
}
