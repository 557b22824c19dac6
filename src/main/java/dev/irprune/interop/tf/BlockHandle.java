package dev.irprune.interop.tf;

/**
 * Where a block lies in an SSTable file: its offset and its size in bytes, not counting the 5-byte
 * trailer (compression type, masked CRC-32C) after it. Stored as two varint64s
 * ({@code leveldb/doc/table_format.md}).
 */
record BlockHandle(long offset, long size) {
    /** The bytes after a block: one compression-type byte and a fixed32 masked CRC-32C. */
    static final int TRAILER = 5;

    BlockHandle {
        if (offset < 0 || size < 0) {
            throw new IllegalArgumentException("block handle out of range: offset " + offset + ", size " + size);
        }
    }

    @Override
    public String toString() {
        return "@" + offset + " size " + size;
    }
}
