package dev.irprune.interop.keras;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irprune.interop.Fixtures;
import dev.irprune.io.InputException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not Keras files, or broken ones, fail with one line naming the file and the problem. */
@Tag("fast")
class KerasErrorsTest {
    @TempDir
    Path tmp;

    private static void zip(Path file, String... namesAndContents) throws Exception {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(namesAndContents[i]));
                z.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
    }

    @Test
    void notKeras() throws Exception {
        Path text = Files.writeString(tmp.resolve("model.h5"), "hello, not HDF5");
        assertThatThrownBy(() -> KerasFiles.read(text)).isInstanceOf(InputException.class)
                .hasMessage(text + ": not a Keras file: neither HDF5 (.h5, .weights.h5) nor a zip (.keras)");
        assertThatThrownBy(() -> KerasFiles.read(tmp.resolve("missing.h5"))).isInstanceOf(InputException.class)
                .hasMessageEndingWith("missing.h5: file not found");
        Path plain = tmp.resolve("plain.h5");
        try (WritableHdfFile w = HdfFile.write(plain)) {
            w.putDataset("x", new float[] {1, 2});
        }
        assertThatThrownBy(() -> KerasFiles.read(plain)).isInstanceOf(InputException.class)
                .hasMessageContaining("not in a Keras layout");
    }

    @Test
    void brokenArchives() throws Exception {
        Path noWeights = tmp.resolve("a.keras");
        zip(noWeights, "config.json", "{\"class_name\": \"Sequential\"}", "model.weights.npz", "x");
        assertThatThrownBy(() -> KerasFiles.read(noWeights)).isInstanceOf(InputException.class)
                .hasMessageContaining("without model.weights.h5").hasMessageContaining("npz");
        Path badJson = tmp.resolve("b.keras");
        zip(badJson, "config.json", "{not json", "model.weights.h5", "x");
        assertThatThrownBy(() -> KerasFiles.read(badJson)).isInstanceOf(InputException.class)
                .hasMessageContaining("config.json is not JSON");
        Path noConfig = tmp.resolve("c.keras");
        zip(noConfig, "other.txt", "x");
        assertThatThrownBy(() -> KerasFiles.read(noConfig)).isInstanceOf(InputException.class)
                .hasMessageContaining("without config.json");
        Path badWeights = tmp.resolve("d.keras");
        zip(badWeights, "config.json", "{}", "model.weights.h5", "not hdf5 at all");
        assertThatThrownBy(() -> KerasFiles.read(badWeights)).isInstanceOf(InputException.class)
                .hasMessageContaining("d.keras!model.weights.h5: unreadable or corrupt HDF5");
    }

    @Test
    void aTruncatedH5() throws Exception {
        byte[] b = Files.readAllBytes(Fixtures.resource("keras-layouts/tiny-keras2.weights.h5"));
        Path cut = Files.write(tmp.resolve("cut.h5"), java.util.Arrays.copyOf(b, 3000));
        assertThatThrownBy(() -> KerasFiles.read(cut)).isInstanceOf(InputException.class).hasMessageStartingWith(cut.toString());
    }
}
