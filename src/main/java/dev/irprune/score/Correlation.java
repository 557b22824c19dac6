package dev.irprune.score;

import java.util.stream.IntStream;

/**
 * Similarity of filters as the absolute Pearson correlation of their activation columns, all
 * pairs at once: the columns are centred, one blocked, multi-threaded product {@code Z^T Z} gives
 * every cross product, and {@code |z_i . z_j| / sqrt(|z_i|^2 |z_j|^2)} (clipped to 1) the
 * similarity.
 *
 * <p>Every cross product, squared norms included, is summed in one fixed order (rows ascending,
 * one product at a time), whatever the blocking or the threads. So the result is deterministic,
 * and two identical columns have a similarity of exactly 1. A constant column has a zero norm:
 * its similarities are 0 / 0, NaN, as in the original formula. Constant columns are recognised
 * as such (every value equal), not through their mean: the floating-point mean of, say, 2,000
 * copies of 0.37 is not exactly 0.37, and centring by it would leave a tiny non-zero column whose
 * correlations are defined (two such columns would even look perfectly correlated).
 *
 * <p><b>Any scale.</b> Before anything is summed, each column is multiplied by the power of two
 * {@code 2^-e} that brings its largest magnitude into [1, 2) ({@code e} its binary exponent). So
 * the sum behind the mean cannot overflow (at most 2N in magnitude), and since a non-constant
 * column then has two values at least one unit in the last place of 1 apart, its centred column
 * has a largest magnitude between about 2^-54 and 4: squared norms lie within [2^-108, 16N] and
 * their product can neither overflow nor underflow, whether the file holds values near 1e-300 or
 * near 1e300. Without this, values near 1e-200 give squared norms of 0 (a cross product over
 * zero: similarity 1), values near 1e200 infinite ones (similarity 0), and values near 1e308 an
 * infinite mean. Multiplying by a power of two is exact (for values that stay normal), and
 * Pearson's r is the same for a column and any multiple of it; for every column whose values
 * and products stay normal, which is all ordinary data, every intermediate result is the
 * unscaled one times a power of two, and the similarity has exactly the bits of the unscaled
 * formula: decisions do not change. Scaling a column by any factor that keeps it finite changes
 * its similarities only by the rounding of the scaled values themselves (by a power of two:
 * not at all). It costs one more read of the matrix; the product stays one product.
 */
public final class Correlation {
    private static final int ROWS_PER_STEP = 4;
    private static final int BLOCK_I = 32;
    private static final int BLOCK_J = 512;

    private Correlation() {}

    /** |Pearson correlation| of every pair of columns of an N x C matrix, on all its rows. */
    public static SimilarityMatrix absolutePearson(double[][] rows) {
        return absolutePearson(rows, rows.length);
    }

    /**
     * |Pearson correlation| of every pair of columns, on the first {@code rowCount} rows only
     * (at least 2). Values must be finite (else an {@link IllegalArgumentException} naming the
     * column, 0-based); their scale does not matter (see the class comment).
     */
    public static SimilarityMatrix absolutePearson(double[][] rows, int rowCount) {
        if (rowCount < 2 || rowCount > rows.length) {
            throw new IllegalArgumentException(
                    "correlation needs 2 .. " + rows.length + " rows, asked for " + rowCount);
        }
        int c = rows[0].length;
        SimilarityMatrix.checkSize(c);
        double[][] z = centred(rows, rowCount, c);
        double[] norms = squaredNorms(z, c);
        double[] upper = new double[SimilarityMatrix.triangle(c)];
        int blocks = (c + BLOCK_I - 1) / BLOCK_I;
        IntStream.range(0, blocks).parallel().forEach(b -> crossProducts(z, upper, c, b * BLOCK_I,
                Math.min(c, (b + 1) * BLOCK_I)));
        IntStream.range(0, blocks).parallel().forEach(b -> {
            for (int i = b * BLOCK_I, end = Math.min(c, (b + 1) * BLOCK_I); i < end; i++) {
                int o = SimilarityMatrix.offset(c, i) - i - 1;
                for (int j = i + 1; j < c; j++) {
                    upper[o + j] = similarity(upper[o + j], norms[i], norms[j]);
                }
            }
        });
        return SimilarityMatrix.wrap(c, upper);
    }

    /** |clip(cross / sqrt(n_i n_j), -1, 1)|; NaN when a norm is zero (0 / 0). */
    static double similarity(double cross, double normI, double normJ) {
        double r = cross / Math.sqrt(normI * normJ);
        return Math.abs(Math.max(Math.min(r, 1.0), -1.0));
    }

