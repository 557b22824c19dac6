package dev.irprune.pipeline;

import dev.irprune.data.DataConfig;
import dev.irprune.run.RunContext;
import dev.irprune.select.PruningConfig;
import dev.irprune.train.TrainConfig;

/**
 * A pruning run's settings, recorded so that {@code --resume} continues with them: the model to
 * prune (a model folder), the data, how to choose channels, how to fine-tune after each group,
 * the run's device, threads and seed, and whether to draw the per-group figures.
 *
 * @param baseModel the model folder, as given
 * @param finetune fine-tuning after each group: {@code epochs} epochs with these optimiser settings,
 *     the optimiser reset at every group as the reference does
 */
public record PruneRequest(String baseModel, DataConfig data, PruningConfig pruning, TrainConfig finetune, RunContext context,
        boolean figures) {
    public PruneRequest {
        if (baseModel == null || data == null || pruning == null || finetune == null || context == null) {
            throw new IllegalArgumentException("a pruning run needs a model, data, pruning and fine-tuning settings, and a context");
        }
    }
}
