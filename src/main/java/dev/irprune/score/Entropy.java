package dev.irprune.score;

/**
 * The seed's entropy of a filter's activations, with its exact formula (quirks included):
 *
 * <ul>
 *   <li>11 edges of 10 equal-width bins from the column's minimum to its maximum (a constant
 *       column {@code v} gets {@code v - 0.5 .. v + 0.5}); {@code edge[i] = i * step + lo} for
 *       i = 0..9 and {@code edge[10] = hi}, computed as numpy computes them;
 *   <li>the class of a value is the number of edges {@code <=} it, so the maximum has a class of
 *       its own (11);
 *   <li>every class from 0 up to the largest one that occurs is counted, plus one;
 *   <li>{@code p = count / N}, not renormalised, and the entropy is {@code -sum p ln p}, summed in
 *       numpy's order.
 * </ul>
 *
 * <p>Values must be finite. Pure functions; nothing here is stateful.
 */
public final class Entropy {
    /** Number of edges: 10 bins. */
    static final int EDGES = 11;
    /** Columns per parallel task. */
    private static final int BLOCK = 64;

    private Entropy() {}

    /** The entropy of one column of activations (N values, N at least 1). */
    public static double of(double[] column) {
        if (column.length == 0) {
            throw new IllegalArgumentException("entropy of an empty column");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : column) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double[] edges = edges(lo, hi);
        long[] counts = new long[EDGES + 1];
        for (double v : column) {
            counts[classOf(edges, v)]++;
        }
        return fromCounts(counts, column.length);
    }

    /**
     * The entropy of every column of an N x C matrix given as N rows of C values. Per block of
     * columns, two sweeps over the rows (range, then classes), read in memory order; blocks run
     * in parallel.
     */
    public static double[] ofColumns(double[][] rows) {
        int n = rows.length;
        if (n == 0) {
            throw new IllegalArgumentException("entropy of a matrix without rows");
        }
        int c = rows[0].length;
        for (double[] row : rows) {
            if (row.length != c) {
                throw new IllegalArgumentException("ragged matrix: a row has " + row.length + " values, expected " + c);
            }
        }
        double[] out = new double[c];
        int blocks = (c + BLOCK - 1) / BLOCK;
        java.util.stream.IntStream.range(0, blocks).parallel()
                .forEach(b -> ofBlock(rows, b * BLOCK, Math.min(c, (b + 1) * BLOCK), out));
        return out;
    }

    private static void ofBlock(double[][] rows, int c0, int c1, double[] out) {
        int w = c1 - c0;
        double[] lo = new double[w];
        double[] hi = new double[w];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] row : rows) {
            for (int j = 0; j < w; j++) {
                double v = row[c0 + j];
                lo[j] = Math.min(lo[j], v);
                hi[j] = Math.max(hi[j], v);
            }
        }
        double[] edges = new double[w * EDGES];
        double[] scale = new double[w];
        for (int j = 0; j < w; j++) {
            double[] e = edges(lo[j], hi[j]);
            System.arraycopy(e, 0, edges, j * EDGES, EDGES);
            scale[j] = 10 / (e[EDGES - 1] - e[0]);
        }
        int[] counts = new int[w * (EDGES + 1)];
        for (double[] row : rows) {
            for (int j = 0; j < w; j++) {
                double v = row[c0 + j];
                int base = j * EDGES;
                counts[j * (EDGES + 1) + classNear(edges, base, v, (v - edges[base]) * scale[j] + 1)]++;
            }
        }
        long[] col = new long[EDGES + 1];
        for (int j = 0; j < w; j++) {
            for (int k = 0; k <= EDGES; k++) {
                col[k] = counts[j * (EDGES + 1) + k];
            }
            out[c0 + j] = fromCounts(col, rows.length);
        }
    }

    /** numpy's histogram edges for 10 bins over [lo, hi] (widened by 0.5 each way when equal). */
    static double[] edges(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("entropy needs finite values, got range " + lo + " .. " + hi);
        }
        if (lo == hi) {
            lo = lo - 0.5;
            hi = hi + 0.5;
        }
        double delta = hi - lo;
        double step = delta / 10;
        double[] e = new double[EDGES];
        for (int i = 0; i < EDGES - 1; i++) {
            // numpy's linspace: y = i * step, or (i / div) * delta when step underflows to 0; then + lo
            e[i] = (step == 0 ? (i / 10.0) * delta : i * step) + lo;
        }
        e[EDGES - 1] = hi;
        return e;
    }

    /** The class of a value: the number of edges that are {@code <=} it. */
    static int classOf(double[] edges, double v) {
        return classNear(edges, 0, v, (v - edges[0]) / (edges[EDGES - 1] - edges[0]) * 10 + 1);
    }

    /**
     * The number of the 11 edges at {@code edges[base..]} that are {@code <=} v, found from a
     * guess (any number, even NaN) and then checked against the edges themselves, so the answer
     * is exact whatever the guess.
     */
    private static int classNear(double[] edges, int base, double v, double guess) {
        int k = guess >= 0 ? (guess < EDGES ? (int) guess : EDGES) : 0;
        while (k < EDGES && edges[base + k] <= v) {
            k++;
        }
        while (k > 0 && edges[base + k - 1] > v) {
            k--;
        }
        return k;
    }

    /** {@code -sum p ln p} over counts 0..largest occupied class, each + 1, with p = count / n. */
    static double fromCounts(long[] counts, int n) {
        int top = counts.length - 1;
        while (top > 0 && counts[top] == 0) {
            top--;
        }
        double[] terms = new double[top + 1];
        for (int k = 0; k <= top; k++) {
            double p = (double) (counts[k] + 1) / n;
            terms[k] = -(Math.log(p) * p);
        }
        return numpySum(terms);
    }

    /**
     * Sums as numpy's pairwise summation does for short arrays: a plain loop under 8 terms, else
     * 8 partial sums combined pairwise, then the remainder one by one (enough for up to 128 terms).
     */
    static double numpySum(double[] a) {
        int n = a.length;
        if (n < 8) {
            double res = 0.0;
            for (double v : a) {
                res += v;
            }
            return res;
        }
        if (n > 128) {
            throw new IllegalArgumentException("numpySum is written for at most 128 terms");
        }
        double[] r = new double[8];
        System.arraycopy(a, 0, r, 0, 8);
        int i = 8;
        for (; i < n - (n % 8); i += 8) {
            for (int j = 0; j < 8; j++) {
                r[j] += a[i + j];
            }
        }
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++) {
            res += a[i];
        }
        return res;
    }
}
