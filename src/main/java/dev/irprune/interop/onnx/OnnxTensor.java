package dev.irprune.interop.onnx;

import dev.irprune.interop.Dims;
import dev.irprune.interop.FloatTensor;
import dev.irprune.interop.NumericBytes;
import dev.irprune.interop.onnx.proto.Onnx.TensorProto.DataType;
import dev.irprune.io.InputException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor of an ONNX model (an initializer, a Constant's value, a tensor attribute): its name, element
 * type, shape and its elements as little-endian bytes, as ONNX's {@code raw_data} holds them ({@code
 * onnx.proto}, {@code TensorProto}). Typed fields ({@code float_data}, {@code int64_data}, ...) are
 * turned into those bytes when read, so a tensor is the same whichever way a file stored it.
 * Immutable.
 *
 * @param name "" for an unnamed Constant value
 * @param dataType the element type
 * @param shape dimensions, {@code []} for a scalar
 * @param data the elements, little-endian, row-major; empty for types kept only by name (strings)
 */
public record OnnxTensor(String name, DataType dataType, int[] shape, byte[] data) {
    public OnnxTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        shape = shape.clone();
        long n = Dims.count(shape);
        int width = elementBytes(dataType);
        if (width > 0 && data.length != n * width) {
            throw new IllegalArgumentException(name + ": " + dataType + " " + Arrays.toString(shape) + " needs " + n * width
                    + " bytes, got " + data.length);
        }
        data = data.clone();
    }

    /** Bytes per element, or 0 for types with no fixed width here (strings, 4-bit, complex). */
    static int elementBytes(DataType t) {
        switch (t) {
            case FLOAT: case INT32: case UINT32:
                return 4;
            case DOUBLE: case INT64: case UINT64:
                return 8;
            case FLOAT16: case BFLOAT16: case INT16: case UINT16:
                return 2;
            case INT8: case UINT8: case BOOL: case FLOAT8E4M3FN: case FLOAT8E4M3FNUZ: case FLOAT8E5M2: case FLOAT8E5M2FNUZ:
                return 1;
            default:
                return 0;
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public long elementCount() {
        return Dims.count(shape);
    }

    /**
     * The elements as float32: FLOAT as stored, FLOAT16 and BFLOAT16 exactly, DOUBLE rounded.
     *
     * @throws InputException (naming the tensor) for any other type
     */
    public float[] floats() {
        switch (dataType) {
            case FLOAT:
                return NumericBytes.floats(data, ByteOrder.LITTLE_ENDIAN);
            case FLOAT16:
                return NumericBytes.halvesAsFloats(data, ByteOrder.LITTLE_ENDIAN);
            case BFLOAT16:
                return NumericBytes.bfloat16sAsFloats(data, ByteOrder.LITTLE_ENDIAN);
            case DOUBLE:
                return NumericBytes.doublesAsFloats(data, ByteOrder.LITTLE_ENDIAN);
            default:
                throw new InputException("tensor '" + name + "' is " + dataType + ", not a floating-point type");
        }
    }

    /** {@link #floats()} with the shape. */
    public FloatTensor toFloatTensor() {
        return new FloatTensor(shape, floats());
    }

    /**
     * The elements as longs: INT64 as stored, INT32 widened (e.g. a Reshape's target shape).
     *
     * @throws InputException (naming the tensor) for any other type
     */
    public long[] longs() {
        if (dataType == DataType.INT64) {
            return NumericBytes.longs(data, ByteOrder.LITTLE_ENDIAN);
        }
        if (dataType == DataType.INT32) {
            int[] ints = new int[data.length / 4];
            java.nio.ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(ints);
            return Arrays.stream(ints).asLongStream().toArray();
        }
        throw new InputException("tensor '" + name + "' is " + dataType + ", not an integer type (INT64, INT32)");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnnxTensor t && name.equals(t.name) && dataType == t.dataType && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dataType, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "OnnxTensor(" + name + ", " + dataType + " " + Arrays.toString(shape) + ")";
    }
}
