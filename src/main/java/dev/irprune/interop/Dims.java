package dev.irprune.interop;

import dev.irprune.io.InputException;
import java.util.Arrays;

/** Tensor dimensions as files store them (64-bit) and as arrays need them (int, non-negative). */
public final class Dims {
    private Dims() {}

    /**
     * The number of elements of {@code shape}: the product of its dimensions, 1 for a scalar.
     *
     * @throws IllegalArgumentException if a dimension is negative or the product exceeds 2^31 - 1
     */
    public static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31 - 1 elements");
            }
        }
        return n;
    }

    /**
     * A stored shape as ints, checked: every dimension between 0 and 2^31 - 1, at most 2^31 - 1
     * elements in all.
     *
     * @param where names the file and tensor in the error message
     * @throws InputException otherwise, naming {@code where}
     */
    public static int[] toInts(long[] dims, String where) {
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new InputException(where + ": unsupported dimension " + dims[i] + " in shape " + Arrays.toString(dims));
            }
            shape[i] = (int) dims[i];
        }
        try {
            count(shape);
        } catch (IllegalArgumentException e) {
            throw new InputException(where + ": " + e.getMessage());
        }
        return shape;
    }
}
