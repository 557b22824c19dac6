package dev.irprune.pipeline;

import dev.irprune.train.TrainConfig;

/**
 * How to prune: the entropy threshold E and similarity threshold S, how many training images form
 * the analysis set on which entropy and correlation are measured, and the fine-tuning after each
 * layer ({@code finetune.epochs()} epochs with those optimiser settings, reset at every layer).
 */
public record PruneConfig(double entropy, double similarity, int analysisSamples, TrainConfig finetune) {
    public static final int DEFAULT_ANALYSIS = 10_000;

    public PruneConfig {
        if (!(entropy >= 0) || Double.isInfinite(entropy)) {
            throw new IllegalArgumentException("the entropy threshold E must be a number >= 0, got " + entropy);
        }
        if (!(similarity >= 0 && similarity <= 1)) {
            throw new IllegalArgumentException("the similarity threshold S must be in [0, 1], got " + similarity);
        }
        if (analysisSamples < 2) {
            throw new IllegalArgumentException("the analysis set needs at least 2 images, got " + analysisSamples);
        }
        if (finetune == null) {
            throw new IllegalArgumentException("fine-tuning settings are required");
        }
    }
}
