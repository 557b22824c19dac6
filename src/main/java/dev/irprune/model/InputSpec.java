package dev.irprune.model;

/**
 * What the network expects as input: image shape and the scalar normalisation applied to pixel
 * values (x / 255 - mean) / (std + 1e-7), fitted on the training set the network was trained on.
 */
public record InputSpec(int channels, int height, int width, double mean, double std) {
    public InputSpec {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("input shape must be positive: " + channels + "x" + height + "x" + width);
        }
        if (!Double.isFinite(mean) || !(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("input normalisation must be finite with std > 0, got mean " + mean + ", std " + std);
        }
    }

    /** An input of this shape with identity normalisation (not yet fitted to data). */
    public static InputSpec of(int channels, int height, int width) {
        return new InputSpec(channels, height, width, 0, 1);
    }

    public InputSpec withNormalization(double newMean, double newStd) {
        return new InputSpec(channels, height, width, newMean, newStd);
    }

    public Shape shape() {
        return Shape.chw(channels, height, width);
    }
}
