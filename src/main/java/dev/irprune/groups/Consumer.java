package dev.irprune.groups;

import dev.irprune.model.FlattenSpec;

/**
 * A convolution or dense node that reads a group's channels, and how: a convolution reads channel
 * c as its input channel c; a dense node reads it directly as feature c ({@code layout} null), or
 * through a flatten of {@code pixels} pixels per channel in that flatten's {@code layout}.
 */
public record Consumer(String node, int pixels, FlattenSpec.Layout layout) {
    public Consumer {
        if (node == null || pixels < 1) {
            throw new IllegalArgumentException("a consumer needs a node and at least one pixel per channel");
        }
    }

    /** A convolution reading the channels as its input channels. */
    static Consumer conv(String node) {
        return new Consumer(node, 1, null);
    }

    /** Whether the node reads the channels through a flatten. */
    public boolean throughFlatten() {
        return layout != null;
    }

    /** The input features of the consuming dense node that belong to channel {@code c} of {@code channels}. */
    public int[] features(int c, int channels) {
        int[] out = new int[pixels];
        for (int p = 0; p < pixels; p++) {
            out[p] = layout == null ? c : layout == FlattenSpec.Layout.NCHW ? c * pixels + p : p * channels + c;
        }
        return out;
    }
}
