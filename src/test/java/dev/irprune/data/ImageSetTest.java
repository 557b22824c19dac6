package dev.irprune.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ImageSetTest {
    /** Three 2×1×2 images: image i holds bytes 10i … 10i+3. */
    private static ImageSet three() {
        byte[] pixels = {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23};
        return new ImageSet(pixels, new int[] {7, 8, 9}, 2, 1, 2);
    }

    @Test
    void sizeAndImageBytes() {
        ImageSet set = three();
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.imageBytes()).isEqualTo(4);
        assertThat(set.label(1)).isEqualTo(8);
        assertThat(set).hasToString("ImageSet[3 images of 2x1x2]");
    }

    @Test
    void headCopiesTheFirstImages() {
        ImageSet head = three().head(2);
        assertThat(head.size()).isEqualTo(2);
        assertThat(head.pixels()).containsExactly(0, 1, 2, 3, 10, 11, 12, 13);
        assertThat(head.labels()).containsExactly(7, 8);
        assertThat(head.channels()).isEqualTo(2);
        assertThat(three().head(0).size()).isZero();
    }

    @Test
    void headOfAllOrMoreIsTheSetItself() {
        ImageSet set = three();
        assertThat(set.head(3)).isSameAs(set);
        assertThat(set.head(1000)).isSameAs(set);
        assertThatThrownBy(() -> set.head(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lengthsAreChecked() {
        assertThatThrownBy(() -> new ImageSet(new byte[11], new int[3], 2, 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pixels has 11 bytes, expected 12 for 3 images of 2x1x2");
        assertThatThrownBy(() -> new ImageSet(new byte[0], new int[0], 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageSet(null, new int[0], 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelCounts() {
        ImageSet set = new ImageSet(new byte[5], new int[] {0, 2, 2, 9, 2}, 1, 1, 1);
        assertThat(set.labelCounts(10)).containsExactly(1, 0, 3, 0, 0, 0, 0, 0, 0, 1);
    }
}
