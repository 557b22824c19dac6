package dev.irprune.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The histogram's edge cases. Expected values come from numpy's histogram, digitize and sum
 * (src/test/resources/dev/irprune/score/entropy-reference.py prints them), or from the formula by
 * hand where it is short.
 */
@Tag("fast")
class EntropyTest {

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static double term(double p) {
        return -p * Math.log(p);
    }

    @Test
    void constantZeroColumnWidensByHalfAndFallsInClassSix() {
        double[] edges = Entropy.edges(0.0, 0.0);
        assertThat(edges[0]).isEqualTo(-0.5);
        assertThat(edges[5]).isEqualTo(0.0);
        assertThat(edges[10]).isEqualTo(0.5);
        assertThat(Entropy.classOf(edges, 0.0)).isEqualTo(6);
        // classes 0..6, +1 each: six counts of 1 and one of 11, over N = 10
        double byHand = 6 * term(0.1) + term(1.1);
        assertThat(Entropy.of(filled(10, 0.0))).isCloseTo(byHand, within(1e-15)).isEqualTo(1.2767098580116698);
    }

    @Test
    void constantNonZeroColumns() {
        assertThat(Entropy.classOf(Entropy.edges(0.37, 0.37), 0.37)).isEqualTo(6);
        assertThat(Entropy.of(filled(2000, 0.37))).isEqualTo(0.02230258239945443);
        assertThat(Entropy.of(filled(7, -2.5))).isEqualTo(1.5153156790479567);
    }

    @Test
    void theMaximumHasAClassOfItsOwn() {
        double[] column = new double[11];
        for (int i = 0; i < 11; i++) {
            column[i] = i;
        }
        double[] edges = Entropy.edges(0, 10);
        assertThat(Entropy.classOf(edges, 9.0)).isEqualTo(10);
        assertThat(Entropy.classOf(edges, 10.0)).isEqualTo(11);
        // class 0 empty, classes 1..11 one value each: counts 1 and eleven 2s, over N = 11
        double byHand = term(1.0 / 11) + 11 * term(2.0 / 11);
        assertThat(Entropy.of(column)).isCloseTo(byHand, within(1e-14)).isEqualTo(3.6274866638221583);
    }

    @Test
    void aSingleOutlierIsTheOnlyValueInTheTopClass() {
        double[] column = new double[50];
        column[49] = 5.0;
        assertThat(Entropy.classOf(Entropy.edges(0, 5), 5.0)).isEqualTo(11);
        assertThat(Entropy.of(column)).isEqualTo(0.9111596340803572);
    }

    @Test
    void twoRows() {
        // classes 1 and 11; counts 1,2,1 x 9,2 over N = 2: p = 0.5 ten times, 1.0 twice
        assertThat(Entropy.of(new double[] {1.0, 3.0})).isCloseTo(5 * Math.log(2), within(1e-15))
                .isEqualTo(3.4657359027997265);
        assertThat(Entropy.of(new double[] {3.0, 1.0})).isEqualTo(3.4657359027997265);
    }

    @Test
    void valuesOnInnerEdgesUseTheComputedEdgesNotTheDecimalOnes() {
        double[] edges = Entropy.edges(0.0, 1.0);
        assertThat(edges[3]).isEqualTo(0.30000000000000004);
        assertThat(edges[7]).isEqualTo(0.7000000000000001);
        assertThat(Entropy.classOf(edges, 0.3)).isEqualTo(3);
        assertThat(Entropy.classOf(edges, 0.30000000000000004)).isEqualTo(4);
        assertThat(Entropy.classOf(edges, 0.1)).isEqualTo(2);
        assertThat(Entropy.classOf(edges, 0.7)).isEqualTo(7);
        assertThat(Entropy.classOf(edges, 0.7000000000000001)).isEqualTo(8);
        double[] column = {0.0, 1.0, 0.3, 0.30000000000000004, 0.1, 0.7, 0.7000000000000001};
        assertThat(Entropy.of(column)).isEqualTo(3.895461757744531);
        double[] onExactEdge = Entropy.edges(0, 10);
        assertThat(Entropy.classOf(onExactEdge, 3.0)).isEqualTo(4);
        assertThat(Entropy.classOf(onExactEdge, Math.nextDown(3.0))).isEqualTo(3);
    }

