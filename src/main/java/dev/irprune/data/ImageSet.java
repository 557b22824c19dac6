package dev.irprune.data;

import java.util.Arrays;

/**
 * Raw images as unsigned bytes in a {@code byte[]}: each image channel-planar (C, H, W), images
 * one after another. {@code labels[i]} is the class of image {@code i}.
 */
public record ImageSet(byte[] pixels, int[] labels, int channels, int height, int width) {

    public ImageSet {
        if (pixels == null || labels == null) {
            throw new IllegalArgumentException("pixels and labels must not be null");
        }
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "image shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " bytes, expected "
                    + expected + " for " + labels.length + " images of " + channels + "x" + height + "x" + width);
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Bytes per image: channels × height × width. */
    public int imageBytes() {
        return channels * height * width;
    }

    /** Label of image {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** The first {@code min(n, size())} images; this set itself when that is all of them, else a copy. */
    public ImageSet head(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (n >= size()) {
            return this;
        }
        return new ImageSet(Arrays.copyOf(pixels, n * imageBytes()), Arrays.copyOf(labels, n),
                channels, height, width);
    }

    /** Count of images per label, for labels 0 … {@code classes - 1}. */
    public int[] labelCounts(int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            if (label >= 0 && label < classes) {
                counts[label]++;
            }
        }
        return counts;
    }

    @Override
    public String toString() {
        return "ImageSet[" + size() + " images of " + channels + "x" + height + "x" + width + "]";
    }
}
