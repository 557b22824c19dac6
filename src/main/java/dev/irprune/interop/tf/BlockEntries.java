package dev.irprune.interop.tf;

import com.google.protobuf.CodedInputStream;
import dev.irprune.io.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The key/value entries of an uncompressed SSTable block, in order ({@code leveldb/table/block.cc},
 * {@code block_builder.cc}). Each entry is three varint32s (bytes shared with the previous key, bytes
 * not shared, value length), the unshared key bytes and the value. The block ends with the restart
 * array (fixed32 offsets of entries whose key is stored whole) and its length (a fixed32). Every
 * restart point is checked to be an entry that shares nothing.
 */
final class BlockEntries {
    private BlockEntries() {}

    /** One entry: the full key and its value, as bytes. */
    record Entry(byte[] key, byte[] value) {}

    /**
     * @throws InputException naming the file and block if the restart array or an entry does not fit
     *     in the block, or a restart point is not where an entry starts with a whole key
     */
    static List<Entry> parse(byte[] block, String fileName, String what) {
        String where = fileName + ": " + what;
        if (block.length < 4) {
            throw new InputException(where + " is corrupt: " + block.length + " bytes, too short for its restart count");
        }
        ByteBuffer le = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        long restarts = Integer.toUnsignedLong(le.getInt(block.length - 4));
        if (restarts > (block.length - 4) / 4) {
            throw new InputException(where + " is corrupt: " + restarts + " restart points do not fit in " + block.length + " bytes");
        }
        int limit = block.length - 4 - 4 * (int) restarts;
        int[] restartAt = new int[(int) restarts];
        for (int i = 0; i < restartAt.length; i++) {
            restartAt[i] = le.getInt(limit + 4 * i);
        }
        List<Entry> entries = new ArrayList<>();
        byte[] key = new byte[0];
        int pos = 0;
        int nextRestart = 0;
        try {
            while (pos < limit) {
                CodedInputStream in = CodedInputStream.newInstance(block, pos, limit - pos);
                int shared = in.readRawVarint32();
                int unshared = in.readRawVarint32();
                int valueLength = in.readRawVarint32();
                int data = pos + in.getTotalBytesRead();
                if (shared < 0 || unshared < 0 || valueLength < 0 || shared > key.length
                        || (long) data + unshared + valueLength > limit) {
                    throw new InputException(where + " is corrupt: bad entry at byte " + pos);
                }
                if (nextRestart < restartAt.length && restartAt[nextRestart] == pos) {
                    if (shared != 0) {
                        throw new InputException(where + " is corrupt: restart point at byte " + pos + " shares key bytes");
                    }
                    nextRestart++;
                }
                byte[] full = Arrays.copyOf(key, shared + unshared);
                System.arraycopy(block, data, full, shared, unshared);
                key = full;
                entries.add(new Entry(key, Arrays.copyOfRange(block, data + unshared, data + unshared + valueLength)));
                pos = data + unshared + valueLength;
            }
        } catch (IOException e) {
            throw new InputException(where + " is corrupt: bad varint at byte " + pos, e);
        }
        if (nextRestart != restartAt.length) {
            throw new InputException(where + " is corrupt: restart point " + nextRestart + " (byte " + restartAt[nextRestart]
                    + ") is not the start of an entry");
        }
        return entries;
    }
}
