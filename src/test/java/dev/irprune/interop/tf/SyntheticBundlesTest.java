package dev.irprune.interop.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.interop.tf.proto.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles written by {@link TestBundleWriter} with many small blocks, prefix-compressed keys, restart
 * points every 1 to 16 entries, snappy or not: every key and value reads back; half and double
 * tensors convert to float32.
 */
@Tag("fast")
class SyntheticBundlesTest {
    @TempDir
    Path tmp;

    @Test
    void manyBlocksAndRestartIntervals() {
        List<TestBundleWriter.Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            float[] v = new float[i % 7 + 1];
            for (int j = 0; j < v.length; j++) {
                v[j] = i * 100 + j;
            }
            tensors.add(TestBundleWriter.Tensor.floats(String.format("model/layer_%02d/kernel", i), new int[] {v.length}, v));
        }
        for (boolean snappy : new boolean[] {false, true}) {
            for (int restart : new int[] {1, 3, 16}) {
                Path prefix = tmp.resolve("b" + restart + snappy + "/cp.ckpt");
                prefix.getParent().toFile().mkdirs();
                new TestBundleWriter(200, restart, snappy).write(prefix, tensors);
                TensorBundle b = TensorBundle.open(prefix);
                assertThat(b.keys()).hasSize(60).first().isEqualTo("model/layer_00/kernel");
                assertThat(b.keys()).isSorted();
                for (int i = 0; i < 60; i++) {
                    float[] v = b.floats(String.format("model/layer_%02d/kernel", i));
                    assertThat(v).hasSize(i % 7 + 1);
                    assertThat(v[v.length - 1]).isEqualTo(i * 100 + v.length - 1);
                }
            }
        }
    }

    @Test
    void halfBfloat16AndDoubleBecomeFloats() {
        ByteBuffer half = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        half.putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x0001).putShort((short) 0x7bff); // 1, -2, 2^-24, 65504
        ByteBuffer bf = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x3fc0).putShort((short) 0xbf80); // 1.5, -1
        ByteBuffer dbl = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(-3);
        Path prefix = tmp.resolve("t");
        new TestBundleWriter(4096, 16, false).write(prefix, List.of(
                new TestBundleWriter.Tensor("h", DataType.DT_HALF, new int[] {2, 2}, half.array()),
                new TestBundleWriter.Tensor("bf", DataType.DT_BFLOAT16, new int[] {2}, bf.array()),
                new TestBundleWriter.Tensor("d", DataType.DT_DOUBLE, new int[] {2}, dbl.array())));
        TensorBundle b = TensorBundle.open(prefix);
        assertThat(b.tensor("h").shape()).containsExactly(2, 2);
        assertThat(b.floats("h")).containsExactly(1f, -2f, 0x1p-24f, 65504f);
        assertThat(b.floats("bf")).containsExactly(1.5f, -1f);
        assertThat(b.floats("d")).containsExactly(0.1f, -3f);
    }

    @Test
    void sizeThatDoesNotFitTheShapeIsRefused() {
        Path prefix = tmp.resolve("s");
        new TestBundleWriter(4096, 16, false).write(prefix, List.of(
                new TestBundleWriter.Tensor("w", DataType.DT_FLOAT, new int[] {3}, new byte[8])));
        TensorBundle b = TensorBundle.open(prefix);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.floats("w"))
                .isInstanceOf(dev.irprune.io.InputException.class).hasMessageContaining("stored size 8 bytes").hasMessageContaining("needs 12");
    }
}
