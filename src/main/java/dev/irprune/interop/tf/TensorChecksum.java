package dev.irprune.interop.tf;

import com.google.protobuf.CodedInputStream;
import dev.irprune.interop.tf.proto.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The CRC-32C TensorFlow computes over a stored tensor ({@code tensor_bundle.cc}: {@code GetValue},
 * {@code ReadStringTensor}, {@code ReadVariantTensor}), to compare with the entry's unmasked checksum.
 * Plain types: the bytes as stored. {@code DT_STRING}: each length as a uint32 (uint64 above 2^32 - 1)
 * in the file's byte order, the stored 4-byte length checksum, then the string bytes. {@code DT_VARIANT}:
 * per element its length as a uint64, its bytes and its stored 4-byte checksum.
 */
final class TensorChecksum {
    private TensorChecksum() {}

    /** Thrown when the bytes cannot be walked as the type's layout (the caller names file and key). */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    static int of(DataType dtype, long elements, byte[] bytes, ByteOrder order) throws Malformed {
        if (dtype == DataType.DT_STRING) {
            return ofStrings(elements, bytes, order);
        }
        if (dtype == DataType.DT_VARIANT) {
            return ofVariants(elements, bytes, order);
        }
        return Crc32c.value(bytes, 0, bytes.length);
    }

    private static int ofStrings(long elements, byte[] bytes, ByteOrder order) throws Malformed {
        if (bytes.length == 0) {
            return 0;
        }
        CRC32C crc = new CRC32C();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        long total = 0;
        try {
            for (long i = 0; i < elements; i++) {
                long length = in.readRawVarint64();
                total += length;
                update(crc, length, length >= 0 && length <= 0xffffffffL ? 4 : 8, order);
            }
        } catch (IOException e) {
            throw new Malformed("string lengths run past the tensor's bytes");
        }
        int at = in.getTotalBytesRead();
        if (at + 4 > bytes.length) {
            throw new Malformed("no length checksum after the string lengths");
        }
        int lengthChecksum = ByteBuffer.wrap(bytes, at, 4).order(order).getInt();
        if (Crc32c.unmask(lengthChecksum) != (int) crc.getValue()) {
            throw new Malformed("the string lengths' checksum does not match");
        }
        crc.update(bytes, at, 4);
        if (at + 4 + total != bytes.length) {
            throw new Malformed("string lengths add up to " + total + " bytes, the entry holds " + (bytes.length - at - 4));
        }
        crc.update(bytes, at + 4, (int) total);
        return (int) crc.getValue();
    }

    private static int ofVariants(long elements, byte[] bytes, ByteOrder order) throws Malformed {
        if (bytes.length == 0) {
            return 0;
        }
        CRC32C crc = new CRC32C();
        int at = 0;
        try {
            for (long i = 0; i < elements; i++) {
                CodedInputStream in = CodedInputStream.newInstance(bytes, at, bytes.length - at);
                long length = in.readRawVarint64();
                at += in.getTotalBytesRead();
                if (length < 0 || at + length + 4 > bytes.length) {
                    throw new Malformed("variant " + i + " runs past the tensor's bytes");
                }
                update(crc, length, 8, order);
                crc.update(bytes, at, (int) length);
                at += (int) length;
                int stored = ByteBuffer.wrap(bytes, at, 4).order(order).getInt();
                if (Crc32c.unmask(stored) != (int) crc.getValue()) {
                    throw new Malformed("the checksum after variant " + i + " does not match");
                }
                crc.update(bytes, at, 4);
                at += 4;
            }
        } catch (IOException e) {
            throw new Malformed("variant lengths run past the tensor's bytes");
        }
        return (int) crc.getValue();
    }

    private static void update(CRC32C crc, long value, int width, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(width).order(order);
        if (width == 4) {
            b.putInt((int) value);
        } else {
            b.putLong(value);
        }
        crc.update(b.array(), 0, width);
    }
}
