package dev.irprune.interop.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irprune.interop.Fixtures;
import dev.irprune.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged copies of a real bundle fail with one line naming the file, and the key or block. */
@Tag("fast")
class CorruptBundleTest {
    private static final String KERNEL0 = "layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE";

    @TempDir
    Path tmp;

    Path dir;
    Path index;
    Path data;

    @BeforeEach
    void copy() {
        dir = Fixtures.copyFolder(Fixtures.resource("tf-bundle-apache2/tfrust-keras_single_input_sequential"), tmp.resolve("v"));
        index = dir.resolve("variables.index");
        data = dir.resolve("variables.data-00000-of-00001");
    }

    private static void flip(Path file, long at) throws Exception {
        byte[] b = Files.readAllBytes(file);
        b[(int) at] ^= 0x10;
        Files.write(file, b);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> failsOneLine(Runnable r) {
        return assertThatThrownBy(r::run).isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aFlippedByteInADataBlockOfTheIndex() throws Exception {
        flip(index, 40);
        failsOneLine(() -> TensorBundle.open(dir)).hasMessageStartingWith(index.toString())
                .hasMessageContaining("data block 0").hasMessageContaining("checksum mismatch");
    }

    @Test
    void aFlippedByteInTheIndexBlock() throws Exception {
        flip(index, 1703 + 3); // the index block's offset, from INFO.md
        failsOneLine(() -> TensorBundle.open(dir)).hasMessageContaining("index block").hasMessageContaining("checksum mismatch");
    }

    @Test
    void aFlippedByteInATensor() throws Exception {
        flip(data, 7); // inside layer_with_weights-0/kernel, bytes 0..99
        TensorBundle b = TensorBundle.open(dir);
        failsOneLine(() -> b.floats(KERNEL0)).hasMessageStartingWith(data.toString())
                .hasMessageContaining("'" + KERNEL0 + "'").hasMessageContaining("checksum mismatch");
        failsOneLine(b::verify).hasMessageContaining(KERNEL0);
        assertThat(b.floats("layer_with_weights-0/bias/.ATTRIBUTES/VARIABLE_VALUE")).hasSize(5);
    }

    @Test
    void aFlippedByteInAStringTensor() throws Exception {
        flip(data, 832 + 100); // inside _CHECKPOINTABLE_OBJECT_GRAPH's string bytes
        TensorBundle b = TensorBundle.open(dir);
        failsOneLine(() -> b.bytes("_CHECKPOINTABLE_OBJECT_GRAPH")).hasMessageContaining("checksum mismatch");
    }

    @Test
    void aTruncatedIndex() throws Exception {
        byte[] b = Files.readAllBytes(index);
        Files.write(index, Arrays.copyOf(b, b.length - 10));
        failsOneLine(() -> TensorBundle.open(dir)).hasMessageStartingWith(index.toString()).hasMessageContaining("bad magic number");
        Files.write(index, Arrays.copyOf(b, 20));
        failsOneLine(() -> TensorBundle.open(dir)).hasMessageContaining("shorter than the 48-byte footer");
        Files.write(index, Arrays.copyOf(b, 0));
        failsOneLine(() -> TensorBundle.open(dir)).hasMessageContaining("0 bytes");
    }

    @Test
    void anIndexWhoseBlocksAreCutOff() throws Exception {
        byte[] b = Files.readAllBytes(index);
        byte[] cut = new byte[b.length - 1000];
        System.arraycopy(b, 1000, cut, 0, cut.length); // the footer survives, the handles point past the start
        Files.write(index, cut);
        failsOneLine(() -> TensorBundle.open(dir)).hasMessageContaining("runs past the end of the file");
    }

    @Test
    void notAnSsTable() throws Exception {
        Files.writeString(index, "this is a text file that is long enough to have a footer of forty-eight bytes\n");
        failsOneLine(() -> TensorBundle.open(dir)).hasMessageContaining("not a TensorFlow checkpoint index");
    }

    @Test
    void aTruncatedOrMissingDataFile() throws Exception {
        byte[] b = Files.readAllBytes(data);
        Files.write(data, Arrays.copyOf(b, 300));
        TensorBundle bundle = TensorBundle.open(dir);
        assertThat(bundle.floats(KERNEL0)).hasSize(25);
        failsOneLine(() -> bundle.floats("layer_with_weights-2/kernel/.OPTIMIZER_SLOT/optimizer/v/.ATTRIBUTES/VARIABLE_VALUE"))
                .hasMessageContaining("runs past the end of the file");
        Files.delete(data);
        failsOneLine(() -> bundle.floats(KERNEL0)).hasMessageStartingWith(data.toString()).hasMessageContaining("data file missing");
    }
}
