package dev.irprune.data;

import static dev.irprune.data.TestFiles.cifarBatch;
import static dev.irprune.data.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irprune.io.InputException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class Cifar10Test {
    @TempDir Path dir;

    @Test
    void readsRecordsAsLabelAndPlanarPixels() {
        Path a = write(dir.resolve("a.bin"), cifarBatch(4, 0));
        Path b = write(dir.resolve("b.bin"), cifarBatch(4, 7));
        ImageSet set = Cifar10.readBatches(List.of(a, b), 4);
        assertThat(set.size()).isEqualTo(8);
        assertThat(set.channels()).isEqualTo(3);
        assertThat(set.height()).isEqualTo(32);
        assertThat(set.width()).isEqualTo(32);
        assertThat(set.labels()).containsExactly(0, 1, 2, 3, 7, 8, 9, 0);
        byte[] p = set.pixels();
        // image 5 = record 1 of b: R plane starts with 1, G with 100, B with 200
        int image5 = 5 * 3072;
        assertThat(p[image5]).isEqualTo((byte) 1);
        assertThat(p[image5 + 1]).isZero();
        assertThat(p[image5 + 1024]).isEqualTo((byte) 100);
        assertThat(p[image5 + 2048] & 0xFF).isEqualTo(200);
        assertThat(p[image5 + 3071]).isZero();
    }

    @Test
    void wrongFileSize() {
        Path file = write(dir.resolve("data_batch_1.bin"), new byte[3 * 3073 + 1]);
        assertThatThrownBy(() -> Cifar10.readBatches(List.of(file), 3))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ": wrong file size 9220 bytes, expected 9219 (3 records of 1 label byte + 3072 pixel bytes)");
        Path real = write(dir.resolve("test_batch.bin"), cifarBatch(3, 0));
        assertThatThrownBy(() -> Cifar10.readTest(dir))
                .hasMessage(real + ": wrong file size 9219 bytes, expected 30730000 (10000 records of 1 label byte + 3072 pixel bytes)");
    }

    @Test
    void labelOutsideZeroToNine() {
        byte[] batch = cifarBatch(3, 0);
        batch[2 * 3073] = 10;
        Path file = write(dir.resolve("data_batch_2.bin"), batch);
        assertThatThrownBy(() -> Cifar10.readBatches(List.of(file), 3))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ": label 10 of record 2 is outside 0-9");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("data_batch_1.bin");
        assertThatThrownBy(() -> Cifar10.readTrain(dir))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ": missing file");
    }

    @Test
    void locateFindsTheFilesInTheFolderOrItsArchiveSubfolder() {
        assertThat(Cifar10.missingFiles(dir)).containsExactlyElementsOf(Cifar10.FILES);
        assertThat(Cifar10.locate(dir)).isNull();
        Path sub = dir.resolve("cifar-10-batches-bin");
        for (String name : Cifar10.FILES) {
            write(sub.resolve(name), new byte[1]);
        }
        assertThat(Cifar10.locate(dir)).isEqualTo(sub);
        write(dir.resolve("test_batch.bin"), new byte[1]);
        assertThat(Cifar10.missingFiles(dir)).containsExactly(
                "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
        for (String name : Cifar10.FILES) {
            write(dir.resolve(name), new byte[1]);
        }
        assertThat(Cifar10.locate(dir)).isEqualTo(dir);
    }

    @Test
    void ensureDoesNotDownloadWhenTheFilesArePresent() {
        for (String name : Cifar10.FILES) {
            write(dir.resolve(name), new byte[1]);
        }
        Cifar10Download unreachable = new Cifar10Download(URI.create("http://127.0.0.1:1/none"), "0".repeat(32));
        assertThat(Cifar10.ensure(dir, unreachable)).isEqualTo(dir);
    }

    @Test
    void aFileIsNoFolder() {
        Path file = write(dir.resolve("cifar.tar.gz"), new byte[1]);
        Cifar10Download unreachable = new Cifar10Download(URI.create("http://127.0.0.1:1/none"), "0".repeat(32));
        assertThatThrownBy(() -> Cifar10.ensure(file, unreachable))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ": not a folder; CIFAR-10 needs a folder for its six .bin files");
    }

    @Test
    void constantsOfTheFormat() {
        assertThat(Cifar10.FILE_BYTES).isEqualTo(30_730_000L);
        assertThat(Cifar10.FILES).hasSize(6).endsWith("test_batch.bin");
    }
}
