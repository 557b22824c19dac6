package dev.irprune.interop.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.interop.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real Keras checkpoints from public repositories, in {@code shared/fixtures/keras} (not shipped:
 * skipped when absent). Shapes, offsets and parameter counts are those listed in each INFO.md.
 */
@Tag("fast")
class RealKerasCheckpointsTest {
    private static List<int[]> shapes(KerasCheckpoint k) {
        return k.variables().stream().map(v -> v.entry().shape()).toList();
    }

    @Test
    void cosminiliesMnistCnnWithKeras211OptimizerLayout() {
        Path folder = Fixtures.shared("keras/cosminilies-mnist-cnn");
        TensorBundle b = TensorBundle.open(folder); // through the 'checkpoint' file
        assertThat(b.prefix()).isEqualTo(folder.resolve("cp.ckpt").toAbsolutePath());
        assertThat(b.keys()).hasSize(33);
        KerasCheckpoint k = KerasCheckpoint.of(b);
        assertThat(k.layers()).extracting(CheckpointLayer::id).containsExactly("layer_with_weights-0", "layer_with_weights-1",
                "layer_with_weights-2", "layer_with_weights-3", "layer_with_weights-4");
        assertThat(shapes(k)).containsExactly(new int[] {3, 3, 1, 32}, new int[] {32}, new int[] {3, 3, 32, 64}, new int[] {64},
                new int[] {3, 3, 64, 64}, new int[] {64}, new int[] {64, 64}, new int[] {64}, new int[] {64, 10}, new int[] {10});
        assertThat(k.parameterCount()).isEqualTo(60_554);
        assertThat(k.otherKeys()).isEmpty();
        BundleEntry conv1 = b.entry("layer_with_weights-1/kernel/.ATTRIBUTES/VARIABLE_VALUE");
        assertThat(conv1.offset()).isEqualTo(1280);
        assertThat(conv1.size()).isEqualTo(73_728);
        assertThat(b.floats(conv1.key())).hasSize(18_432);
        b.verify();
    }

    @Test
    void shahedsababTwoShards() {
        Path folder = Fixtures.shared("keras/shahedsabab-mnist-cnn-2shards");
        TensorBundle b = TensorBundle.open(folder.resolve("cp.ckpt"));
        assertThat(b.numShards()).isEqualTo(2);
        assertThat(b.dataFile(1).getFileName().toString()).isEqualTo("cp.ckpt.data-00001-of-00002");
        assertThat(b.entry("_CHECKPOINTABLE_OBJECT_GRAPH").shardId()).isZero();
        assertThat(b.entry("_CHECKPOINTABLE_OBJECT_GRAPH").size()).isEqualTo(3692);
        KerasCheckpoint k = KerasCheckpoint.of(b);
        assertThat(k.layers()).hasSize(4);
        assertThat(shapes(k)).containsExactly(new int[] {3, 3, 1, 32}, new int[] {32}, new int[] {3, 3, 32, 32}, new int[] {32},
                new int[] {800, 100}, new int[] {100}, new int[] {100, 10}, new int[] {10});
        assertThat(k.variables()).allMatch(v -> v.entry().shardId() == 1);
        assertThat(k.parameterCount()).isEqualTo(90_678);
        BundleEntry dense = b.entry("layer_with_weights-2/kernel/.ATTRIBUTES/VARIABLE_VALUE");
        assertThat(dense.offset()).isEqualTo(38_272);
        assertThat(b.floats(dense.key())).hasSize(80_000);
        b.verify(); // reads from both shards
    }

    @Test
    void kiteniteCheckpointAndSavedModelHoldTheSameWeights() {
        Path folder = Fixtures.shared("keras/kitenite-fmnist-dense");
        TensorBundle ckpt = TensorBundle.open(folder);
        TensorBundle saved = TensorBundle.open(folder.resolve("savedmodel_variables"));
        assertThat(saved.prefix().getFileName().toString()).isEqualTo("variables");
        KerasCheckpoint a = KerasCheckpoint.of(ckpt);
        KerasCheckpoint s = KerasCheckpoint.of(saved);
        for (KerasCheckpoint k : List.of(a, s)) {
            assertThat(shapes(k)).containsExactly(new int[] {784, 128}, new int[] {128}, new int[] {128, 10}, new int[] {10});
            assertThat(k.parameterCount()).isEqualTo(101_770);
            assertThat(k.otherKeys()).isEmpty();
        }
        assertThat(saved.keys()).contains("keras_api/metrics/0/count/.ATTRIBUTES/VARIABLE_VALUE");
        for (int i = 0; i < a.variables().size(); i++) {
            assertThat(saved.floats(s.variables().get(i).key())).containsExactly(ckpt.floats(a.variables().get(i).key()));
        }
        ckpt.verify();
        saved.verify();
    }
}
