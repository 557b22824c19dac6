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
 * <p><b>Where numpy refuses.</b> numpy.histogram raises ValueError in two cases, and so does this
 * class, with an {@link UnscorableException} naming the column (0-based): when the minimum or
 * maximum is not finite ({@code _get_outer_edges}), and when the 11 edges it computed are not
 * strictly increasing ({@code _get_bin_edges}: {@code any(edges[:-1] >= edges[1:])}, since numpy
 * 2.2). The second happens when {@code max - min} overflows (e.g. -1e308 and 1e308: the step is
 * infinite, the edges are NaN, inf, ..., inf, max), and when the range is too narrow for 10 bins
 * of non-zero width at its magnitude (e.g. 1 and the next double, 0 and 4.9e-324, or a constant
 * column of 1e15, whose widened range v - 0.5 .. v + 0.5 holds too few doubles). numpy before
 * 2.2 returned numbers there, from bins of zero width or from NaN and infinite edges (whose
 * classes depend on how digitize's binary search meets a NaN), and this class, counting edges,
 * returned others (-0.608 for -1e308 and 1e308: a negative "entropy"); refusing is the current
 * numpy's answer, and the one that is never wrong. Everywhere else the value is
 * numpy's, bit for bit; with at least 2 values it is never negative (the maximum has its own
 * class, so no count reaches N except in a constant column, whose value lands in class 5 or
 * more). Only the constant column of a single value would give a negative number (-2 ln 2), so a
 * column needs at least 2 values.
 *
 * <p>With a finite range nothing else can overflow: the edges lie between min and max, and the
 * class of a value is found from a guess that may be infinite or NaN (for a range of a few
 * subnormals, {@code 10 / (max - min)} overflows) and is then checked against the edges
 * themselves. Pure functions; nothing here is stateful.
 */
public final class Entropy {
    /** Number of edges: 10 bins. */
    static final int EDGES = 11;
    /** Columns per parallel task. */
    private static final int BLOCK = 64;

    private Entropy() {}

    /**
     * The entropy of one column of activations (N values, N at least 2).
     *
     * @throws UnscorableException where numpy.histogram raises ValueError (column -1: unknown)
     */
    public static double of(double[] column) {
        checkRows(column.length);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : column) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double[] edges = histogramEdges(lo, hi, -1);
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
     *
     * @throws UnscorableException naming the first column (0-based) where numpy.histogram raises
     *     ValueError
     */
    public static double[] ofColumns(double[][] rows) {
        int n = rows.length;
        checkRows(n);
        int c = rows[0].length;
        for (double[] row : rows) {
            if (row.length != c) {
                throw new IllegalArgumentException("ragged matrix: a row has " + row.length + " values, expected " + c);
            }
        }
        double[] out = new double[c];
        int blocks = (c + BLOCK - 1) / BLOCK;
        double[][] edges = new double[blocks][];
        java.util.stream.IntStream.range(0, blocks).parallel().forEach(b -> {
            int c0 = b * BLOCK;
            int c1 = Math.min(c, c0 + BLOCK);
            edges[b] = blockEdges(rows, c0, c1, false);
            if (edges[b] != null) {
                ofBlock(rows, c0, c1, edges[b], out);
            }
        });
        for (int b = 0; b < blocks; b++) {
            if (edges[b] == null) {
                blockEdges(rows, b * BLOCK, Math.min(c, (b + 1) * BLOCK), true); // throws, naming the column
            }
        }
        return out;
    }

    private static void checkRows(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("entropy needs at least 2 values per column, got " + n
                    + " (with one, the formula gives -2 ln 2)");
        }
    }

    /**
     * The edges of columns [c0, c1), 11 per column one after the other. Where numpy refuses a
     * column: the refusal if {@code report}, else null (the parallel sweep then reports the first
     * such block sequentially, so the first refused column is named whatever the threads did).
     */
    private static double[] blockEdges(double[][] rows, int c0, int c1, boolean report) {
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
        for (int j = 0; j < w; j++) {
            double[] e;
            try {
                e = histogramEdges(lo[j], hi[j], c0 + j);
            } catch (UnscorableException ex) {
                if (report) {
                    throw ex;
                }
                return null;
            }
            System.arraycopy(e, 0, edges, j * EDGES, EDGES);
        }
        return edges;
    }

    private static void ofBlock(double[][] rows, int c0, int c1, double[] edges, double[] out) {
        int w = c1 - c0;
        double[] scale = new double[w];
        for (int j = 0; j < w; j++) {
            scale[j] = 10 / (edges[j * EDGES + EDGES - 1] - edges[j * EDGES]);
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

    /**
     * numpy.histogram's 10-bin edges over [lo, hi], or its refusal: an {@link UnscorableException}
     * for {@code column} where numpy raises ValueError (a bound not finite, or edges not strictly
     * increasing).
     */
    static double[] histogramEdges(double lo, double hi, int column) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new UnscorableException(column, "entropy needs finite values, got range " + lo + " .. " + hi);
        }
        double[] e = edges(lo, hi);
        for (int i = 0; i < EDGES - 1; i++) {
            if (e[i] >= e[i + 1]) { // numpy's test, NaN edges included (a comparison with NaN is false)
                throw new UnscorableException(column, refusal(lo, hi));
            }
        }
        return e;
    }

    private static String refusal(double lo, double hi) {
        String why = Double.isFinite(hi - lo)
                ? (lo == hi ? "all its values are " + lo + ", and even widened to " + lo + " +- 0.5 (as numpy does) its range is"
                        : "its range " + lo + " .. " + hi + " is")
                        + " too narrow for 10 bins of non-zero width at this magnitude"
                : "its range " + lo + " .. " + hi + " is wider than the largest double";
        return why + ": numpy.histogram cannot make the seed's 10 bins there (it raises ValueError), so its entropy is undefined";
    }

    /**
     * numpy's histogram edges for 10 bins over [lo, hi] (widened by 0.5 each way when equal),
     * finite bounds, as numpy's linspace computes them, whether or not numpy would accept them.
     */
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
