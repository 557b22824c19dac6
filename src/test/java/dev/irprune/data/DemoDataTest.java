package dev.irprune.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DemoDataTest {

    @Test
    void demoSetHas12000And2000Images() {
        ImageSet train = DemoData.train();
        ImageSet test = DemoData.test();
        assertThat(train.size()).isEqualTo(12_000);
        assertThat(test.size()).isEqualTo(2_000);
        for (ImageSet set : new ImageSet[] {train, test}) {
            assertThat(set.channels()).isEqualTo(1);
            assertThat(set.height()).isEqualTo(28);
            assertThat(set.width()).isEqualTo(28);
            // every label is one of 0-9, and every class occurs
            assertThat(IntStream.of(set.labelCounts(10)).sum()).isEqualTo(set.size());
            assertThat(set.labelCounts(10)).doesNotContain(0);
        }
        assertThat(train.labelCounts(10)).containsExactly(1122, 1220, 1201, 1212, 1181, 1204, 1244, 1192, 1195, 1229);
        assertThat(train.label(0)).isEqualTo(9);
    }

    @Test
    void demoSetIsTheHeadOfTheDebianFiles() {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR), "Debian package dataset-fashion-mnist not installed");
        ImageSet train = FashionMnist.readTrain(FashionMnist.DEFAULT_DIR).head(DemoData.TRAIN_SIZE);
        ImageSet test = FashionMnist.readTest(FashionMnist.DEFAULT_DIR).head(DemoData.TEST_SIZE);
        assertThat(Arrays.equals(DemoData.train().pixels(), train.pixels())).isTrue();
        assertThat(DemoData.train().labels()).containsExactly(train.labels());
        assertThat(Arrays.equals(DemoData.test().pixels(), test.pixels())).isTrue();
        assertThat(DemoData.test().labels()).containsExactly(test.labels());
    }
}
