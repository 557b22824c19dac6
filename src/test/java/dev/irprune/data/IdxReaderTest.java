package dev.irprune.data;

import static dev.irprune.data.TestFiles.gzip;
import static dev.irprune.data.TestFiles.idx;
import static dev.irprune.data.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irprune.io.InputException;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class IdxReaderTest {
    @TempDir Path dir;

    private static final byte[] DATA = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

    @Test
    void readsPlainFiles() {
        Path file = write(dir.resolve("images"), idx(new int[] {3, 2, 2}, DATA));
        IdxReader.Idx read = IdxReader.read(file, 3);
        assertThat(read.dims()).containsExactly(3, 2, 2);
        assertThat(read.count()).isEqualTo(3);
        assertThat(read.shape()).isEqualTo("3x2x2");
        assertThat(read.data()).containsExactly(DATA);
    }

    @Test
    void readsGzippedFilesWhateverTheirName() {
        Path file = write(dir.resolve("labels-without-gz-suffix"), gzip(idx(new int[] {12}, DATA)));
        IdxReader.Idx read = IdxReader.read(file, 1);
        assertThat(read.dims()).containsExactly(12);
        assertThat(read.data()).containsExactly(DATA);
    }

    @Test
    void badMagicNumber() {
        Path file = write(dir.resolve("labels"), idx(new int[] {3, 2, 2}, DATA));
        assertThatThrownBy(() -> IdxReader.read(file, 1))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ": bad IDX magic number 0x00000803, expected 0x00000801 (unsigned bytes, 1 dimension)");
        byte[] floats = idx(new int[] {3}, new byte[12]);
        floats[2] = 0x0D;
        Path other = write(dir.resolve("floats"), floats);
        assertThatThrownBy(() -> IdxReader.read(other, 1))
                .hasMessageContaining("bad IDX magic number 0x00000D01");
    }

    @Test
    void tooLittleData() {
        byte[] full = idx(new int[] {3, 2, 2}, DATA);
        Path file = write(dir.resolve("short.gz"), gzip(Arrays.copyOf(full, full.length - 1)));
        assertThatThrownBy(() -> IdxReader.read(file, 3))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ": wrong size: the header declares 12 data bytes (3x2x2) but there are only 11");
    }

    @Test
    void tooMuchData() {
        byte[] full = idx(new int[] {3, 2, 2}, DATA);
        Path file = write(dir.resolve("long"), Arrays.copyOf(full, full.length + 5));
        assertThatThrownBy(() -> IdxReader.read(file, 3))
                .hasMessage(file + ": wrong file size 33 bytes: the header declares 12 data bytes (3x2x2) after a"
                        + " 16-byte header");
        ByteArrayInputStream stream = new ByteArrayInputStream(Arrays.copyOf(full, full.length + 5));
        assertThatThrownBy(() -> IdxReader.read(stream, "stream", 3))
                .hasMessage("stream: wrong size: the header declares 12 data bytes (3x2x2) but there are 17");
    }

    @Test
    void plainFileShorterThanItsHeaderSays() {
        // a header that declares 2 GB is refused by the file size, before anything is allocated
        Path file = write(dir.resolve("huge"), idx(new int[] {2_000_000, 1000}, DATA));
        assertThatThrownBy(() -> IdxReader.read(file, 2))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ": wrong file size 24 bytes: the header declares 2000000000 data bytes (2000000x1000)"
                        + " after a 12-byte header");
    }

    @Test
    void truncatedGzip() {
        byte[] gz = gzip(idx(new int[] {3, 2, 2}, DATA));
        Path file = write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length - 6));
        assertThatThrownBy(() -> IdxReader.read(file, 3))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ": truncated gzip data");
        Path half = write(dir.resolve("half.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.read(half, 3)).hasMessageStartingWith(half + ": truncated gzip data");
    }

    @Test
    void corruptGzipTrailer() {
        byte[] gz = gzip(idx(new int[] {3, 2, 2}, DATA));
        gz[gz.length - 8] ^= 0x55; // the CRC-32 of the content
        Path file = write(dir.resolve("crc.gz"), gz);
        assertThatThrownBy(() -> IdxReader.read(file, 3))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ": corrupt gzip data");
    }

    @Test
    void headerTooShort() {
        Path empty = write(dir.resolve("empty"), new byte[0]);
        assertThatThrownBy(() -> IdxReader.read(empty, 3)).hasMessage(empty + ": too short for an IDX file (0 bytes)");
        Path cut = write(dir.resolve("cut"), Arrays.copyOf(idx(new int[] {3, 2, 2}, DATA), 10));
        assertThatThrownBy(() -> IdxReader.read(cut, 3))
                .hasMessage(cut + ": truncated IDX header (10 bytes, expected 16)");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nothing-here");
        assertThatThrownBy(() -> IdxReader.read(file, 1))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ": missing file");
    }
}
