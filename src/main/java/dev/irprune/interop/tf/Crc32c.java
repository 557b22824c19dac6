package dev.irprune.interop.tf;

import java.util.zip.CRC32C;

/**
 * CRC-32C (Castagnoli) and the masking LevelDB and TensorFlow apply to stored checksums
 * ({@code leveldb/util/crc32c.h}): a checksum is rotated right by 15 bits and 0xa282ead8 added, so
 * that the CRC of data holding CRCs stays meaningful.
 */
final class Crc32c {
    private static final int MASK_DELTA = 0xa282ead8;

    private Crc32c() {}

    static int value(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    static int unmask(int masked) {
        int rot = masked - MASK_DELTA;
        return (rot >>> 17) | (rot << 15);
    }

    static String hex(int crc) {
        return String.format("0x%08x", crc);
    }
}
