package dev.irprune.score;

/**
 * The similarity of every pair of C columns, symmetric, stored as its strict upper triangle
 * (C (C - 1) / 2 doubles). A value may be NaN where the similarity is undefined (a constant
 * column); selection rules never choose such a pair.
 */
public final class SimilarityMatrix {
    /** Largest C whose triangle still fits one Java array. */
    public static final int MAX_SIZE = 65_000;

    private final int size;
    private final double[] upper;

    private SimilarityMatrix(int size, double[] upper) {
        this.size = size;
        this.upper = upper;
    }

    /**
     * A matrix from its strict upper triangle, row by row: (0,1), (0,2) .. (0,C-1), (1,2) ..
     * The array is copied.
     */
    public static SimilarityMatrix ofUpperTriangle(int size, double[] upper) {
        checkSize(size);
        if (upper.length != triangle(size)) {
            throw new IllegalArgumentException(
                    "a " + size + " x " + size + " triangle has " + triangle(size) + " values, got " + upper.length);
        }
        return new SimilarityMatrix(size, upper.clone());
    }

    /** A matrix that takes ownership of {@code upper} (no copy); for this package's builders. */
    static SimilarityMatrix wrap(int size, double[] upper) {
        return new SimilarityMatrix(size, upper);
    }

    /** Number of columns C. */
    public int size() {
        return size;
    }

    /** The similarity of columns i and j, i != j, in either order. */
    public double get(int i, int j) {
        if (i == j || i < 0 || j < 0 || i >= size || j >= size) {
            throw new IndexOutOfBoundsException("no pair (" + i + ", " + j + ") in a " + size + "-column matrix");
        }
        return i < j ? upper[offset(size, i) + (j - i - 1)] : upper[offset(size, j) + (i - j - 1)];
    }

    /** The triangle itself, read-only by contract (not copied, for speed). */
    double[] upperTriangle() {
        return upper;
    }

    /** Calls {@code visitor} for every pair i < j in the order i ascending, then j ascending. */
    public void forEachPair(PairVisitor visitor) {
        int k = 0;
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                visitor.visit(i, j, upper[k++]);
            }
        }
    }

    /** Receives one pair and its similarity. */
    @FunctionalInterface
    public interface PairVisitor {
        void visit(int i, int j, double similarity);
    }

    static int offset(int size, int i) {
        return (int) ((long) i * (2L * size - i - 1) / 2);
    }

    static int triangle(int size) {
        return (int) ((long) size * (size - 1) / 2);
    }

    /** Fails with an {@link UnscorableException} (the whole matrix) outside 1 .. {@link #MAX_SIZE}. */
    static void checkSize(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new UnscorableException(-1, "similarity of " + size + " columns: supported are 1 .. " + MAX_SIZE
                    + " (the pairs of more do not fit one Java array)");
        }
    }
}
