package dev.irprune.score;

/**
 * Activations the seed's metrics cannot score, through no fault of the code: a column whose
 * histogram numpy refuses to make (see {@link Entropy}), or more columns than a similarity matrix
 * can hold. Callers that read the activations from a user's file report it as bad input.
 */
public final class UnscorableException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int column;

    /**
     * @param column the column concerned, 0-based, or -1 when the matrix as a whole is concerned
     *     (or the column's place is not known)
     */
    public UnscorableException(int column, String message) {
        super(message);
        this.column = column;
    }

    /** The column concerned, 0-based; -1 when the whole matrix is. */
    public int column() {
        return column;
    }
}
