package dev.irprune.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/** Writes small files in the real formats for the tests. */
final class TestFiles {
    private TestFiles() {}

    /** An IDX file of unsigned bytes: magic 0x0000 08 dims, the sizes, the data. */
    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer buf = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buf.putInt(0x0800 | dims.length);
        for (int d : dims) {
            buf.putInt(d);
        }
        buf.put(data);
        return buf.array();
    }

    /** {@code n} images of 28×28 where pixel (r, c) of image i is {@code (i * 31 + r * 28 + c) % 256}. */
    static byte[] images28(int n) {
        byte[] data = new byte[n * 28 * 28];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    data[i * 784 + r * 28 + c] = (byte) ((i * 31 + r * 28 + c) % 256);
                }
            }
        }
        return data;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] data) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A CIFAR-10 batch of {@code records} records: record r has label {@code (first + r) % 10}, its
     * R plane starts with r % 256, its G plane with 100, its B plane with 200, the rest zero.
     */
    static byte[] cifarBatch(int records, int first) {
        int recordBytes = 1 + 3 * 32 * 32;
        byte[] data = new byte[records * recordBytes];
        for (int r = 0; r < records; r++) {
            int at = r * recordBytes;
            data[at] = (byte) ((first + r) % 10);
            data[at + 1] = (byte) (r % 256);
            data[at + 1 + 1024] = 100;
            data[at + 1 + 2048] = (byte) 200;
        }
        return data;
    }

    /** One entry of a test archive: a name and its content, or null content for a folder. */
    record Entry(String name, byte[] content) {
        static Entry dir(String name) {
            return new Entry(name, null);
        }
    }

    private static final GzipParameters FAST = new GzipParameters();

    static {
        FAST.setCompressionLevel(Deflater.BEST_SPEED);
    }

    /** A .tar.gz of {@code entries}, names kept exactly as given (absolute ones too). */
    static Path tarGz(Path file, List<Entry> entries) {
        try (OutputStream out = Files.newOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out, FAST))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry = new TarArchiveEntry(e.name(), true);
                if (e.content() != null) {
                    entry.setSize(e.content().length);
                }
                tar.putArchiveEntry(entry);
                if (e.content() != null) {
                    tar.write(e.content());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static String md5(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
