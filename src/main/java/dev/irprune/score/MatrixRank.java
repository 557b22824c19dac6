package dev.irprune.score;

/**
 * The numerical rank of a small matrix (a feature map), as HRank measures it (Lin et al., CVPR
 * 2020, "HRank: Filter Pruning using High-Rank Feature Map", which calls torch.matrix_rank). Rank
 * here is the number of pivots of Gaussian elimination with complete pivoting (in double
 * precision) whose magnitude exceeds {@code |first pivot| * max(rows, cols) * eps}, eps being
 * float32's machine epsilon 2^-23, the precision the maps are computed in. This is the
 * singular-value threshold of numpy and PyTorch with the largest pivot standing in for the largest
 * singular value (they agree within a factor of at most sqrt(rows * cols)), at a third of an SVD's
 * cost. A matrix of zeros has rank 0.
 */
public final class MatrixRank {
    /** float32's machine epsilon. */
    public static final double EPS = Math.ulp(1f);

    private MatrixRank() {}

    /**
     * Rank of the {@code rows x cols} matrix stored row-major in {@code values} from {@code offset};
     * {@code work} (at least rows * cols long) is overwritten.
     */
    public static int of(float[] values, int offset, int rows, int cols, double[] work) {
        int n = rows * cols;
        for (int i = 0; i < n; i++) {
            work[i] = values[offset + i];
        }
        int steps = Math.min(rows, cols);
        double tol = -1;
        int rank = 0;
        for (int k = 0; k < steps; k++) {
            int pr = k;
            int pc = k;
            double best = -1;
            for (int i = k; i < rows; i++) {
                int base = i * cols;
                for (int j = k; j < cols; j++) {
                    double a = Math.abs(work[base + j]);
                    if (a > best) {
                        best = a;
                        pr = i;
                        pc = j;
                    }
                }
            }
            if (tol < 0) {
                tol = best * Math.max(rows, cols) * EPS;
            }
            if (!(best > tol) || best == 0) {
                break;
            }
            rank++;
            swapRows(work, cols, k, pr);
            swapCols(work, rows, cols, k, pc);
            double pivot = work[k * cols + k];
            for (int i = k + 1; i < rows; i++) {
                double f = work[i * cols + k] / pivot;
                if (f != 0) {
                    int bi = i * cols;
                    int bk = k * cols;
                    for (int j = k + 1; j < cols; j++) {
                        work[bi + j] -= f * work[bk + j];
                    }
                }
                work[i * cols + k] = 0;
            }
        }
        return rank;
    }

    private static void swapRows(double[] a, int cols, int r1, int r2) {
        if (r1 == r2) {
            return;
        }
        for (int j = 0; j < cols; j++) {
            double t = a[r1 * cols + j];
            a[r1 * cols + j] = a[r2 * cols + j];
            a[r2 * cols + j] = t;
        }
    }

    private static void swapCols(double[] a, int rows, int cols, int c1, int c2) {
        if (c1 == c2) {
            return;
        }
        for (int i = 0; i < rows; i++) {
            double t = a[i * cols + c1];
            a[i * cols + c1] = a[i * cols + c2];
            a[i * cols + c2] = t;
        }
    }
}
