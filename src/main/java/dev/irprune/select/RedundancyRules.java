package dev.irprune.select;

import dev.irprune.score.SimilarityMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's two ways of choosing redundant filters from a similarity matrix. Filters marked
 * {@code excluded} (pruned for low importance) take no part. A pair is chosen only if its
 * similarity is strictly greater than the threshold (NaN never is); each filter is in at most one
 * chosen pair, and the lower index of a pair is the one pruned.
 */
public final class RedundancyRules {
    private RedundancyRules() {}

    /** The conv rule's limit: {@code floor((channels - entropyPruned) * min(1, budget))}. */
    public static int maxPairs(int channels, int entropyPruned, double budget) {
        return (int) Math.floor((channels - entropyPruned) * Math.min(1.0, budget));
    }

    /**
     * Conv rule (4a), greedy: up to {@code maxPairs} times, the most similar pair of unused
     * filters above the threshold, the first in (i, j) order on a tie. Computed from one list of
     * candidates sorted by similarity, which chooses exactly what rescanning all pairs after
     * every choice would.
     */
    public static List<RedundantPair> greedy(SimilarityMatrix sim, boolean[] excluded, double threshold, int maxPairs) {
        checkShape(sim, excluded);
        if (maxPairs <= 0) {
            return List.of();
        }
        Candidates cand = new Candidates();
        sim.forEachPair((i, j, s) -> {
            if (s > threshold && !excluded[i] && !excluded[j]) {
                cand.add(i, j, s);
            }
        });
        int[] order = StableSort.byDescending(cand.sim, cand.size);
        boolean[] used = excluded.clone();
        List<RedundantPair> chosen = new ArrayList<>();
        for (int k = 0; k < order.length && chosen.size() < maxPairs; k++) {
            int o = order[k];
            int i = cand.i[o];
            int j = cand.j[o];
            if (!used[i] && !used[j]) {
                used[i] = true;
                used[j] = true;
                chosen.add(new RedundantPair(i, j, cand.sim[o]));
            }
        }
        return List.copyOf(chosen);
    }

    /**
     * Dense rule (4b), one pass: for i ascending, for j greater than i ascending, the first
     * unused j more similar to an unused i than the threshold; no limit.
     */
    public static List<RedundantPair> singlePass(SimilarityMatrix sim, boolean[] excluded, double threshold) {
        int c = checkShape(sim, excluded);
        boolean[] used = excluded.clone();
        List<RedundantPair> chosen = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            for (int j = i + 1; j < c && !used[i]; j++) {
                if (!used[j]) {
                    double s = sim.get(i, j);
                    if (s > threshold) {
                        used[i] = true;
                        used[j] = true;
                        chosen.add(new RedundantPair(i, j, s));
                    }
                }
            }
        }
        return List.copyOf(chosen);
    }

    private static int checkShape(SimilarityMatrix sim, boolean[] excluded) {
        if (excluded.length != sim.size()) {
            throw new IllegalArgumentException(
                    "exclusion mask has " + excluded.length + " filters, the matrix " + sim.size());
        }
        return sim.size();
    }

    /** Growable parallel arrays of candidate pairs, in the order they were found. */
    private static final class Candidates {
        int[] i = new int[64];
        int[] j = new int[64];
        double[] sim = new double[64];
        int size;

        void add(int a, int b, double s) {
            if (size == i.length) {
                int n = Math.max(64, size * 2);
                i = java.util.Arrays.copyOf(i, n);
                j = java.util.Arrays.copyOf(j, n);
                sim = java.util.Arrays.copyOf(sim, n);
            }
            i[size] = a;
            j[size] = b;
            sim[size] = s;
            size++;
        }
    }
}
