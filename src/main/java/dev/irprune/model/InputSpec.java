package dev.irprune.model;

/**
 * What the network expects as input: images of {@code channels x height x width} and how pixel
 * bytes are turned into input values ({@link Preprocess}); {@code mean} and {@code std} are the
 * standardisation's, fitted on the training set the network was trained on (0 and 1 otherwise).
 */
public record InputSpec(int channels, int height, int width, Preprocess preprocess, double mean, double std) {
    /** Added to the standard deviation before dividing, as the reference program does. */
    public static final double EPSILON = 1e-7;

    public InputSpec {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("input shape must be positive: " + channels + "x" + height + "x" + width);
        }
        if (preprocess == null) {
            throw new IllegalArgumentException("input preprocessing is required");
        }
        if (!Double.isFinite(mean) || !(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("input normalisation must be finite with std > 0, got mean " + mean + ", std " + std);
        }
    }

    /** Standardised input of this shape, not yet fitted to data (mean 0, std 1). */
    public static InputSpec of(int channels, int height, int width) {
        return new InputSpec(channels, height, width, Preprocess.STANDARDIZE, 0, 1);
    }

    /** Standardised input with a fitted mean and standard deviation (of pixel / 255). */
    public InputSpec(int channels, int height, int width, double mean, double std) {
        this(channels, height, width, Preprocess.STANDARDIZE, mean, std);
    }

    public InputSpec withNormalization(double newMean, double newStd) {
        return new InputSpec(channels, height, width, preprocess, newMean, newStd);
    }

    public InputSpec withPreprocess(Preprocess p) {
        return new InputSpec(channels, height, width, p, p == Preprocess.STANDARDIZE ? mean : 0, p == Preprocess.STANDARDIZE ? std : 1);
    }

    public Shape shape() {
        return Shape.chw(channels, height, width);
    }

    /** The input value of one pixel byte (0-255). */
    public float apply(int unsignedByte) {
        return switch (preprocess) {
            case STANDARDIZE -> (float) ((unsignedByte / 255.0 - mean) / (std + EPSILON));
            case SCALE255 -> (float) (unsignedByte / 255.0);
            case NONE -> unsignedByte;
        };
    }

    /** The input value of every byte value 0-255. */
    public float[] table() {
        float[] table = new float[256];
        for (int v = 0; v < 256; v++) {
            table[v] = apply(v);
        }
        return table;
    }
}
