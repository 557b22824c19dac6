package dev.irprune.train;

import dev.irprune.data.DataConfig;
import dev.irprune.report.Versions;
import java.util.List;

/**
 * What {@code training.json} in a model folder holds: how the model was trained (data and
 * training settings, so that {@code --resume} can continue it), its history and its final test
 * result.
 */
public record TrainingSummary(String arch, DataConfig data, String dataset, String dataSource, int trainImages,
        int testImages, TrainConfig config, int epochsDone, List<EpochStats> history, Evaluation test,
        double seconds, Versions versions) {
    public static final String FILE = "training.json";
}
