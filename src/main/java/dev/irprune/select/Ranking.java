package dev.irprune.select;

import java.util.Arrays;

/** The best-scored channels: highest scores first, the lower index first on a tie. */
public final class Ranking {
    private Ranking() {}

    /** All channel indices, best first. Scores must not be NaN. */
    public static int[] bestFirst(double[] scores) {
        for (double s : scores) {
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("a score is NaN");
            }
        }
        return StableSort.byDescending(scores, scores.length);
    }

    /** The {@code k} best-scored channels, ascending. */
    public static int[] top(double[] scores, int k) {
        if (k < 1 || k > scores.length) {
            throw new IllegalArgumentException("cannot keep " + k + " of " + scores.length + " channels");
        }
        int[] best = Arrays.copyOf(bestFirst(scores), k);
        Arrays.sort(best);
        return best;
    }
}
