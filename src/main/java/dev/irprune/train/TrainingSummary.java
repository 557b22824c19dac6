package dev.irprune.train;

import dev.irprune.data.DataConfig;
import dev.irprune.run.RunContext;
import dev.irprune.run.RunProvenance;
import java.util.List;

/**
 * What {@code training.json} in a model folder holds: how the model was trained (data, training
 * settings and the run's device, threads and seed, so that {@code --resume} can continue it), its
 * history, its final test result and where it comes from.
 */
public record TrainingSummary(String arch, DataConfig data, String dataset, String dataSource, int trainImages,
        int testImages, TrainConfig config, RunContext context, int epochsDone, List<EpochStats> history, Evaluation test,
        double seconds, RunProvenance provenance) {
    public static final String FILE = "training.json";
}
