package dev.irprune.interop;

import java.util.Arrays;
import java.util.Objects;

/**
 * A float32 array with its shape, row-major (C order), as another tool's file holds it. The layout
 * is the file's own: a Keras or TF conv kernel is {@code [kh, kw, in, out]}, a dense kernel
 * {@code [in, out]}, an ONNX Conv weight {@code [out, in, kh, kw]}. A scalar has the shape {@code []}
 * and one value. Immutable: the shape and the values are copied in and out.
 *
 * @param shape the dimensions, each at least 0
 * @param values {@code product(shape)} values
 * @throws IllegalArgumentException if a dimension is negative or the value count is not the
 *     product of the dimensions
 */
public record FloatTensor(int[] shape, float[] values) {
    public FloatTensor {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        shape = shape.clone();
        long n = Dims.count(shape);
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + values.length);
        }
        values = values.clone();
    }

    /** A scalar: shape {@code []}, one value. */
    public static FloatTensor scalar(float value) {
        return new FloatTensor(new int[0], new float[] {value});
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** The value at a row-major flat index, without copying the array. */
    public float get(int flatIndex) {
        return values[flatIndex];
    }

    public int size() {
        return values.length;
    }

    public int rank() {
        return shape.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
