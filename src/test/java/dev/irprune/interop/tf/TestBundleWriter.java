package dev.irprune.interop.tf;

import com.google.protobuf.CodedOutputStream;
import dev.irprune.interop.tf.proto.BundleEntryProto;
import dev.irprune.interop.tf.proto.BundleHeaderProto;
import dev.irprune.interop.tf.proto.DataType;
import dev.irprune.interop.tf.proto.TensorShapeProto;
import dev.irprune.interop.tf.proto.VersionDef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * Writes small tensor bundles for tests, as TensorFlow's {@code BundleWriter} and LevelDB's
 * {@code TableBuilder} do: one data shard, keys sorted, the header under the empty key, data blocks
 * of at most {@code blockSize} bytes with a restart point every {@code restartInterval} entries,
 * optionally snappy-compressed, an empty metaindex block, the index block and the 48-byte footer.
 */
final class TestBundleWriter {
    /** A tensor to write: its key, type, shape and bytes as they go into the data file. */
    record Tensor(String key, DataType dtype, int[] shape, byte[] bytes) {
        static Tensor floats(String key, int[] shape, float... values) {
            ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                b.putFloat(v);
            }
            return new Tensor(key, DataType.DT_FLOAT, shape, b.array());
        }
    }

    private final int blockSize;
    private final int restartInterval;
    private final boolean snappy;

    TestBundleWriter(int blockSize, int restartInterval, boolean snappy) {
        this.blockSize = blockSize;
        this.restartInterval = restartInterval;
        this.snappy = snappy;
    }

    void write(Path prefix, List<Tensor> tensors) {
        List<Tensor> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparing(t -> t.key().getBytes(StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        List<byte[][]> kv = new ArrayList<>();
        BundleHeaderProto header = BundleHeaderProto.newBuilder().setNumShards(1)
                .setVersion(VersionDef.newBuilder().setProducer(1)).build();
        kv.add(new byte[][] {new byte[0], header.toByteArray()});
        for (Tensor t : sorted) {
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            for (int d : t.shape()) {
                shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
            }
            BundleEntryProto e = BundleEntryProto.newBuilder().setDtype(t.dtype()).setShape(shape).setShardId(0)
                    .setOffset(data.size()).setSize(t.bytes().length)
                    .setCrc32C(Crc32c.mask(Crc32c.value(t.bytes(), 0, t.bytes().length))).build();
            data.writeBytes(t.bytes());
            kv.add(new byte[][] {t.key().getBytes(StandardCharsets.UTF_8), e.toByteArray()});
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<byte[][]> index = new ArrayList<>();
        List<byte[][]> block = new ArrayList<>();
        int blockBytes = 0;
        for (byte[][] e : kv) {
            block.add(e);
            blockBytes += e[0].length + e[1].length + 3;
            if (blockBytes >= blockSize) {
                index.add(new byte[][] {e[0], writeBlock(file, block, snappy)});
                block.clear();
                blockBytes = 0;
            }
        }
        if (!block.isEmpty()) {
            index.add(new byte[][] {block.get(block.size() - 1)[0], writeBlock(file, block, snappy)});
        }
        byte[] metaindex = writeBlock(file, List.of(), false);
        byte[] indexHandle = writeBlock(file, index, false);
        ByteBuffer footer = ByteBuffer.allocate(Footer.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        footer.put(metaindex).put(indexHandle);
        footer.putLong(Footer.LENGTH - 8, Footer.MAGIC);
        file.writeBytes(footer.array());
        try {
            Files.write(BundlePrefix.indexOf(prefix), file.toByteArray());
            Files.write(prefix.resolveSibling(prefix.getFileName() + ".data-00000-of-00001"), data.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends a block and its trailer; returns its encoded handle. */
    private byte[] writeBlock(ByteArrayOutputStream file, List<byte[][]> entries, boolean compress) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        List<Integer> restarts = new ArrayList<>();
        byte[] last = new byte[0];
        for (int i = 0; i < entries.size(); i++) {
            byte[] key = entries.get(i)[0];
            byte[] value = entries.get(i)[1];
            int shared = 0;
            if (i % restartInterval == 0) {
                restarts.add(b.size());
            } else {
                while (shared < Math.min(last.length, key.length) && last[shared] == key[shared]) {
                    shared++;
                }
            }
            b.writeBytes(varint(shared));
            b.writeBytes(varint(key.length - shared));
            b.writeBytes(varint(value.length));
            b.write(key, shared, key.length - shared);
            b.writeBytes(value);
            last = key;
        }
        if (restarts.isEmpty()) {
            restarts.add(0);
        }
        ByteBuffer tail = ByteBuffer.allocate(4 * restarts.size() + 4).order(ByteOrder.LITTLE_ENDIAN);
        restarts.forEach(tail::putInt);
        tail.putInt(restarts.size());
        b.writeBytes(tail.array());
        byte[] contents = b.toByteArray();
        byte type = Blocks.NO_COMPRESSION;
        if (compress) {
            try {
                contents = Snappy.compress(contents);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            type = Blocks.SNAPPY;
        }
        long offset = file.size();
        byte[] withType = java.util.Arrays.copyOf(contents, contents.length + 1);
        withType[contents.length] = type;
        file.writeBytes(withType);
        file.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(Crc32c.mask(Crc32c.value(withType, 0, withType.length))).array());
        ByteArrayOutputStream handle = new ByteArrayOutputStream();
        handle.writeBytes(varint(offset));
        handle.writeBytes(varint(contents.length));
        return handle.toByteArray();
    }

    private static byte[] varint(long v) {
        byte[] buf = new byte[10];
        CodedOutputStream out = CodedOutputStream.newInstance(buf);
        try {
            out.writeUInt64NoTag(v);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Arrays.copyOf(buf, out.getTotalBytesWritten());
    }
}
