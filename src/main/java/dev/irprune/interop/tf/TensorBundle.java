package dev.irprune.interop.tf;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.irprune.interop.Dims;
import dev.irprune.interop.FileErrors;
import dev.irprune.interop.FloatTensor;
import dev.irprune.interop.NumericBytes;
import dev.irprune.interop.tf.proto.BundleEntryProto;
import dev.irprune.interop.tf.proto.BundleHeaderProto;
import dev.irprune.interop.tf.proto.DataType;
import dev.irprune.interop.tf.proto.TensorShapeProto;
import dev.irprune.interop.tf.proto.VersionDef;
import dev.irprune.io.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TensorFlow tensor bundle, read in pure Java: a TF checkpoint ({@code cp.ckpt.index} and
 * {@code cp.ckpt.data-0000K-of-0000N}) or a SavedModel's {@code variables/variables.*}, following
 * {@code tensorflow/core/util/tensor_bundle/tensor_bundle.cc}. The index is a LevelDB SSTable (see
 * {@link SsTable}) whose empty key holds a {@code BundleHeaderProto} (shard count, byte order,
 * format version) and whose other keys hold a {@code BundleEntryProto} each.
 *
 * <p>Opening reads and checks the whole index (every block's CRC-32C, the header, every entry).
 * Tensor bytes are read on demand from their shard and checked against the entry's CRC-32C
 * ({@link #verify()} checks them all). Every problem is an {@link InputException} whose one-line
 * message names the file, and the key where there is one.
 */
public final class TensorBundle {
    /** The format version this reader implements ({@code kTensorBundleVersion}). */
    static final int CONSUMER_VERSION = 1;

    private final Path prefix;
    private final int numShards;
    private final ByteOrder order;
    private final Map<String, BundleEntry> entries;

    private TensorBundle(Path prefix, int numShards, ByteOrder order, Map<String, BundleEntry> entries) {
        this.prefix = prefix;
        this.numShards = numShards;
        this.order = order;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /**
     * Opens the bundle at a prefix ({@code .../cp.ckpt}), its {@code .index} file, a folder with a
     * {@code checkpoint} state file, a SavedModel {@code variables} folder or a SavedModel folder.
     *
     * @throws InputException if there is no bundle there, or its index is not a well-formed tensor
     *     bundle index (not an SSTable, a checksum mismatch, no header, a bad entry, a newer format)
     */
    public static TensorBundle open(Path prefixOrFolder) {
        Path prefix = BundlePrefix.resolve(prefixOrFolder);
        Path index = BundlePrefix.indexOf(prefix);
        String name = index.toString();
        List<BlockEntries.Entry> raw = SsTable.entries(readIndex(index), name);
        if (raw.isEmpty() || raw.get(0).key().length != 0) {
            throw new InputException(name + ": an SSTable, but not a tensor bundle index (no header entry under the empty key)");
        }
        BundleHeaderProto header;
        try {
            header = BundleHeaderProto.parseFrom(raw.get(0).value());
        } catch (InvalidProtocolBufferException e) {
            throw new InputException(name + ": corrupt bundle header: " + e.getMessage(), e);
        }
        checkHeader(header, name);
        Map<String, BundleEntry> entries = new LinkedHashMap<>();
        for (BlockEntries.Entry e : raw.subList(1, raw.size())) {
            String key = new String(e.key(), StandardCharsets.UTF_8);
            entries.put(key, entry(key, e.value(), header.getNumShards(), name));
        }
        ByteOrder order = header.getEndianness() == BundleHeaderProto.Endianness.BIG ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return new TensorBundle(prefix, header.getNumShards(), order, entries);
    }

    private static byte[] readIndex(Path index) {
        try {
            if (Files.size(index) > Integer.MAX_VALUE - 64) {
                throw new InputException(index + ": too large for a tensor bundle index (" + Files.size(index) + " bytes)");
            }
            return Files.readAllBytes(index);
        } catch (IOException e) {
            throw FileErrors.unreadable(index, e);
        }
    }

    /** As {@code BundleReader}'s constructor: shard count, byte order, then {@code CheckVersions}. */
    private static void checkHeader(BundleHeaderProto header, String name) {
        if (header.getNumShards() < 1) {
            throw new InputException(name + ": corrupt bundle header: " + header.getNumShards() + " data shards");
        }
        if (header.getEndianness() == BundleHeaderProto.Endianness.UNRECOGNIZED) {
            throw new InputException(name + ": corrupt bundle header: unknown byte order " + header.getEndiannessValue());
        }
        VersionDef v = header.getVersion();
        if (v.getMinConsumer() > CONSUMER_VERSION || v.getBadConsumersList().contains(CONSUMER_VERSION)) {
            throw new InputException(name + ": written in a newer tensor bundle format (producer " + v.getProducer()
                    + ", needs a reader of version " + v.getMinConsumer() + "; this one is " + CONSUMER_VERSION + ")");
        }
    }

    private static BundleEntry entry(String key, byte[] value, int numShards, String name) {
        BundleEntryProto p;
        try {
            p = BundleEntryProto.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new InputException(name + ": corrupt entry for '" + key + "': " + e.getMessage(), e);
        }
        String where = name + ": tensor '" + key + "'";
        TensorShapeProto s = p.getShape();
        if (s.getUnknownRank()) {
            throw new InputException(where + ": shape of unknown rank");
        }
        long[] dims = new long[s.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = s.getDim(i).getSize();
        }
        int[] shape = Dims.toInts(dims, where);
        boolean sliced = p.getSlicesCount() > 0;
        if (!sliced && (p.getShardId() < 0 || p.getShardId() >= numShards)) {
            throw new InputException(where + ": in data shard " + p.getShardId() + ", but the bundle has " + numShards);
        }
        if (p.getOffset() < 0 || p.getSize() < 0) {
            throw new InputException(where + ": negative offset or size");
        }
        return new BundleEntry(key, p.getDtype(), p.getDtypeValue(), shape, p.getShardId(), p.getOffset(), p.getSize(),
                p.getCrc32C(), sliced);
    }

    /** The prefix the files share: the index is {@code prefix + ".index"}. */
    public Path prefix() {
        return prefix;
    }

    public int numShards() {
        return numShards;
    }

    /** The byte order of the tensor bytes (the header's endianness). */
    public ByteOrder byteOrder() {
        return order;
    }

    /** The data file of a shard, as {@code naming.cc} names it: {@code prefix.data-0000K-of-0000N}. */
    public Path dataFile(int shard) {
        return prefix.resolveSibling(prefix.getFileName() + String.format(".data-%05d-of-%05d", shard, numShards));
    }

    /** Every key except the header's, in file order (bytewise ascending). */
    public List<String> keys() {
        return new ArrayList<>(entries.keySet());
    }

    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    /**
     * @throws InputException if there is no tensor {@code key}
     */
    public BundleEntry entry(String key) {
        BundleEntry e = entries.get(key);
        if (e == null) {
            throw new InputException(BundlePrefix.indexOf(prefix) + ": no tensor '" + key + "' (" + entries.size() + " keys)");
        }
        return e;
    }

    /**
     * A floating-point tensor's values as float32, row-major: {@code DT_FLOAT} as stored,
     * {@code DT_HALF}, {@code DT_BFLOAT16} exactly, {@code DT_DOUBLE} rounded to the nearest float.
     *
     * @throws InputException if the key is missing, the tensor is of another type, or its bytes are
     *     missing or corrupt
     */
    public float[] floats(String key) {
        BundleEntry e = entry(key);
        switch (e.dtype()) {
            case DT_FLOAT:
                return NumericBytes.floats(bytes(key), order);
            case DT_HALF:
                return NumericBytes.halvesAsFloats(bytes(key), order);
            case DT_BFLOAT16:
                return NumericBytes.bfloat16sAsFloats(bytes(key), order);
            case DT_DOUBLE:
                return NumericBytes.doublesAsFloats(bytes(key), order);
            default:
                throw new InputException(BundlePrefix.indexOf(prefix) + ": tensor '" + key + "' is " + e.dtypeName()
                        + ", not a floating-point type (DT_FLOAT, DT_HALF, DT_BFLOAT16, DT_DOUBLE)");
        }
    }

    /** {@link #floats} with the tensor's shape. */
    public FloatTensor tensor(String key) {
        return new FloatTensor(entry(key).shape(), floats(key));
    }

    /**
     * A tensor's bytes exactly as stored in its shard, after checking their CRC-32C (and, for fixed-size
     * types, their count against the shape).
     *
     * @throws InputException naming the file and key if the tensor is partitioned, its data file is
     *     missing or too short, its size does not fit its shape, or its checksum does not match
     */
    public byte[] bytes(String key) {
        BundleEntry e = entry(key);
        String where = BundlePrefix.indexOf(prefix) + ": tensor '" + key + "'";
        if (e.sliced()) {
            throw new InputException(where + " is partitioned into slices, which this reader does not support");
        }
        int width = DTypes.elementBytes(e.dtype());
        if (width > 0 && e.size() != e.elementCount() * width) {
            throw new InputException(where + ": stored size " + e.size() + " bytes, but " + e.dtypeName() + " " + e
                    + " needs " + e.elementCount() * width);
        }
        Path data = dataFile(e.shardId());
        byte[] bytes = readRange(data, e, key);
        int stored = Crc32c.unmask(e.maskedCrc32c());
        int actual;
        try {
            actual = TensorChecksum.of(e.dtype(), e.elementCount(), bytes, order);
        } catch (TensorChecksum.Malformed m) {
            throw new InputException(data + ": tensor '" + key + "' is corrupt: " + m.getMessage());
        }
        if (actual != stored) {
            throw new InputException(data + ": tensor '" + key + "' is corrupt: checksum mismatch (stored CRC-32C "
                    + Crc32c.hex(stored) + ", computed " + Crc32c.hex(actual) + ")");
        }
        return bytes;
    }

    private static byte[] readRange(Path data, BundleEntry e, String key) {
        if (e.size() > Integer.MAX_VALUE - 64) {
            throw new InputException(data + ": tensor '" + key + "' is too large to read (" + e.size() + " bytes)");
        }
        try (FileChannel ch = FileChannel.open(data, StandardOpenOption.READ)) {
            if (e.offset() + e.size() > ch.size()) {
                throw new InputException(data + ": tensor '" + key + "' (" + e.size() + " bytes at offset " + e.offset()
                        + ") runs past the end of the file (" + ch.size() + " bytes; truncated?)");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) e.size());
            long at = e.offset();
            while (buf.hasRemaining()) {
                int n = ch.read(buf, at);
                if (n < 0) {
                    throw new InputException(data + ": tensor '" + key + "': unexpected end of file");
                }
                at += n;
            }
            return buf.array();
        } catch (NoSuchFileException ex) {
            throw new InputException(data + ": data file missing (tensor '" + key + "' is in shard " + e.shardId() + ")");
        } catch (IOException ex) {
            throw FileErrors.unreadable(data, ex);
        }
    }

    /**
     * Reads every tensor that is not partitioned and checks its checksum.
     *
     * @throws InputException at the first missing, truncated or corrupt tensor
     */
    public void verify() {
        for (BundleEntry e : entries.values()) {
            if (!e.sliced()) {
                bytes(e.key());
            }
        }
    }

    @Override
    public String toString() {
        return "TensorBundle(" + prefix + ", " + entries.size() + " tensors, " + numShards + " shards)";
    }
}
