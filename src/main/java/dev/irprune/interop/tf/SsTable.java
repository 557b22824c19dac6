package dev.irprune.interop.tf;

import com.google.protobuf.CodedInputStream;
import dev.irprune.io.InputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every key/value entry of a LevelDB-format SSTable held in memory, in file order: the footer gives
 * the index block, whose values are the handles of the data blocks, read one after another
 * ({@code leveldb/doc/table_format.md}; TensorFlow's copy is {@code tensorflow/core/lib/io}). Every
 * block's checksum is checked, and keys must be strictly increasing (bytewise), as the format
 * requires. The metaindex block (filters) is not needed to list entries and is not read.
 */
final class SsTable {
    private SsTable() {}

    /**
     * @param file the whole file
     * @param fileName names the file in messages
     * @throws InputException for anything that is not a well-formed SSTable, naming the file and block
     */
    static List<BlockEntries.Entry> entries(byte[] file, String fileName) {
        Footer footer = Footer.read(file, fileName);
        byte[] index = Blocks.read(file, footer.index(), fileName, "index block");
        List<BlockEntries.Entry> out = new ArrayList<>();
        int blockNumber = 0;
        for (BlockEntries.Entry handleEntry : BlockEntries.parse(index, fileName, "index block")) {
            String what = "data block " + blockNumber++;
            BlockHandle handle = decodeHandle(handleEntry.value(), fileName, what);
            byte[] block = Blocks.read(file, handle, fileName, what);
            for (BlockEntries.Entry e : BlockEntries.parse(block, fileName, what)) {
                if (!out.isEmpty() && Arrays.compareUnsigned(out.get(out.size() - 1).key(), e.key()) >= 0) {
                    throw new InputException(fileName + ": " + what + " is corrupt: keys out of order");
                }
                out.add(e);
            }
        }
        return out;
    }

    private static BlockHandle decodeHandle(byte[] value, String fileName, String what) {
        try {
            return Footer.handle(CodedInputStream.newInstance(value));
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException(fileName + ": index block is corrupt: bad handle for " + what, e);
        }
    }
}
