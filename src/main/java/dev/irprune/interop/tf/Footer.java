package dev.irprune.interop.tf;

import com.google.protobuf.CodedInputStream;
import dev.irprune.io.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The fixed 48-byte end of an SSTable ({@code leveldb/table/format.cc}, {@code Footer}): the
 * metaindex and index block handles as varint64 pairs, zero padding to 40 bytes, then the magic
 * number 0xdb4775248b80fb57 as a little-endian fixed64.
 */
record Footer(BlockHandle metaindex, BlockHandle index) {
    static final int LENGTH = 48;
    static final long MAGIC = 0xdb4775248b80fb57L;

    /**
     * Reads the footer at the end of {@code file}.
     *
     * @throws InputException if the file is shorter than a footer, has not the SSTable magic number,
     *     or its handles do not decode
     */
    static Footer read(byte[] file, String name) {
        if (file.length < LENGTH) {
            throw new InputException(name + ": not a TensorFlow checkpoint index (an SSTable): " + file.length
                    + " bytes, shorter than the 48-byte footer (truncated?)");
        }
        int start = file.length - LENGTH;
        long magic = ByteBuffer.wrap(file, file.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (magic != MAGIC) {
            throw new InputException(name + ": not a TensorFlow checkpoint index (an SSTable): bad magic number "
                    + String.format("0x%016x", magic) + " at its end (truncated, or another kind of file?)");
        }
        try {
            CodedInputStream in = CodedInputStream.newInstance(file, start, LENGTH - 8);
            return new Footer(handle(in), handle(in));
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException(name + ": corrupt SSTable footer: bad block handle", e);
        }
    }

    static BlockHandle handle(CodedInputStream in) throws IOException {
        return new BlockHandle(in.readRawVarint64(), in.readRawVarint64());
    }
}
