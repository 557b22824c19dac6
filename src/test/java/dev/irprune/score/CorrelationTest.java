package dev.irprune.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CorrelationTest {

    /** Pearson correlation of two columns over the first n rows, the textbook two-pass way. */
    private static double pearson(double[][] rows, int n, int a, int b) {
        double ma = 0;
        double mb = 0;
        for (int k = 0; k < n; k++) {
            ma += rows[k][a];
            mb += rows[k][b];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int k = 0; k < n; k++) {
            double x = rows[k][a] - ma;
            double y = rows[k][b] - mb;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static double[][] random(SplittableRandom r, int n, int c) {
        double[][] rows = new double[n][c];
        for (double[] row : rows) {
            for (int j = 0; j < c; j++) {
                row[j] = Math.max(0, r.nextGaussian() + 0.3);
            }
        }
        return rows;
    }

    @Test
    void agreesWithTheTextbookFormulaAcrossBlockBoundaries() {
        SplittableRandom r = new SplittableRandom(3);
        // 37 rows (not a multiple of 4), 600 columns (crosses the 32 x 512 blocks)
        double[][] rows = random(r, 37, 600);
        for (int k = 0; k < rows.length; k++) {
            rows[k][599] = 0.5 * rows[k][3] + rows[k][7] + 0.01 * r.nextGaussian();
        }
        SimilarityMatrix sim = Correlation.absolutePearson(rows);
        assertThat(sim.size()).isEqualTo(600);
        int checked = 0;
        for (int i = 0; i < 600; i += 7) {
            for (int j = i + 1; j < 600; j += 5) {
                assertThat(sim.get(i, j)).isCloseTo(Math.abs(pearson(rows, 37, i, j)), within(1e-12));
                assertThat(sim.get(j, i)).isEqualTo(sim.get(i, j));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(5000);
        assertThat(sim.get(3, 599)).isGreaterThan(0.3);
    }

    @Test
    void usesOnlyTheLeadingRowsAskedFor() {
        SplittableRandom r = new SplittableRandom(4);
        double[][] rows = random(r, 50, 6);
        for (int k = 0; k < 50; k++) {
            rows[k][5] = k < 30 ? 2 * rows[k][1] + 1 : r.nextDouble();
        }
        assertThat(Correlation.absolutePearson(rows, 30).get(1, 5)).isCloseTo(1.0, within(1e-14));
        assertThat(Correlation.absolutePearson(rows).get(1, 5)).isLessThan(0.99);
        assertThat(Correlation.absolutePearson(rows, 30).get(0, 4))
                .isCloseTo(Math.abs(pearson(rows, 30, 0, 4)), within(1e-13));
    }

    @Test
    void duplicateColumnsAreExactlyOneAndNegatedOnesOne() {
        SplittableRandom r = new SplittableRandom(8);
        double[][] rows = random(r, 1001, 5);
        for (double[] row : rows) {
            row[2] = row[0];
            row[3] = -row[1];
        }
        SimilarityMatrix sim = Correlation.absolutePearson(rows);
        assertThat(sim.get(0, 2)).isEqualTo(1.0);
        assertThat(sim.get(1, 3)).isCloseTo(1.0, within(1e-15));
        assertThat(sim.get(0, 1)).isLessThan(0.2);
    }

    @Test
    void aConstantColumnHasNoSimilarity() {
        SplittableRandom r = new SplittableRandom(9);
        double[][] rows = random(r, 2000, 4);
        for (double[] row : rows) {
            row[1] = 0.37; // its mean in floating point is not exactly 0.37
            row[3] = 0.0;
        }
        SimilarityMatrix sim = Correlation.absolutePearson(rows);
        assertThat(sim.get(0, 1)).isNaN();
        assertThat(sim.get(1, 3)).isNaN();
        assertThat(sim.get(3, 2)).isNaN();
        assertThat(sim.get(0, 2)).isBetween(0.0, 1.0);
    }

    @Test
    void sameInputSameBits() {
        double[][] rows = random(new SplittableRandom(10), 333, 97);
        SimilarityMatrix a = Correlation.absolutePearson(rows);
        SimilarityMatrix b = Correlation.absolutePearson(rows);
        for (int i = 0; i < 97; i++) {
            for (int j = i + 1; j < 97; j++) {
                assertThat(a.get(i, j)).isEqualTo(b.get(i, j));
            }
        }
    }

    @Test
    void triangleOrderAndBounds() {
        SimilarityMatrix m = SimilarityMatrix.ofUpperTriangle(4, new double[] {1, 2, 3, 4, 5, 6});
        assertThat(m.get(0, 3)).isEqualTo(3);
        assertThat(m.get(2, 1)).isEqualTo(4);
        assertThat(m.get(2, 3)).isEqualTo(6);
        StringBuilder order = new StringBuilder();
        m.forEachPair((i, j, s) -> order.append(i).append(j).append('=').append((int) s).append(' '));
        assertThat(order.toString()).isEqualTo("01=1 02=2 03=3 12=4 13=5 23=6 ");
        assertThatThrownBy(() -> m.get(1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> SimilarityMatrix.ofUpperTriangle(4, new double[5]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Correlation.absolutePearson(new double[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The similarity of two columns, computed on a two-column matrix. */
    private static double pair(double[] a, double[] b) {
        double[][] rows = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            rows[k] = new double[] {a[k], b[k]};
        }
        return Correlation.absolutePearson(rows).get(0, 1);
    }

    private static double[] times(double[] column, double factor) {
        double[] out = new double[column.length];
        for (int k = 0; k < column.length; k++) {
            out[k] = column[k] * factor;
        }
        return out;
    }

    @Test
    void tinyValuesKeepTheirCorrelation() {
        // (-1, 0, 1) . (-1, 1, 0) = 1 over sqrt(2 * 2): 0.5, whatever the scale of the first column
        assertThat(pair(new double[] {1e-200, 2e-200, 3e-200}, new double[] {1, 3, 2})).isCloseTo(0.5, within(1e-15));
        assertThat(pair(new double[] {1, 2, 3}, new double[] {1, 3, 2})).isEqualTo(0.5);
    }

    @Test
    void hugeValuesKeepTheirCorrelation() {
        double expected = Math.abs(pearson(new double[][] {{1, 1}, {2, 2}, {3, 3.5}}, 3, 0, 1));
        assertThat(expected).isCloseTo(0.9934, within(1e-4));
        assertThat(pair(new double[] {1e200, 2e200, 3e200}, new double[] {1, 2, 3.5})).isCloseTo(expected, within(1e-15));
        // values whose sum overflows: 1.5e308 + 1.6e308 is infinite
        assertThat(pair(new double[] {1.5e308, 1.6e308, 1.7e308}, new double[] {1, 2, 3.5}))
                .isCloseTo(expected, within(1e-12));
        assertThat(pair(new double[] {-Double.MAX_VALUE, Double.MAX_VALUE, 0}, new double[] {-1, 1, 0})).isEqualTo(1.0);
    }

    @Test
    void independentColumnsScaledDownStayIndependent() {
        SplittableRandom r = new SplittableRandom(12);
        double[] a = new double[500];
        double[] b = new double[500];
        for (int k = 0; k < a.length; k++) {
            a[k] = r.nextGaussian();
            b[k] = r.nextGaussian();
        }
        double unscaled = pair(a, b);
        assertThat(unscaled).isLessThan(0.1);
        assertThat(pair(times(a, 1e-100), times(b, 1e-100))).isCloseTo(unscaled, within(1e-15));
        assertThat(pair(times(a, 1e100), times(b, 1e-100))).isCloseTo(unscaled, within(1e-15));
    }

    /** Columns of several shapes: centred Gaussian, ReLU-like, offset, sparse; values within 1e-8 .. 1e3 or 0. */
    private static double[] column(SplittableRandom r, int n) {
        int kind = r.nextInt(4);
        double spread = Math.pow(10, r.nextInt(-3, 3));
        double[] c = new double[n];
        for (int k = 0; k < n; k++) {
            double g = r.nextGaussian() * spread;
            double v = switch (kind) {
                case 0 -> g;
                case 1 -> Math.max(0, g);
                case 2 -> 3 * spread + g;
                default -> r.nextInt(4) == 0 ? Math.abs(g) : 0;
            };
            c[k] = Math.abs(v) < 1e-8 ? 0 : v;
        }
        c[r.nextInt(n)] = spread; // never constant
        return c;
    }

    @Test
    void scalingAColumnByAnyFactorLeavesItsSimilaritiesAlone() {
        SplittableRandom r = new SplittableRandom(13);
        int exact = 0;
        for (int t = 0; t < 3000; t++) {
            int n = 3 + r.nextInt(60);
            double[] a = column(r, n);
            double[] b = column(r, n);
            double base = pair(a, b);
            double sa = (r.nextBoolean() ? 1 : -1) * (1 + 9 * r.nextDouble()) * Math.pow(10, r.nextInt(-300, 300));
            double sb = (r.nextBoolean() ? 1 : -1) * (1 + 9 * r.nextDouble()) * Math.pow(10, r.nextInt(-300, 300));
            assertThat(pair(times(a, sa), b)).as("trial %d, a x %s", t, sa).isCloseTo(base, within(1e-13));
            assertThat(pair(times(a, sa), times(b, sb))).as("trial %d, a x %s, b x %s", t, sa, sb)
                    .isCloseTo(base, within(1e-13));
            // a power of two changes no bit, as long as the values stay normal
            double pa = Math.scalb(1.0, r.nextInt(-990, 990));
            double pb = Math.scalb(1.0, r.nextInt(-990, 990));
            assertThat(pair(times(a, pa), times(b, pb))).as("trial %d, a x %s, b x %s", t, pa, pb).isEqualTo(base);
            exact++;
        }
        assertThat(exact).isEqualTo(3000);
    }

    @Test
    void aScaledConstantColumnStillHasNoSimilarity() {
        double[] b = {1, 3, 2, 5};
        for (double v : new double[] {0.37, 1e-300, 1e300, -Double.MAX_VALUE, Double.MIN_VALUE}) {
            assertThat(pair(new double[] {v, v, v, v}, b)).as("constant %s", v).isNaN();
        }
    }

    @Test
    void ordinaryDataGivesTheBitsOfTheUnscaledProducts() {
        double[][] rows = random(new SplittableRandom(14), 203, 41);
        for (double[] row : rows) {
            row[40] = 1000 + row[3] * 1e-3;
        }
        SimilarityMatrix sim = Correlation.absolutePearson(rows);
        for (int i = 0; i < 41; i++) {
            for (int j = i + 1; j < 41; j++) {
                assertThat(sim.get(i, j)).as("(%d, %d)", i, j).isEqualTo(plain(rows, i, j));
            }
        }
    }

    @Test
    void everySumKeepsTheRowOrderAcrossTilesBlocksAndThreads() {
        // 203 rows (four per step, then 3 alone), 1,100 columns: pairs in the diagonal and the
        // off-diagonal parts of the 32-row tiles, in each tile's 512-column blocks after the first
        // (the third exists for rows below 96), on as many threads as the common pool has
        double[][] rows = random(new SplittableRandom(15), 203, 1100);
        SimilarityMatrix sim = Correlation.absolutePearson(rows);
        int checked = 0;
        for (int i = 0; i < 1100; i += 13) {
            for (int j = i + 1; j < 1100; j += i % 2 == 0 ? 1 : 37) {
                assertThat(sim.get(i, j)).as("(%d, %d)", i, j).isEqualTo(plain(rows, i, j));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20_000);
    }

    /** The plain formula: means, then each sum over the rows in order, one product at a time. */
    private static double plain(double[][] rows, int i, int j) {
        int n = rows.length;
        double mi = 0;
        double mj = 0;
        for (double[] row : rows) {
            mi += row[i];
            mj += row[j];
        }
        mi /= n;
        mj /= n;
        double cross = 0;
        double ni = 0;
        double nj = 0;
        for (double[] row : rows) {
            cross = cross + (row[i] - mi) * (row[j] - mj);
            ni = ni + (row[i] - mi) * (row[i] - mi);
            nj = nj + (row[j] - mj) * (row[j] - mj);
        }
        return Math.abs(Math.max(Math.min(cross / Math.sqrt(ni * nj), 1.0), -1.0));
    }

    @Test
    void nonFiniteValuesAreRefused() {
        assertThatThrownBy(() -> Correlation.absolutePearson(new double[][] {{1, 2}, {Double.NaN, 3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 0");
        assertThatThrownBy(() -> Correlation.absolutePearson(new double[][] {{1, 2}, {2, Double.NEGATIVE_INFINITY}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 1");
    }
}
