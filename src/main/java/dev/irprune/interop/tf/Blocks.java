package dev.irprune.interop.tf;

import dev.irprune.io.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.xerial.snappy.Snappy;

/**
 * Reads one block of an SSTable file ({@code tensorflow/core/lib/io/format.cc}, {@code ReadBlock}):
 * checks the masked CRC-32C stored in the 5-byte trailer against the block and its type byte, then
 * returns the contents, uncompressed if the type is 1 (snappy); type 0 is stored as is.
 */
final class Blocks {
    static final int NO_COMPRESSION = 0;
    static final int SNAPPY = 1;

    private Blocks() {}

    /**
     * The contents of the block at {@code handle}.
     *
     * @param what names the block in messages, e.g. "index block" or "data block 2"
     * @throws InputException naming the file and block if it lies outside the file, its checksum does
     *     not match, its compression type is unknown or its snappy data is corrupt
     */
    static byte[] read(byte[] file, BlockHandle handle, String fileName, String what) {
        long end = handle.offset() + handle.size() + BlockHandle.TRAILER;
        if (end > file.length - Footer.LENGTH || handle.size() > Integer.MAX_VALUE) {
            throw new InputException(fileName + ": " + what + " " + handle + " runs past the end of the file ("
                    + file.length + " bytes; truncated?)");
        }
        int off = (int) handle.offset();
        int n = (int) handle.size();
        int stored = Crc32c.unmask(ByteBuffer.wrap(file, off + n + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        int actual = Crc32c.value(file, off, n + 1);
        if (stored != actual) {
            throw new InputException(fileName + ": " + what + " " + handle + " is corrupt: checksum mismatch (stored CRC-32C "
                    + Crc32c.hex(stored) + ", computed " + Crc32c.hex(actual) + ")");
        }
        int type = file[off + n] & 0xff;
        switch (type) {
            case NO_COMPRESSION:
                return Arrays.copyOfRange(file, off, off + n);
            case SNAPPY:
                return unsnappy(file, off, n, fileName, what);
            default:
                throw new InputException(fileName + ": " + what + " " + handle + " has unknown compression type " + type
                        + " (0 none and 1 snappy are known)");
        }
    }

    private static byte[] unsnappy(byte[] file, int off, int n, String fileName, String what) {
        try {
            if (!Snappy.isValidCompressedBuffer(file, off, n)) {
                throw new InputException(fileName + ": " + what + " is corrupt: invalid snappy data");
            }
            byte[] out = new byte[Snappy.uncompressedLength(file, off, n)];
            Snappy.uncompress(file, off, n, out, 0);
            return out;
        } catch (IOException e) {
            throw new InputException(fileName + ": " + what + " is corrupt: invalid snappy data (" + e.getMessage() + ")", e);
        }
    }
}
