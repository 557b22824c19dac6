package dev.irprune.data;

/**
 * A training and a test set, with the normalisation fitted on the training set.
 *
 * @param name the data set's command-line name, e.g. {@code cifar10}
 * @param source where the images came from, for people: a folder, or "bundled demo"
 * @param train the training images (after any limit)
 * @param test the test images (after any limit)
 * @param normalization the normalisation for both sets, fitted on {@code train}; null when the split
 *     has no training images (a test set alone, for evaluation)
 * @param files the files read, with their SHA-256, for provenance
 */
public record DataSplit(String name, String source, ImageSet train, ImageSet test, Normalization normalization,
        java.util.List<DataFile> files) {
    /** The pruning analysis uses the first this many training images (the seed's choice). */
    public static final int ANALYSIS_SIZE = 10_000;

    public DataSplit {
        if (name == null || source == null || train == null || test == null || (normalization == null && train.size() > 0)) {
            throw new IllegalArgumentException("no part of a data split may be null");
        }
        files = files == null ? java.util.List.of() : java.util.List.copyOf(files);
        if (train.channels() != test.channels() || train.height() != test.height()
                || train.width() != test.width()) {
            throw new IllegalArgumentException("train images are " + shape(train) + " but test images are "
                    + shape(test));
        }
    }

    /** A split whose normalisation is fitted on {@code train} ({@link Normalization#fit}), once, here. */
    public DataSplit(String name, String source, ImageSet train, ImageSet test) {
        this(name, source, train, test, train == null || train.size() == 0 ? null : Normalization.fit(train), null);
    }

    /** The same split with the files it was read from. */
    public DataSplit withFiles(java.util.List<DataFile> read) {
        return new DataSplit(name, source, train, test, normalization, read);
    }

    /** The analysis set: the first {@value #ANALYSIS_SIZE} training images (all of them if fewer). */
    public ImageSet analysis() {
        return train.head(ANALYSIS_SIZE);
    }

    private static String shape(ImageSet s) {
        return s.channels() + "x" + s.height() + "x" + s.width();
    }

    @Override
    public String toString() {
        return "DataSplit[" + name + " from " + source + ": " + train.size() + " train, " + test.size()
                + " test, " + shape(test) + (normalization == null ? "" : ", mean " + normalization.mean() + ", std "
                + normalization.std()) + "]";
    }
}