    /**
     * The first rows, each column scaled by {@code 2^-e} (its largest magnitude into [1, 2)) and
     * minus its mean; a constant column becomes exactly zero.
     */
    private static double[][] centred(double[][] rows, int n, int c) {
        double[] peak = new double[c];
        boolean[] varies = new boolean[c];
        double[] first = rows[0];
        for (int k = 0; k < n; k++) {
            double[] row = rows[k];
            if (row.length != c) {
                throw new IllegalArgumentException("ragged matrix: row " + k + " has " + row.length + " values, expected " + c);
            }
            for (int j = 0; j < c; j++) {
                peak[j] = Math.max(peak[j], Math.abs(row[j]));
                varies[j] |= row[j] != first[j];
            }
        }
        double[] scale = new double[c];
        for (int j = 0; j < c; j++) {
            scale[j] = unitScale(peak[j], j);
        }
        double[] mean = new double[c];
        for (int k = 0; k < n; k++) {
            double[] row = rows[k];
            for (int j = 0; j < c; j++) {
                mean[j] += row[j] * scale[j];
            }
        }
        for (int j = 0; j < c; j++) {
            mean[j] = varies[j] ? mean[j] / n : first[j] * scale[j];
        }
        double[][] z = new double[n][c];
        for (int k = 0; k < n; k++) {
            double[] row = rows[k];
            double[] out = z[k];
            for (int j = 0; j < c; j++) {
                out[j] = row[j] * scale[j] - mean[j];
            }
        }
        return z;
    }

    /**
     * The power of two {@code 2^-e} for a column whose largest magnitude is {@code peak = m 2^e}
     * (1 <= m < 2); 1 for a column of zeros. For a subnormal peak it is 2^1023, which leaves the
     * peak at 2^-51 or more: still far from any underflow of the products.
     */
    static double unitScale(double peak, int column) {
        if (!Double.isFinite(peak)) {
            throw new IllegalArgumentException("correlation needs finite values; column " + column + " has " + peak);
        }
        return peak == 0 ? 1.0 : Math.scalb(1.0, -Math.getExponent(peak));
    }

    /** Sum over rows of z_i * z_i, in the same order as every cross product. */
    private static double[] squaredNorms(double[][] z, int c) {
        double[] norms = new double[c];
        for (double[] row : z) {
            for (int j = 0; j < c; j++) {
                norms[j] = norms[j] + row[j] * row[j];
            }
        }
        return norms;
    }

    /**
     * Writes z_i . z_j into the triangle for i in [i0, i1) and every j > i. The sums build up in a
     * tile of full rows ({@code i1 - i0} x C), blocked over j for the cache, four rows of z per
     * step, added one after the other so each sum keeps the row order; then the part above the
     * diagonal is copied into the triangle. In the tile every array of the inner loop is read at
     * the same index j, which lets the JIT turn that loop into vector instructions (it does not
     * when the sums sit in the triangle at another offset per row: 2.6x slower at C = 512,
     * measured). The tile costs {@code 32 x C} doubles per running task beside the triangle
     * (256 KB at C = 1,024, 16.6 MB at C = 65,000).
     */
    private static void crossProducts(double[][] z, double[] upper, int c, int i0, int i1) {
        int n = z.length;
        int steps = n - n % ROWS_PER_STEP;
        double[][] tile = new double[i1 - i0][c];
        for (int j0 = i0 + 1; j0 < c; j0 += BLOCK_J) {
            int j1 = Math.min(c, j0 + BLOCK_J);
            for (int k = 0; k < steps; k += ROWS_PER_STEP) {
                double[] r0 = z[k];
                double[] r1 = z[k + 1];
                double[] r2 = z[k + 2];
                double[] r3 = z[k + 3];
                for (int i = i0; i < i1; i++) {
                    int from = Math.max(j0, i + 1);
                    if (from < j1) {
                        addFour(tile[i - i0], from, j1, r0[i], r0, r1[i], r1, r2[i], r2, r3[i], r3);
                    }
                }
            }
            for (int k = steps; k < n; k++) {
                double[] r = z[k];
                for (int i = i0; i < i1; i++) {
                    double[] t = tile[i - i0];
                    double a = r[i];
                    for (int j = Math.max(j0, i + 1); j < j1; j++) {
                        t[j] = t[j] + a * r[j];
                    }
                }
            }
        }
        for (int i = i0; i < i1; i++) {
            System.arraycopy(tile[i - i0], i + 1, upper, SimilarityMatrix.offset(c, i), c - i - 1);
        }
    }

    private static void addFour(double[] t, int from, int to, double a0, double[] r0, double a1,
            double[] r1, double a2, double[] r2, double a3, double[] r3) {
        for (int j = from; j < to; j++) {
            t[j] = (((t[j] + a0 * r0[j]) + a1 * r1[j]) + a2 * r2[j]) + a3 * r3[j];
        }
    }
}