    @Test
    void sumsInNumpysPairwiseOrder() {
        double[] terms = {1e16, 1, 1, 1, 1, 1, 1, 1, -1e16, 1, 1, 1};
        double plain = 0;
        for (double t : terms) {
            plain += t;
        }
        assertThat(plain).isEqualTo(3.0);
        assertThat(Entropy.numpySum(terms)).isEqualTo(9.0);
        assertThat(Entropy.numpySum(new double[] {0.1, 0.2, 0.3})).isEqualTo(0.1 + 0.2 + 0.3);
    }

    @Test
    void classesAgreeWithALinearCountOfEdgesOnRandomValues() {
        SplittableRandom random = new SplittableRandom(11);
        for (int t = 0; t < 2000; t++) {
            double lo = random.nextDouble(-1e3, 1e3);
            double hi = lo + Math.pow(10, random.nextInt(-12, 4)) * random.nextDouble();
            double[] edges = Entropy.edges(lo, hi);
            double width = edges[10] - edges[0];
            for (int k = 0; k < 20; k++) {
                double v = k < 11 ? edges[k] : random.nextDouble(edges[0] - width, edges[10] + width);
                if (k < 11 && random.nextBoolean()) {
                    v = random.nextBoolean() ? Math.nextUp(v) : Math.nextDown(v);
                }
                int count = 0;
                for (double e : edges) {
                    count += e <= v ? 1 : 0;
                }
                assertThat(Entropy.classOf(edges, v)).as("value %s in %s", v, Arrays.toString(edges)).isEqualTo(count);
            }
        }
    }

