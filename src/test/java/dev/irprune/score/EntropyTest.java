package dev.irprune.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The histogram's edge cases. Expected values come from numpy's histogram, digitize and sum
 * (src/test/resources/dev/irprune/score/entropy-reference.py prints them), or from the formula by
 * hand where it is short.
 */
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
}
