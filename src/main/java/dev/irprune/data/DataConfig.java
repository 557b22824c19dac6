package dev.irprune.data;

import java.nio.file.Path;

/**
 * Which data to load.
 *
 * @param dataset the data set
 * @param dataDir its folder, or null for the default ({@code Datasets.defaultDataDir}); must be
 *     null for the bundled demo set
 * @param trainLimit use only the first N training images; 0 = all
 * @param testLimit use only the first N test images; 0 = all
 */
public record DataConfig(DatasetName dataset, Path dataDir, int trainLimit, int testLimit) {

    public DataConfig {
        if (dataset == null) {
            throw new IllegalArgumentException("dataset must not be null");
        }
        if (trainLimit < 0) {
            throw new IllegalArgumentException("train limit must be >= 0 (0 = all), got " + trainLimit);
        }
        if (testLimit < 0) {
            throw new IllegalArgumentException("test limit must be >= 0 (0 = all), got " + testLimit);
        }
        if (dataset == DatasetName.DEMO && dataDir != null) {
            throw new IllegalArgumentException("a data folder does not apply to the bundled demo set");
        }
    }

    /** All images of {@code dataset}, from its default folder. */
    public static DataConfig of(DatasetName dataset) {
        return new DataConfig(dataset, null, 0, 0);
    }
}
