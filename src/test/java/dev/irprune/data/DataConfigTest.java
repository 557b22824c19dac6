package dev.irprune.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The small value types: data set names, the config record and the split. */
@Tag("fast")
class DataConfigTest {

    @Test
    void datasetNamesParseByTheirCommandLineNames() {
        assertThat(DatasetName.parse("cifar10")).isEqualTo(DatasetName.CIFAR10);
        assertThat(DatasetName.parse("fashion-mnist")).isEqualTo(DatasetName.FASHION_MNIST);
        assertThat(DatasetName.parse("Demo")).isEqualTo(DatasetName.DEMO);
        assertThat(DatasetName.parse("FASHION_MNIST")).isEqualTo(DatasetName.FASHION_MNIST);
        assertThat(DatasetName.cliNames()).containsExactly("cifar10", "fashion-mnist", "mnist", "demo");
        assertThatThrownBy(() -> DatasetName.parse("imagenet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown data set 'imagenet', expected one of cifar10, fashion-mnist, mnist, demo");
    }

    @Test
    void configChecksLimitsAndTheDemoFolder() {
        DataConfig config = new DataConfig(DatasetName.CIFAR10, Path.of("/data"), 5, 0);
        assertThat(config.trainLimit()).isEqualTo(5);
        assertThat(DataConfig.of(DatasetName.DEMO)).isEqualTo(new DataConfig(DatasetName.DEMO, null, 0, 0));
        assertThatThrownBy(() -> new DataConfig(DatasetName.CIFAR10, null, -1, 0))
                .hasMessage("train limit must be >= 0 (0 = all), got -1");
        assertThatThrownBy(() -> new DataConfig(DatasetName.CIFAR10, null, 0, -2))
                .hasMessage("test limit must be >= 0 (0 = all), got -2");
        assertThatThrownBy(() -> new DataConfig(null, null, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DataConfig(DatasetName.DEMO, Path.of("/data"), 0, 0))
                .hasMessage("a data folder does not apply to the bundled demo set");
    }

    @Test
    void splitFitsItsNormalizationOnTheTrainingImages() {
        ImageSet train = new ImageSet(new byte[] {0, 51, 102, (byte) 255}, new int[] {0, 1, 2, 3}, 1, 1, 1);
        ImageSet test = new ImageSet(new byte[] {(byte) 255}, new int[] {4}, 1, 1, 1);
        DataSplit split = new DataSplit("t", "here", train, test);
        assertThat(split.normalization()).isEqualTo(new Normalization(0.4, Math.sqrt(0.14)));
        assertThat(split.analysis()).isSameAs(train);
    }

    @Test
    void analysisSetIsTheFirstTenThousandTrainingImages() {
        int[] labels = new int[DataSplit.ANALYSIS_SIZE + 5];
        labels[DataSplit.ANALYSIS_SIZE - 1] = 3;
        ImageSet train = new ImageSet(new byte[labels.length], labels, 1, 1, 1);
        DataSplit split = new DataSplit("t", "here", train, train, new Normalization(0, 1), null);
        assertThat(split.analysis().size()).isEqualTo(10_000);
        assertThat(split.analysis().label(9_999)).isEqualTo(3);
    }

    @Test
    void splitNeedsTheSameImageShapeInBothSets() {
        ImageSet train = new ImageSet(new byte[2], new int[] {0, 1}, 1, 1, 1);
        ImageSet test = new ImageSet(new byte[2], new int[] {0}, 2, 1, 1);
        assertThatThrownBy(() -> new DataSplit("t", "here", train, test))
                .hasMessage("train images are 1x1x1 but test images are 2x1x1");
    }
}
