package dev.irprune.report;

import java.util.List;

/**
 * What the figures of one channel group show: the criterion's scores (for the reference rule the
 * entropies, with E), which channels went by which rule, and for the reference rule's redundancy
 * stage the |correlation| of the channels that took part, the pairs chosen and S.
 *
 * @param fate per channel: 0 kept, 1 removed by importance (or by the criterion), 2 removed by redundancy
 * @param similarity the |correlation| of the C channels (NaN where undefined), or null where no redundancy stage ran
 * @param pairs chosen pairs as {pruned, kept}
 * @param threshold E for the reference rule, null otherwise
 * @param similarityThreshold S where a redundancy stage ran, null otherwise
 */
public record GroupFigure(String group, String criterion, double[] scores, int[] fate, dev.irprune.score.SimilarityMatrix similarity,
        List<int[]> pairs, Double threshold, Double similarityThreshold) {
    public GroupFigure {
        if (scores.length != fate.length) {
            throw new IllegalArgumentException(group + ": " + scores.length + " scores for " + fate.length + " channels");
        }
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
    }

    /** Channels removed by the first rule (importance) and by redundancy. */
    int count(int f) {
        int n = 0;
        for (int x : fate) {
            n += x == f ? 1 : 0;
        }
        return n;
    }
}
