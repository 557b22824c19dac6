package dev.irprune.select;

/** A filter pruned as redundant, the filter it resembles (kept), and their similarity. */
public record RedundantPair(int pruned, int kept, double similarity) {
    public RedundantPair {
        if (pruned < 0 || kept < 0 || pruned == kept) {
            throw new IllegalArgumentException("a pair needs two distinct filters, got " + pruned + " and " + kept);
        }
    }
}
