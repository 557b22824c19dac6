package dev.irprune.interop.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.interop.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model variables of Keras checkpoints, without optimizer state, grouped by layer in order. */
@Tag("fast")
class KerasCheckpointTest {
    @TempDir
    Path tmp;

    @Test
    void denseStackWithAdamSlotsKeepsOnlyTheModel() {
        KerasCheckpoint k = KerasCheckpoint.of(TensorBundle.open(Fixtures.resource("tf-bundle-apache2/tfrust-keras_single_input_sequential")));
        assertThat(k.layers()).extracting(CheckpointLayer::id)
                .containsExactly("layer_with_weights-0", "layer_with_weights-1", "layer_with_weights-2");
        assertThat(k.variables()).extracting(CheckpointVariable::key).containsExactly(
                "layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE", "layer_with_weights-0/bias/.ATTRIBUTES/VARIABLE_VALUE",
                "layer_with_weights-1/kernel/.ATTRIBUTES/VARIABLE_VALUE", "layer_with_weights-1/bias/.ATTRIBUTES/VARIABLE_VALUE",
                "layer_with_weights-2/kernel/.ATTRIBUTES/VARIABLE_VALUE", "layer_with_weights-2/bias/.ATTRIBUTES/VARIABLE_VALUE");
        assertThat(k.variables()).extracting(v -> v.entry().shape())
                .containsExactly(new int[] {5, 5}, new int[] {5}, new int[] {5, 5}, new int[] {5}, new int[] {5, 1}, new int[] {1});
        assertThat(k.layers().get(2).variable("kernel").name()).isEqualTo("kernel");
        assertThat(k.layers().get(2).variable("gamma")).isNull();
        assertThat(k.layers()).allMatch(CheckpointLayer::weightedOnly);
        // 25 + 5 + 25 + 5 + 5 + 1; INFO.md's 70 also counts the four keras_api/metrics scalars
        assertThat(k.parameterCount()).isEqualTo(66);
        assertThat(k.otherKeys()).isEmpty();
    }

    @Test
    void tf1NamesAreNotKerasLayers() {
        KerasCheckpoint k = KerasCheckpoint.of(TensorBundle.open(Fixtures.resource("tf-bundle-apache2/tfserving-half_plus_two_mkl-conv")));
        assertThat(k.layers()).isEmpty();
        assertThat(k.otherKeys()).hasSize(9).startsWith("a", "b", "c", "conv2d/bias");
    }

    @Test
    void layersSortNumericallyAndBatchNormVariablesInKerasOrder() {
        List<TestBundleWriter.Tensor> tensors = new ArrayList<>();
        for (int n : new int[] {0, 1, 2, 10, 11}) {
            tensors.add(TestBundleWriter.Tensor.floats("layer_with_weights-" + n + "/kernel/.ATTRIBUTES/VARIABLE_VALUE", new int[] {1}, n));
        }
        String bn = "layer_with_weights-3/";
        for (String name : new String[] {"moving_variance", "beta", "moving_mean", "gamma"}) {
            tensors.add(TestBundleWriter.Tensor.floats(bn + name + "/.ATTRIBUTES/VARIABLE_VALUE", new int[] {2}, 1, 2));
        }
        tensors.add(TestBundleWriter.Tensor.floats("layer-7/bias/.ATTRIBUTES/VARIABLE_VALUE", new int[] {3}, 1, 2, 3));
        tensors.add(TestBundleWriter.Tensor.floats("optimizer/_variables/1/.ATTRIBUTES/VARIABLE_VALUE", new int[] {1}, 9));
        tensors.add(TestBundleWriter.Tensor.floats("save_counter/.ATTRIBUTES/VARIABLE_VALUE", new int[] {}, 1));
        tensors.add(TestBundleWriter.Tensor.floats("layer_with_weights-1/kernel/.OPTIMIZER_SLOT/optimizer/m/.ATTRIBUTES/VARIABLE_VALUE",
                new int[] {1}, 0));
        tensors.add(TestBundleWriter.Tensor.floats("something/else", new int[] {}, 4));
        Path prefix = tmp.resolve("cp.ckpt");
        new TestBundleWriter(4096, 16, false).write(prefix, tensors);

        KerasCheckpoint k = KerasCheckpoint.of(TensorBundle.open(prefix));
        assertThat(k.layers()).extracting(CheckpointLayer::id).containsExactly("layer_with_weights-0", "layer_with_weights-1",
                "layer_with_weights-2", "layer_with_weights-3", "layer_with_weights-10", "layer_with_weights-11", "layer-7");
        assertThat(k.layers().get(3).variables()).extracting(CheckpointVariable::name)
                .containsExactly("gamma", "beta", "moving_mean", "moving_variance");
        assertThat(k.layers().get(6).weightedOnly()).isFalse();
        assertThat(k.layers().get(6).index()).isEqualTo(7);
        assertThat(k.otherKeys()).containsExactly("something/else");
        assertThat(k.parameterCount()).isEqualTo(5 + 8 + 3);
    }
}