    @Test
    void matrixSweepEqualsColumnByColumn() {
        SplittableRandom random = new SplittableRandom(5);
        double[][] rows = new double[257][150];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = j % 7 == 0 ? 0.37 : Math.max(0, random.nextGaussian() * (1 + j % 5));
            }
        }
        double[] all = Entropy.ofColumns(rows);
        for (int j = 0; j < 150; j++) {
            double[] column = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                column[i] = rows[i][j];
            }
            assertThat(all[j]).as("column %d", j).isEqualTo(Entropy.of(column));
        }
        assertThat(all[0]).isEqualTo(Entropy.of(filled(257, 0.37)));
    }

    @Test
    void rejectsNonFiniteAndEmptyInput() {
        assertThatThrownBy(() -> Entropy.of(new double[] {1, Double.NaN})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Entropy.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Entropy.ofColumns(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ragged");
    }

    private static final double MIN = Double.MIN_VALUE;
    private static final double MAX = Double.MAX_VALUE;

    private static double[] withOutlier(int n, double outlier) {
        double[] a = new double[n];
        a[n - 1] = outlier;
        return a;
    }

    /** A column where numpy.histogram raises ValueError: refused, never a (negative) number. */
    private static void assertRefused(double... column) {
        assertThatThrownBy(() -> Entropy.of(column)).as(Arrays.toString(column))
                .isInstanceOf(UnscorableException.class)
                .hasMessageContaining("numpy.histogram");
    }

    @Test
    void aRangeWiderThanTheLargestDoubleIsRefused() {
        // max - min overflows: numpy's edges are NaN, inf, ..., inf, 1e308 and it raises ValueError
        assertRefused(-1e308, 1e308);
        assertRefused(-1e308, 0.0, 1e308);
        assertRefused(-9e307, 9e307);
        assertRefused(-MAX, MAX);
        assertThatThrownBy(() -> Entropy.of(new double[] {-1e308, 1e308}))
                .hasMessageContaining("-1.0E308 .. 1.0E308").hasMessageContaining("wider than the largest double");
    }

    @Test
    void aRangeTooNarrowForTenBinsIsRefusedAsNumpyRefusesIt() {
        // numpy >= 2.2 raises ValueError when two edges coincide ("Too many bins for data range")
        assertRefused(1.0, Math.nextUp(1.0));
        assertRefused(0.0, MIN);
        assertRefused(1e15, 1e15, 1e15);
        assertRefused(MAX, MAX, MAX);
        assertThatThrownBy(() -> Entropy.of(new double[] {1e15, 1e15})).hasMessageContaining("too narrow");
        // ten units in the last place are enough, as is a constant 1e14
        assertThat(Entropy.of(new double[] {1.0, 1.0 + 10 * Math.ulp(1.0)})).isEqualTo(3.4657359027997265);
        assertThat(Entropy.of(filled(3, 1e14))).isEqualTo(1.813648480733845);
    }

    @Test
    void hugeValuesWithAFiniteRangeAreBinnedAsNumpyBinsThem() {
        assertThat(Entropy.of(withOutlier(50, 1e308))).isEqualTo(0.9111596340803572);
        assertThat(Entropy.of(withOutlier(50, MAX))).isEqualTo(0.9111596340803572);
        assertThat(Entropy.of(withOutlier(50, -MAX))).isEqualTo(0.9111596340803572);
        assertThat(Entropy.of(new double[] {-1e308, 7e307, 0.0, 3e307})).isEqualTo(4.1588830833596715);
        assertThat(Entropy.of(new double[] {1e308, 1.5e308, 1.2e308})).isEqualTo(4.106767082220658);
    }

    @Test
    void subnormalValuesAreBinnedAsNumpyBinsThem() {
        assertThat(Entropy.of(new double[] {0.0, 1000 * MIN})).isEqualTo(3.4657359027997265);
        assertThat(Entropy.of(new double[] {0.0, 2000 * MIN, 500 * MIN, 1400 * MIN, 60 * MIN, 2000 * MIN, 999 * MIN}))
                .isEqualTo(3.7459622880975174);
        assertThat(Entropy.of(new double[] {0.0, Double.MIN_NORMAL, 1.1e-308})).isEqualTo(4.106767082220658);
    }

    @Test
    void negativeZeroIsZero() {
        assertThat(Entropy.of(new double[] {-0.0, 0.0, -0.0, 0.0})).isEqualTo(1.8005121025370736)
                .isEqualTo(Entropy.of(new double[4]));
        assertThat(Entropy.of(new double[] {-0.0, 0.0, 1.0, 0.5})).isEqualTo(4.028071047418535);
    }

    @Test
    void extremeColumnsGiveTheSameInTheMatrixSweep() {
        double[][] columns = {
            withOutlier(7, 1e308), withOutlier(7, -MAX), {0, 2000 * MIN, 500 * MIN, 1400 * MIN, 60 * MIN, 2000 * MIN, 999 * MIN},
            {-0.0, 0.0, -0.0, 0.0, -0.0, 0.0, 0.0}, filled(7, 1e14), {1e308, 1.5e308, 1.2e308, 1e308, 1e308, 1.7e308, MAX},
        };
        double[][] rows = new double[7][columns.length];
        for (int j = 0; j < columns.length; j++) {
            for (int k = 0; k < 7; k++) {
                rows[k][j] = columns[j][k];
            }
        }
        double[] all = Entropy.ofColumns(rows);
        for (int j = 0; j < columns.length; j++) {
            assertThat(all[j]).as("column %d", j).isEqualTo(Entropy.of(columns[j])).isPositive();
        }
    }

    @Test
    void theMatrixSweepNamesTheColumnNumpyRefuses() {
        double[][] rows = {{1, 2, -1e308, 4}, {2, 3, 1e308, 5}, {3, 1, 0, 6}};
        assertThatThrownBy(() -> Entropy.ofColumns(rows))
                .isInstanceOfSatisfying(UnscorableException.class, e -> assertThat(e.column()).isEqualTo(2));
    }

    @Test
    void neverNegativeAtAnyScale() {
        SplittableRandom random = new SplittableRandom(17);
        int refused = 0;
        for (int t = 0; t < 5000; t++) {
            int n = 2 + random.nextInt(30);
            double scale = Math.pow(10, random.nextInt(-320, 309));
            double offset = random.nextInt(3) == 0 ? random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-320, 309)) : 0;
            double[] column = new double[n];
            for (int k = 0; k < n; k++) {
                double v = random.nextInt(4) == 0 ? 0 : random.nextGaussian() * scale + offset;
                column[k] = Double.isFinite(v) ? v : Math.copySign(MAX, v);
            }
            try {
                assertThat(Entropy.of(column)).as(Arrays.toString(column)).isPositive();
            } catch (UnscorableException e) {
                refused++;
            }
        }
        assertThat(refused).isBetween(1, 2500);
    }

    @Test
    void oneValueIsRefused() {
        // the formula would give -2 ln 2 for one value (numpy too): a column needs 2 rows
        assertThatThrownBy(() -> Entropy.of(new double[] {0.5})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> Entropy.ofColumns(new double[][] {{1, 2}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
    }
}
