package dev.irprune.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How pixel bytes (0-255) become network inputs: {@code standardize} is the reference program's
 * (x / 255 - mean) / (std + 1e-7) with a scalar mean and standard deviation fitted on the training
 * pixels; {@code scale255} is x / 255 (most Keras and PyTorch MNIST models); {@code none} feeds the
 * byte values as they are.
 */
public enum Preprocess {
    @JsonProperty("standardize") STANDARDIZE,
    @JsonProperty("scale255") SCALE255,
    @JsonProperty("none") NONE;

    /** The command-line name. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind named {@code s} on the command line. */
    public static Preprocess parse(String s) {
        for (Preprocess p : values()) {
            if (p.cliName().equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preprocessing '" + s + "' (expected standardize, scale255 or none)");
    }
}
