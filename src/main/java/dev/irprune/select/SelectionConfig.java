package dev.irprune.select;

/**
 * The rules for one layer: importance pruning below {@code entropyThreshold}, then, if
 * {@code redundancy}, redundancy pruning of pairs more similar than {@code similarityThreshold}.
 *
 * @param budget conv with redundancy only: the fraction p of the filters left after importance
 *     pruning that redundancy may remove (at most {@code floor((C - n_entropy) * min(1, p))});
 *     null otherwise
 * @param rows leading rows the similarity is measured on; null for the mode's default (all rows
 *     for conv, the first 300 for dense, never more than there are)
 */
public record SelectionConfig(
        Mode mode,
        double entropyThreshold,
        double similarityThreshold,
        boolean redundancy,
        Double budget,
        Integer rows) {

    public SelectionConfig {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        if (Double.isNaN(entropyThreshold) || entropyThreshold < 0 || Double.isInfinite(entropyThreshold)) {
            throw new IllegalArgumentException("entropy threshold must be a finite number >= 0, got " + entropyThreshold);
        }
        if (!(similarityThreshold >= 0 && similarityThreshold <= 1)) {
            throw new IllegalArgumentException("similarity threshold must be in [0, 1], got " + similarityThreshold);
        }
        if (budget != null && !(budget >= 0 && budget <= 1)) {
            throw new IllegalArgumentException("budget must be in [0, 1], got " + budget);
        }
        if (mode == Mode.DENSE && budget != null) {
            throw new IllegalArgumentException("a budget applies to conv mode only; dense mode has none");
        }
        if (mode == Mode.CONV && redundancy && budget == null) {
            throw new IllegalArgumentException("conv mode with redundancy pruning needs a budget");
        }
        if (!redundancy && budget != null) {
            throw new IllegalArgumentException("a budget without redundancy pruning means nothing");
        }
        if (rows != null && rows < 2) {
            throw new IllegalArgumentException("similarity rows must be at least 2, got " + rows);
        }
    }

    /** Conv layer with both rules (4a). */
    public static SelectionConfig conv(double entropyThreshold, double similarityThreshold, double budget) {
        return new SelectionConfig(Mode.CONV, entropyThreshold, similarityThreshold, true, budget, null);
    }

    /** Dense hidden layer with both rules (4b). */
    public static SelectionConfig dense(double entropyThreshold, double similarityThreshold) {
        return new SelectionConfig(Mode.DENSE, entropyThreshold, similarityThreshold, true, null, null);
    }

    /** Importance pruning only (the first three convolutions). */
    public static SelectionConfig importanceOnly(Mode mode, double entropyThreshold, double similarityThreshold) {
        return new SelectionConfig(mode, entropyThreshold, similarityThreshold, false, null, null);
    }

    /** The same rules, measuring similarity on the first {@code rows} rows (null: default). */
    public SelectionConfig withRows(Integer rows) {
        return new SelectionConfig(mode, entropyThreshold, similarityThreshold, redundancy, budget, rows);
    }

    /** Rows the similarity uses for a matrix of {@code n} rows. */
    public int similarityRows(int n) {
        if (rows == null) {
            return mode == Mode.DENSE ? Math.min(Mode.DENSE_ROWS, n) : n;
        }
        if (rows > n) {
            throw new IllegalArgumentException("similarity rows " + rows + " exceed the " + n + " rows of the matrix");
        }
        return rows;
    }
}
