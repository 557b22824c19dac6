package dev.irprune.model;

/**
 * Spatial padding of a convolution or pooling window. {@code SAME} is TensorFlow's: the output is
 * ceil(in / stride) and the total padding max((out - 1) * stride + k - in, 0) is split with the
 * extra row or column at the bottom or right; {@code VALID} pads nothing; {@code EXPLICIT} gives the
 * rows and columns added on each side (PyTorch's and ONNX's {@code pads}). Out = floor((in + before +
 * after - k) / stride) + 1 in every mode.
 */
public record Padding(Mode mode, int top, int bottom, int left, int right) {
    /** How the padding is given. */
    public enum Mode { SAME, VALID, EXPLICIT }

    public static final Padding SAME = new Padding(Mode.SAME, 0, 0, 0, 0);
    public static final Padding VALID = new Padding(Mode.VALID, 0, 0, 0, 0);

    public Padding {
        if (mode == null) {
            throw new IllegalArgumentException("padding mode is required");
        }
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + top + ", " + bottom + ", " + left + ", " + right);
        }
        if (mode != Mode.EXPLICIT && (top | bottom | left | right) != 0) {
            throw new IllegalArgumentException(mode + " padding takes no explicit amounts");
        }
    }

    /** The same amount on every side. */
    public static Padding symmetric(int rows, int cols) {
        return rows == 0 && cols == 0 ? VALID : new Padding(Mode.EXPLICIT, rows, rows, cols, cols);
    }

    /**
     * Rows and columns added before and after: {top, bottom, left, right} for an input of
     * {@code h x w}, a {@code kh x kw} window and strides {@code sh, sw}.
     */
    public int[] resolve(int h, int w, int kh, int kw, int sh, int sw) {
        return switch (mode) {
            case VALID -> new int[] {0, 0, 0, 0};
            case EXPLICIT -> new int[] {top, bottom, left, right};
            case SAME -> {
                int ph = Math.max((ceilDiv(h, sh) - 1) * sh + kh - h, 0);
                int pw = Math.max((ceilDiv(w, sw) - 1) * sw + kw - w, 0);
                yield new int[] {ph / 2, ph - ph / 2, pw / 2, pw - pw / 2};
            }
        };
    }

    /** Whether the padding is the same before and after on both axes for this input. */
    public boolean symmetricFor(int h, int w, int kh, int kw, int sh, int sw) {
        int[] p = resolve(h, w, kh, kw, sh, sw);
        return p[0] == p[1] && p[2] == p[3];
    }

    /**
     * The output shape of a window over an {@code in} map (C x H x W) with {@code channels} output
     * channels.
     *
     * @throws IllegalArgumentException naming {@code node} if the window does not fit
     */
    Shape output(String node, Shape in, int channels, int kh, int kw, int sh, int sw) {
        int[] p = resolve(in.dim(1), in.dim(2), kh, kw, sh, sw);
        long hp = (long) in.dim(1) + p[0] + p[1];
        long wp = (long) in.dim(2) + p[2] + p[3];
        if (hp < kh || wp < kw) {
            throw new IllegalArgumentException(node + ": a " + kh + "x" + kw + " window does not fit the " + in + " input");
        }
        return Shape.chw(channels, Math.toIntExact((hp - kh) / sh + 1), Math.toIntExact((wp - kw) / sw + 1));
    }

    static void checkWindow(String node, int kh, int kw, int sh, int sw) {
        if (kh < 1 || kw < 1 || sh < 1 || sw < 1) {
            throw new IllegalArgumentException(node + ": window and stride must be positive, got " + kh + "x" + kw + " stride "
                    + sh + "x" + sw);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
