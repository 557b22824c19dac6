package dev.irprune.score;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

@Tag("fast")
class MatrixRankTest {
    /** A random rows x cols matrix of rank r: the product of rows x r and r x cols random matrices, in float. */
    static float[] ofRank(int rows, int cols, int r, SplittableRandom rnd) {
        double[][] a = new double[rows][r];
        double[][] b = new double[r][cols];
        for (double[] row : a) {
            for (int k = 0; k < r; k++) {
                row[k] = rnd.nextGaussian();
            }
        }
        for (double[] row : b) {
            for (int j = 0; j < cols; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        float[] m = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int k = 0; k < r; k++) {
                    s += a[i][k] * b[k][j];
                }
                m[i * cols + j] = (float) s;
            }
        }
        return m;
    }

    @Test
    void constructedRanksAreFoundForSquareAndOblongMaps() {
        SplittableRandom rnd = new SplittableRandom(7);
        int[][] sizes = {{32, 32}, {16, 16}, {8, 8}, {4, 4}, {2, 2}, {7, 5}, {5, 9}, {1, 6}};
        for (int[] s : sizes) {
            for (int r = 0; r <= Math.min(s[0], s[1]); r++) {
                float[] m = ofRank(s[0], s[1], r, rnd);
                assertThat(MatrixRank.of(m, 0, s[0], s[1], new double[s[0] * s[1]])).as(s[0] + "x" + s[1] + " rank " + r).isEqualTo(r);
            }
        }
    }

    @Test
    void noiseBelowFloatPrecisionDoesNotCountAndZeroMapsHaveRankZero() {
        SplittableRandom rnd = new SplittableRandom(3);
        float[] m = ofRank(16, 16, 3, rnd);
        // float rounding of a rank-3 product already adds noise near 1e-7 relative; the tolerance ignores it
        assertThat(MatrixRank.of(m, 0, 16, 16, new double[256])).isEqualTo(3);
        assertThat(MatrixRank.of(new float[64], 0, 8, 8, new double[64])).isZero();
        float[] relu = new float[16];
        relu[5] = 2f; // a single active pixel, as after ReLU
        assertThat(MatrixRank.of(relu, 0, 4, 4, new double[16])).isEqualTo(1);
        float[] two = new float[2 * 16];
        System.arraycopy(m, 0, two, 16, 16);
        assertThat(MatrixRank.of(two, 16, 4, 4, new double[16])).isEqualTo(MatrixRank.of(m, 0, 4, 4, new double[16]));
    }
}
