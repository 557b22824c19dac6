package dev.irprune.select;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which of the seed's rule sets a layer gets: convolution (4a) or dense hidden layer (4b). */
public enum Mode {
    /** Pooled filter outputs; greedy redundancy selection on all rows, within a budget. */
    @JsonProperty("conv")
    CONV,
    /** Unit outputs; single-pass redundancy selection on the first 300 rows, no budget. */
    @JsonProperty("dense")
    DENSE;

    /** Rows the dense rule correlates on. */
    public static final int DENSE_ROWS = 300;

    /** The name used on the command line and in JSON. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The mode named {@code conv} or {@code dense}. */
    public static Mode parse(String label) {
        for (Mode m : values()) {
            if (m.label().equals(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + label + "': expected conv or dense");
    }
}
