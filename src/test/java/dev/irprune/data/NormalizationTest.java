package dev.irprune.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class NormalizationTest {

    @Test
    void meanAndPopulationStdByHand() {
        // pixels 0, 51, 102, 255 are 0, 0.2, 0.4, 1.0 after /255: mean 0.4,
        // squared deviations 0.16 + 0.04 + 0 + 0.36 = 0.56, population variance 0.56 / 4 = 0.14
        ImageSet set = new ImageSet(new byte[] {0, 51, 102, (byte) 255}, new int[] {0}, 1, 2, 2);
        Normalization n = Normalization.fit(set);
        assertThat(n.mean()).isEqualTo(0.4);
        assertThat(n.std()).isEqualTo(Math.sqrt(0.14));
    }

    @Test
    void allChannelsAndImagesTogether() {
        // two 2-channel 1x1 images: 0 and 255, then 255 and 255 -> values 0, 1, 1, 1
        // mean 0.75, variance (0.5625 + 3 * 0.0625) / 4 = 0.1875
        ImageSet set = new ImageSet(new byte[] {0, (byte) 255, (byte) 255, (byte) 255}, new int[] {1, 2}, 2, 1, 1);
        Normalization n = Normalization.fit(set);
        assertThat(n.mean()).isEqualTo(0.75);
        assertThat(n.std()).isEqualTo(Math.sqrt(0.1875));
    }

    @Test
    void applyIsTheSeedFormula() {
        Normalization n = new Normalization(0.4, Math.sqrt(0.14));
        double divisor = Math.sqrt(0.14) + 1e-7;
        assertThat(n.apply(102)).isEqualTo(0.0f);
        assertThat(n.apply(255)).isEqualTo((float) (0.6 / divisor));
        assertThat(n.apply(0)).isEqualTo((float) (-0.4 / divisor));
        assertThat(n.apply(255)).isCloseTo(1.603567f, within(1e-6f));
        assertThatThrownBy(() -> n.apply(256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constantImagesGiveZeroStdAndTheEpsilonKeepsValuesFinite() {
        ImageSet set = new ImageSet(new byte[] {51, 51, 51}, new int[] {0, 0, 0}, 1, 1, 1);
        Normalization n = Normalization.fit(set);
        assertThat(n.mean()).isEqualTo(0.2);
        assertThat(n.std()).isZero();
        assertThat(n.apply(51)).isZero();
        assertThat(n.apply(0)).isEqualTo((float) (-0.2 / 1e-7));
    }

    @Test
    void normalizeWritesTheRequestedImages() {
        byte[] pixels = {0, 51, 102, (byte) 255, 1, 2, 3, 4, 9, 8, 7, 6};
        ImageSet set = new ImageSet(pixels, new int[] {0, 1, 2}, 1, 2, 2);
        Normalization n = new Normalization(0.5, 0.25);
        float[] dst = new float[9];
        dst[8] = 42f;
        n.normalize(set, 1, 2, dst);
        for (int i = 0; i < 8; i++) {
            assertThat(dst[i]).isEqualTo(n.apply(pixels[4 + i] & 0xFF));
        }
        assertThat(dst[0]).isEqualTo((float) ((1 / 255.0 - 0.5) / (0.25 + 1e-7)));
        assertThat(dst[8]).isEqualTo(42f);
        assertThatThrownBy(() -> n.normalize(set, 2, 2, new float[8])).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> n.normalize(set, 0, 2, new float[7])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fitAgreesWithATwoPassSumInDouble() {
        Random random = new Random(7);
        byte[] pixels = new byte[3 * 32 * 32 * 20];
        random.nextBytes(pixels);
        Normalization n = Normalization.fit(new ImageSet(pixels, new int[20], 3, 32, 32));
        double sum = 0;
        for (byte b : pixels) {
            sum += (b & 0xFF) / 255.0;
        }
        double mean = sum / pixels.length;
        double squares = 0;
        for (byte b : pixels) {
            double d = (b & 0xFF) / 255.0 - mean;
            squares += d * d;
        }
        assertThat(n.mean()).isCloseTo(mean, within(1e-14));
        assertThat(n.std()).isCloseTo(Math.sqrt(squares / pixels.length), within(1e-14));
    }

    @Test
    void tableHasAllByteValues() {
        Normalization n = new Normalization(0.3, 0.2);
        float[] table = n.table();
        assertThat(table).hasSize(256);
        assertThat(table[0]).isEqualTo(n.apply(0));
        assertThat(table[200]).isEqualTo(n.apply(200));
    }

    @Test
    void emptySetCannotBeFitted() {
        ImageSet empty = new ImageSet(new byte[0], new int[0], 1, 1, 1);
        assertThatThrownBy(() -> Normalization.fit(empty)).isInstanceOf(IllegalArgumentException.class);
    }
}
