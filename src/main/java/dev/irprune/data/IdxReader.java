package dev.irprune.data;

import dev.irprune.io.InputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes (the MNIST / Fashion-MNIST format), gzipped or not: a 4-byte
 * magic number {@code 0x0000 08 <dimensions>}, one big-endian 4-byte size per dimension, then the
 * data. Gzip is recognised by its first two bytes, not by the file name.
 */
public final class IdxReader {
    private static final int BUFFER = 1 << 16;
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {}

    /**
     * The content of an IDX file.
     *
     * @param dims the size of each dimension; {@code dims[0]} is the number of items
     * @param data the bytes, row-major
     */
    public record Idx(int[] dims, byte[] data) {
        /** Number of items: the first dimension. */
        public int count() {
            return dims[0];
        }

        /** The dimensions written like {@code 60000x28x28}. */
        public String shape() {
            return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("x"));
        }
    }

    /** Reads {@code file}, which must hold unsigned bytes in {@code dimensions} dimensions. */
    public static Idx read(Path file, int dimensions) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), dimensions, Files.size(file));
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": missing file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Reads an IDX stream; {@code name} names it in error messages. The stream is not closed. */
    public static Idx read(InputStream raw, String name, int dimensions) {
        return read(raw, name, dimensions, -1);
    }

    /** As {@link #read(InputStream, String, int)}; {@code fileSize} (or -1) is checked before reading a plain file. */
    private static Idx read(InputStream raw, String name, int dimensions, long fileSize) {
        if (dimensions < 1 || dimensions > 255) {
            throw new IllegalArgumentException("dimensions must be 1-255, got " + dimensions);
        }
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
            buffered.mark(2);
            boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
            buffered.reset();
            InputStream in = gzip ? new GZIPInputStream(buffered, BUFFER) : buffered;
            return readIdx(in, name, dimensions, gzip ? -1 : fileSize);
        } catch (EOFException e) {
            throw new InputException(name + ": truncated gzip data (" + e.getMessage() + ")", e);
        } catch (ZipException e) {
            throw new InputException(name + ": corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InputException(name + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static Idx readIdx(InputStream in, String name, int dimensions, long fileSize) throws IOException {
        byte[] header = in.readNBytes(4 + 4 * dimensions);
        if (header.length < 4) {
            throw new InputException(name + ": too short for an IDX file (" + header.length + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(header);
        int magic = buf.getInt();
        int expected = UNSIGNED_BYTE << 8 | dimensions;
        if (magic != expected) {
            throw new InputException(String.format(
                    "%s: bad IDX magic number 0x%08X, expected 0x%08X (unsigned bytes, %d dimension%s)",
                    name, magic, expected, dimensions, dimensions == 1 ? "" : "s"));
        }
        if (header.length < 4 + 4 * dimensions) {
            throw new InputException(name + ": truncated IDX header (" + header.length + " bytes, expected "
                    + (4 + 4 * dimensions) + ")");
        }
        int[] dims = new int[dimensions];
        long total = 1;
        for (int i = 0; i < dimensions; i++) {
            dims[i] = buf.getInt();
            if (dims[i] < 0) {
                throw new InputException(name + ": negative IDX dimension " + dims[i]);
            }
            total *= dims[i];
            if (total > Integer.MAX_VALUE - 16) {
                throw new InputException(name + ": IDX header declares more data than fits in memory");
            }
        }
        String declared = "the header declares " + total + " data bytes ("
                + Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("x")) + ")";
        if (fileSize >= 0 && fileSize != header.length + total) {
            throw new InputException(name + ": wrong file size " + fileSize + " bytes: " + declared
                    + " after a " + header.length + "-byte header");
        }
        byte[] data = new byte[(int) total];
        int got = in.readNBytes(data, 0, data.length);
        if (got < total) {
            throw new InputException(name + ": wrong size: " + declared + " but there are only " + got);
        }
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw new InputException(name + ": wrong size: " + declared + " but there are " + (total + extra));
        }
        return new Idx(dims, data);
    }
}
