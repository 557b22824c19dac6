package dev.irprune.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.irprune.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class DatasetsTest {
    @TempDir Path dir;

    @Test
    void demoWithLimits() {
        DataSplit split = Datasets.load(new DataConfig(DatasetName.DEMO, null, 100, 30));
        assertThat(split.name()).isEqualTo("demo");
        assertThat(split.source()).isEqualTo("bundled demo");
        assertThat(split.train().size()).isEqualTo(100);
        assertThat(split.test().size()).isEqualTo(30);
        assertThat(split.train().labels()).containsExactly(DemoData.train().head(100).labels());
        assertThat(split.train().height()).isEqualTo(32);
        assertThat(split.normalization()).isEqualTo(Normalization.fit(DemoData.train().head(100).padTo(32, 32)));
        assertThat(split.normalization()).isNotEqualTo(Normalization.fit(DemoData.train().padTo(32, 32)));
        assertThat(split.files()).hasSize(4).allMatch(f -> f.sha256().length() == 64 && f.bytes() > 0);
        DataSplit native28 = Datasets.load(new DataConfig(DatasetName.DEMO, null, 100, 30), 28, 28);
        assertThat(native28.test().height()).isEqualTo(28);
        DataSplit testOnly = Datasets.loadTest(new DataConfig(DatasetName.DEMO, null, 100, 30), 32, 32);
        assertThat(testOnly.train().size()).isZero();
        assertThat(testOnly.test().pixels()).isEqualTo(split.test().pixels());
    }

    @Test
    void normalizationCountsThePaddingOfTheImagesUsed() {
        FashionMnistTest.writeSmallSet(dir);
        DataSplit split = Datasets.load(new DataConfig(DatasetName.FASHION_MNIST, dir, 2, 0));
        // the two images hold (i * 31 + k) % 256 for k = 0 … 783; 2 × 1024 pixels with the zero border
        long sum = 0;
        long squares = 0;
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 784; k++) {
                long v = (i * 31 + k) % 256;
                sum += v;
                squares += v * v;
            }
        }
        assertThat(sum).isEqualTo(196_576L);
        double n = 2 * 1024;
        double mean = sum / (255.0 * n);
        double variance = (squares / n - (sum / n) * (sum / n)) / (255.0 * 255.0);
        assertThat(split.normalization().mean()).isEqualTo(mean);
        assertThat(split.normalization().std()).isCloseTo(Math.sqrt(variance), within(1e-15));
        assertThat(split.normalization().mean()).isCloseTo(0.376409, within(1e-6));
        assertThat(split.train().size()).isEqualTo(2);
        assertThat(split.test().size()).isEqualTo(2);
        assertThat(split.source()).isEqualTo(dir.toString());
    }

    @Test
    void limitsBeyondTheSetUseAllImages() {
        FashionMnistTest.writeSmallSet(dir);
        DataSplit split = Datasets.load(new DataConfig(DatasetName.FASHION_MNIST, dir, 50, 50));
        assertThat(split.train().size()).isEqualTo(3);
        assertThat(split.test().size()).isEqualTo(2);
    }

    @Test
    void missingFashionMnistFolder() {
        Path nowhere = dir.resolve("nowhere");
        assertThatThrownBy(() -> Datasets.load(new DataConfig(DatasetName.FASHION_MNIST, nowhere, 0, 0)))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(nowhere.resolve("train-images-idx3-ubyte.gz") + ": missing file");
    }

    @Test
    void debianFashionMnistByDefault() {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR), "Debian package dataset-fashion-mnist not installed");
        DataSplit split = Datasets.load(DataConfig.of(DatasetName.FASHION_MNIST));
        assertThat(split.source()).isEqualTo("/usr/share/datasets/fashion-mnist");
        assertThat(split.train().size()).isEqualTo(60_000);
        assertThat(split.test().size()).isEqualTo(10_000);
        assertThat(split.analysis().size()).isEqualTo(10_000);
        // Fashion-MNIST's 28x28 pixel mean is 0.2860; the zero border scales it by 784/1024
        assertThat(split.normalization().mean()).isCloseTo(0.2860 * 784 / 1024, within(1e-3));
    }

    @Test
    void defaultFolders() {
        Map<String, String> xdg = Map.of("XDG_CACHE_HOME", "/var/cache/me");
        assertThat(Datasets.defaultDataDir(DatasetName.CIFAR10, xdg, "/home/me"))
                .isEqualTo(Path.of("/var/cache/me/irprune/cifar10"));
        assertThat(Datasets.defaultDataDir(DatasetName.CIFAR10, Map.of(), "/home/me"))
                .isEqualTo(Path.of("/home/me/.cache/irprune/cifar10"));
        assertThat(Datasets.defaultDataDir(DatasetName.CIFAR10, Map.of("XDG_CACHE_HOME", "relative"), "/home/me"))
                .isEqualTo(Path.of("/home/me/.cache/irprune/cifar10"));
        assertThat(Datasets.defaultDataDir(DatasetName.FASHION_MNIST))
                .isEqualTo(Path.of("/usr/share/datasets/fashion-mnist"));
        assertThat(Datasets.defaultDataDir(DatasetName.DEMO)).isNull();
        assertThat(Datasets.defaultDataDir(DatasetName.CIFAR10)).endsWithRaw(Path.of("irprune", "cifar10"));
    }
}
