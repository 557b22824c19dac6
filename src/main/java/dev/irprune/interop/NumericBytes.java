package dev.irprune.interop;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Floating-point numbers from the bytes of a file: IEEE 754 float32, float64, float16 (half) and
 * bfloat16, in a given byte order (little-endian unless a file says otherwise). Every result is
 * float32; float64 values are rounded to the nearest float.
 */
public final class NumericBytes {
    private NumericBytes() {}

    public static float[] floats(byte[] bytes, ByteOrder order) {
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(order).asFloatBuffer().get(out);
        return out;
    }

    public static float[] doublesAsFloats(byte[] bytes, ByteOrder order) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
        float[] out = new float[bytes.length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) buf.getDouble(8 * i);
        }
        return out;
    }

    public static float[] halvesAsFloats(byte[] bytes, ByteOrder order) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
        float[] out = new float[bytes.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = halfToFloat(buf.getShort(2 * i));
        }
        return out;
    }

    public static float[] bfloat16sAsFloats(byte[] bytes, ByteOrder order) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
        float[] out = new float[bytes.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.intBitsToFloat((buf.getShort(2 * i) & 0xffff) << 16);
        }
        return out;
    }

    public static long[] longs(byte[] bytes, ByteOrder order) {
        long[] out = new long[bytes.length / 8];
        ByteBuffer.wrap(bytes).order(order).asLongBuffer().get(out);
        return out;
    }

    /** IEEE 754 binary16 to binary32, exactly (every half is a float), NaN payloads kept. */
    public static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            // zero or subnormal: mant * 2^-24
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
