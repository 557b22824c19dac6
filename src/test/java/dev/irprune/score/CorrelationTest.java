package dev.irprune.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

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
}
