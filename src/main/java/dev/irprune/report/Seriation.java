package dev.irprune.report;

import dev.irprune.score.SimilarityMatrix;
import java.util.List;

/**
 * An order of channels that puts similar ones side by side, for a heatmap: start with the channel
 * most similar to any other, then repeatedly take the unplaced channel most similar to the last one
 * placed (nearest-neighbour chaining; the lower index on a tie; undefined similarities count as 0).
 */
final class Seriation {
    private Seriation() {}

    static int[] order(SimilarityMatrix sim, List<Integer> members) {
        int n = members.size();
        int[] out = new int[n];
        if (n == 0) {
            return out;
        }
        boolean[] placed = new boolean[n];
        int first = 0;
        double best = -1;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = value(sim, members.get(i), members.get(j));
                if (i != j && v > best) {
                    best = v;
                    first = i;
                }
            }
        }
        out[0] = members.get(first);
        placed[first] = true;
        for (int k = 1; k < n; k++) {
            int next = -1;
            double v = -1;
            for (int j = 0; j < n; j++) {
                if (!placed[j]) {
                    double s = value(sim, out[k - 1], members.get(j));
                    if (s > v) {
                        v = s;
                        next = j;
                    }
                }
            }
            out[k] = members.get(next);
            placed[next] = true;
        }
        return out;
    }

    private static double value(SimilarityMatrix sim, int a, int b) {
        if (a == b) {
            return -1;
        }
        double v = sim.get(a, b);
        return Double.isNaN(v) ? 0 : v;
    }
}
