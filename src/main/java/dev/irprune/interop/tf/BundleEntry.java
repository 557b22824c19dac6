package dev.irprune.interop.tf;

import dev.irprune.interop.Dims;
import dev.irprune.interop.tf.proto.DataType;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a tensor bundle's index says about one tensor ({@code BundleEntryProto} of
 * {@code tensorflow/core/protobuf/tensor_bundle.proto}): its type, its shape, and where its bytes
 * are: {@code size} bytes at {@code offset} of data shard {@code shardId}, whose CRC-32C, masked, is
 * {@code maskedCrc32c}. A partitioned tensor ({@code sliced}) keeps its bytes under other keys.
 *
 * @param key the tensor's name in the bundle
 * @param dtype its TensorFlow type ({@code DataType.UNRECOGNIZED} for a number this build does not name)
 * @param dtypeNumber the type's number as stored
 * @param shape dimensions, outermost first; {@code []} for a scalar
 * @param shardId the data file, {@code 0 <= shardId < numShards}
 * @param offset byte offset in that file
 * @param size byte count
 * @param maskedCrc32c the stored checksum of those bytes, masked as LevelDB does
 * @param sliced whether the entry describes a partitioned tensor
 */
public record BundleEntry(String key, DataType dtype, int dtypeNumber, int[] shape, int shardId, long offset, long size,
        int maskedCrc32c, boolean sliced) {
    public BundleEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        Dims.count(shape);
        if (shardId < 0 || offset < 0 || size < 0) {
            throw new IllegalArgumentException(key + ": negative shard, offset or size");
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        return Dims.count(shape);
    }

    /** The type's name as TensorFlow spells it, e.g. {@code DT_FLOAT}, or its number if unknown here. */
    public String dtypeName() {
        return dtype == DataType.UNRECOGNIZED ? "dtype " + dtypeNumber : dtype.name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BundleEntry e && key.equals(e.key) && dtypeNumber == e.dtypeNumber && Arrays.equals(shape, e.shape)
                && shardId == e.shardId && offset == e.offset && size == e.size && maskedCrc32c == e.maskedCrc32c
                && sliced == e.sliced;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, dtypeNumber, Arrays.hashCode(shape), shardId, offset, size, maskedCrc32c, sliced);
    }

    @Override
    public String toString() {
        return key + " " + dtypeName() + " " + Arrays.toString(shape);
    }
}
