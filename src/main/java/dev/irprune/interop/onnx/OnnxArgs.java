package dev.irprune.interop.onnx;

import dev.irprune.interop.FloatTensor;
import dev.irprune.model.Padding;
import dev.irprune.model.Shape;
import dev.irprune.model.Tensor;
import java.util.List;

/**
 * ONNX attribute values and stored parameters as IRPrune's ({@code onnx/docs/Operators.md}):
 * {@code pads} [top, left, bottom, right] or {@code auto_pad} as a {@link Padding}, pairs of
 * ints, parameter vectors (stored as [n], [1, n] or one value to broadcast), transposed matrices,
 * and float attributes as the decimals they were written as.
 */
final class OnnxArgs {
    private OnnxArgs() {}

    /** Conv/pool padding from pads or auto_pad, for a window over the input {@code in}. */
    static Padding padding(OnnxNode n, OnnxImport m, String in, int kh, int kw, int[] st) {
        String auto = n.stringAttribute("auto_pad", "NOTSET");
        switch (auto) {
            case "NOTSET" -> {
                List<Long> p = n.intsAttribute("pads");
                if (p.isEmpty() || p.stream().allMatch(v -> v == 0)) {
                    return Padding.VALID;
                }
                if (p.size() != 4) {
                    throw m.error(n, "pads must have 4 values, got " + p);
                }
                return new Padding(Padding.Mode.EXPLICIT, p.get(0).intValue(), p.get(2).intValue(), p.get(1).intValue(), p.get(3).intValue());
            }
            case "VALID" -> {
                return Padding.VALID;
            }
            case "SAME_UPPER" -> {
                return Padding.SAME;
            }
            case "SAME_LOWER" -> {
                Shape s = m.shape(in);
                int[] upper = Padding.SAME.resolve(s.dim(1), s.dim(2), kh, kw, st[0], st[1]);
                return new Padding(Padding.Mode.EXPLICIT, upper[1], upper[0], upper[3], upper[2]);
            }
            default -> throw m.error(n, "auto_pad " + auto + " is not supported");
        }
    }

    static int[] pair(OnnxNode n, String attribute, int fallback) {
        List<Long> v = n.intsAttribute(attribute);
        return v.isEmpty() ? new int[] {fallback, fallback} : new int[] {Math.toIntExact(v.get(0)), Math.toIntExact(v.get(v.size() - 1))};
    }

    /** A vector of {@code n} values from a stored [n], [1, n] or single value (broadcast). */
    static Tensor tensor(FloatTensor t, int n, OnnxImport m, OnnxNode node) {
        float[] v = t.values();
        if (v.length == n) {
            return new Tensor(new int[] {n}, v);
        }
        if (v.length == 1) {
            float[] f = new float[n];
            java.util.Arrays.fill(f, v[0]);
            return new Tensor(new int[] {n}, f);
        }
        throw m.error(node, "a parameter of shape " + java.util.Arrays.toString(t.shape()) + " where " + n + " values are needed");
    }

    static float[] transpose(FloatTensor b) {
        int r = b.shape()[0];
        int c = b.shape()[1];
        float[] v = b.values();
        float[] out = new float[v.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[j * r + i] = v[i * c + j];
            }
        }
        return out;
    }

    static void scale(float[] v, float by) {
        if (by != 1f) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= by;
            }
        }
    }

    /** A float attribute as the decimal it was written as (1e-5f gives 1e-5, not 9.99999974737875e-6). */
    static double decimal(float f) {
        return Double.parseDouble(Float.toString(f));
    }
}
