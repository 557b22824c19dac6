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

    /**
     * The same images in the middle of zero images of {@code h x w} (a 28×28 image gets two rows or
     * columns of zeros on each side in 32×32); this set itself if it already has that size.
     *
     * @throws IllegalArgumentException if {@code h x w} is smaller than the images
     */
    public ImageSet padTo(int h, int w) {
        if (h == height && w == width) {
            return this;
        }
        if (h < height || w < width) {
            throw new IllegalArgumentException("cannot pad " + height + "x" + width + " images to " + h + "x" + w);
        }
        int top = (h - height) / 2;
        int left = (w - width) / 2;
        int in = height * width;
        int out = h * w;
        byte[] padded = new byte[size() * channels * out];
        for (int i = 0; i < size() * channels; i++) {
            for (int row = 0; row < height; row++) {
                System.arraycopy(pixels, i * in + row * width, padded, i * out + (row + top) * w + left, width);
            }
        }
        return new ImageSet(padded, labels, channels, h, w);
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
