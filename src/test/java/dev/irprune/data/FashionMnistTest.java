package dev.irprune.data;

import static dev.irprune.data.TestFiles.gzip;
import static dev.irprune.data.TestFiles.idx;
import static dev.irprune.data.TestFiles.images28;
import static dev.irprune.data.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.irprune.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class FashionMnistTest {
    @TempDir Path dir;

    /** Writes a small Fashion-MNIST folder: 3 training images (gzipped files), 2 test images (plain files). */
    static void writeSmallSet(Path dir) {
        write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(idx(new int[] {3, 28, 28}, images28(3))));
        write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(idx(new int[] {3}, new byte[] {9, 0, 4})));
        write(dir.resolve("t10k-images-idx3-ubyte"), idx(new int[] {2, 28, 28}, images28(2)));
        write(dir.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {2}, new byte[] {1, 2}));
    }

    @Test
    void readsAt28x28AndPadsTo32x32() {
        writeSmallSet(dir);
        ImageSet raw = FashionMnist.readTrain(dir);
        assertThat(raw.height()).isEqualTo(28);
        assertThat(raw.width()).isEqualTo(28);
        assertThat(raw.pixels()[2 * 28 + 3] & 0xFF).isEqualTo((2 * 28 + 3) % 256);
        ImageSet train = raw.padTo(32, 32);
        assertThat(train.size()).isEqualTo(3);
        assertThat(train.channels()).isEqualTo(1);
        assertThat(train.height()).isEqualTo(32);
        assertThat(train.width()).isEqualTo(32);
        assertThat(train.labels()).containsExactly(9, 0, 4);
        byte[] p = train.pixels();
        for (int i = 0; i < 3; i++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    boolean inside = y >= 2 && y < 30 && x >= 2 && x < 30;
                    int expected = inside ? (i * 31 + (y - 2) * 28 + (x - 2)) % 256 : 0;
                    assertThat(p[i * 1024 + y * 32 + x] & 0xFF).as("image %d (%d, %d)", i, y, x).isEqualTo(expected);
                }
            }
        }
        ImageSet test = FashionMnist.readTest(dir).padTo(32, 32);
        assertThat(test.labels()).containsExactly(1, 2);
        assertThat(test.pixels()[2 * 32 + 2] & 0xFF).isEqualTo(0);
        assertThat(test.pixels()[1024 + 2 * 32 + 3] & 0xFF).isEqualTo(32);
    }

    @Test
    void imageLabelCountMismatch() {
        writeSmallSet(dir);
        Path labels = write(dir.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {3}, new byte[] {1, 2, 3}));
        Path images = dir.resolve("t10k-images-idx3-ubyte");
        assertThatThrownBy(() -> FashionMnist.readTest(dir))
                .isInstanceOf(InputException.class)
                .hasMessage(images + ": image/label count mismatch: 2 images but 3 labels in " + labels);
    }

    @Test
    void labelOutsideZeroToNine() {
        writeSmallSet(dir);
        Path labels = write(dir.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {2}, new byte[] {1, 10}));
        assertThatThrownBy(() -> FashionMnist.readTest(dir))
                .isInstanceOf(InputException.class)
                .hasMessage(labels + ": label 10 of item 1 is outside 0-9");
    }

    @Test
    void imagesOfAnotherSize() {
        writeSmallSet(dir);
        Path images = write(dir.resolve("t10k-images-idx3-ubyte"), idx(new int[] {2, 27, 28}, new byte[2 * 27 * 28]));
        assertThatThrownBy(() -> FashionMnist.readTest(dir)).hasMessage(images + ": images are 27x28, expected 28x28");
    }

    @Test
    void missingFileSaysWhereToGetIt() {
        Path missing = dir.resolve("train-images-idx3-ubyte.gz");
        assertThatThrownBy(() -> FashionMnist.readTrain(dir))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(missing + ": missing file (nor train-images-idx3-ubyte there)")
                .hasMessageContaining("dataset-fashion-mnist")
                .hasMessageContaining("--data-dir " + dir)
                .message().doesNotContain("\n");
    }

    @Test
    void debianFashionMnistLoads() {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR), "Debian package dataset-fashion-mnist not installed");
        long start = System.nanoTime();
        ImageSet train = FashionMnist.readTrain(FashionMnist.DEFAULT_DIR);
        ImageSet test = FashionMnist.readTest(FashionMnist.DEFAULT_DIR);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("Debian Fashion-MNIST read in " + ms + " ms");
        assertThat(train.size()).isEqualTo(60_000);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(train.imageBytes()).isEqualTo(784);
        assertThat(train.labelCounts(10)).containsOnly(6_000);
        assertThat(test.labelCounts(10)).containsOnly(1_000);
        // the first training image is an ankle boot (class 9), the first test image too
        assertThat(train.label(0)).isEqualTo(9);
        assertThat(test.label(0)).isEqualTo(9);
        assertThat(ms).isLessThan(5_000);
    }
}
