package dev.irprune.select;

/** What the seed's layer loop sees in a network: the kinds of layer that matter to its rules. */
public enum LayerKind {
    /** A convolution: importance pruning, and redundancy pruning from the 4th on. */
    CONV,
    /** A hidden dense layer: importance and redundancy pruning. */
    DENSE_HIDDEN,
    /** The classifier at the end: never pruned. */
    OUTPUT
}
