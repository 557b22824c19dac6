package dev.irprune.select;

import dev.irprune.score.SimilarityMatrix;

/**
 * Redundancy alone as a ranking: the seed's pair rule carried on to the end. Repeatedly the most
 * similar pair of channels still kept (the first in (i, j) order on a tie) loses its lower index,
 * as the seed's conv rule prunes it, but the kept partner may pair again. A channel's score is
 * when it went (0 first); channels that never went (the last one, and constant columns, whose
 * similarity is undefined and never chosen) score C.
 */
final class RedundancyOrder {
    private RedundancyOrder() {}

    static double[] scores(SimilarityMatrix sim) {
        int c = sim.size();
        int pairs = c * (c - 1) / 2;
        double[] s = new double[pairs];
        int[] first = new int[pairs];
        int[] second = new int[pairs];
        int[] k = {0};
        sim.forEachPair((i, j, v) -> {
            if (!Double.isNaN(v)) {
                s[k[0]] = v;
                first[k[0]] = i;
                second[k[0]] = j;
                k[0]++;
            }
        });
        int[] order = StableSort.byDescending(s, k[0]);
        double[] scores = new double[c];
        java.util.Arrays.fill(scores, c);
        boolean[] gone = new boolean[c];
        int removed = 0;
        for (int idx : order) {
            int i = first[idx];
            int j = second[idx];
            if (!gone[i] && !gone[j]) {
                gone[i] = true;
                scores[i] = removed++;
            }
        }
        return scores;
    }
}
