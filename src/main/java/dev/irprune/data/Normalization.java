package dev.irprune.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * The seed's normalisation: pixels divided by 255, then {@code (x - mean) / (std + 1e-7)} with one
 * scalar mean and one scalar population standard deviation taken over every training pixel (all
 * channels together).
 */
public record Normalization(double mean, double std) {
    /** Added to the standard deviation before dividing, as the seed does. */
    public static final double EPSILON = 1e-7;

    public Normalization {
        if (!Double.isFinite(mean) || !Double.isFinite(std) || std < 0) {
            throw new IllegalArgumentException("mean must be finite and std finite and >= 0, got "
                    + mean + ", " + std);
        }
    }

    /**
     * Mean and population standard deviation of all pixel values / 255 in {@code train}. Both are
     * computed from exact integer sums, so they are the correctly rounded doubles (the standard
     * deviation up to the last bit of the square root).
     */
    public static Normalization fit(ImageSet train) {
        byte[] pixels = train.pixels();
        if (pixels.length == 0) {
            throw new IllegalArgumentException("cannot fit a normalisation on an empty image set");
        }
        long[] histogram = new long[256];
        for (byte b : pixels) {
            histogram[b & 0xFF]++;
        }
        long n = pixels.length;
        long sum = 0;
        BigInteger sumOfSquares = BigInteger.ZERO;
        for (int v = 0; v < 256; v++) {
            sum += histogram[v] * v;
            sumOfSquares = sumOfSquares.add(BigInteger.valueOf(histogram[v] * v * v));
        }
        // mean = sum / (255 n); variance = (n Σv² - (Σv)²) / (255 n)², all exact until the division
        double mean = (double) sum / (255.0 * n);
        BigInteger big = BigInteger.valueOf(n);
        BigInteger numerator = big.multiply(sumOfSquares).subtract(BigInteger.valueOf(sum).pow(2));
        BigInteger denominator = big.multiply(BigInteger.valueOf(255)).pow(2);
        double variance = new BigDecimal(numerator)
                .divide(new BigDecimal(denominator), MathContext.DECIMAL128)
                .doubleValue();
        return new Normalization(mean, Math.sqrt(variance));
    }

    /** The normalised value of one pixel byte (0–255) as a float. */
    public float apply(int unsignedByte) {
        if (unsignedByte < 0 || unsignedByte > 255) {
            throw new IllegalArgumentException("pixel value must be 0-255, got " + unsignedByte);
        }
        return (float) ((unsignedByte / 255.0 - mean) / (std + EPSILON));
    }

    /** The normalised value of every byte value 0–255. */
    public float[] table() {
        float[] table = new float[256];
        for (int v = 0; v < 256; v++) {
            table[v] = apply(v);
        }
        return table;
    }

    /**
     * Writes images {@code firstImage … firstImage + count - 1} of {@code set}, normalised, into
     * {@code dst[0 … count × imageBytes - 1]}, in the set's (C, H, W) layout.
     */
    public void normalize(ImageSet set, int firstImage, int count, float[] dst) {
        if (firstImage < 0 || count < 0 || firstImage > set.size() - count) {
            throw new IndexOutOfBoundsException("images " + firstImage + " + " + count
                    + " out of range for a set of " + set.size());
        }
        int length = count * set.imageBytes();
        if (dst.length < length) {
            throw new IllegalArgumentException("dst has " + dst.length + " floats, needs " + length);
        }
        float[] table = table();
        byte[] pixels = set.pixels();
        int offset = firstImage * set.imageBytes();
        for (int i = 0; i < length; i++) {
            dst[i] = table[pixels[offset + i] & 0xFF];
        }
    }
}
