package dev.irprune.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How to train: epochs, batch size and Adam's settings; the reference program's by default (400
 * epochs, batch 128, Adam 7.5e-5, 0.9, 0.999, 1e-7). The seed is the run's
 * ({@link dev.irprune.run.RunContext}). Files of IRPrune 0.1, whose training settings held the
 * seed, still read.
 */
@JsonIgnoreProperties(value = {"seed"}, allowGetters = false)
public record TrainConfig(int epochs, int batchSize, double learningRate, double beta1, double beta2, double epsilon) {
    public static final int DEFAULT_EPOCHS = 400;
    public static final int DEFAULT_BATCH = 128;
    public static final double DEFAULT_LR = 7.5e-5;

    public TrainConfig {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1)");
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("Adam epsilon must be positive");
        }
    }

    /** The reference settings: Adam(7.5e-5, 0.9, 0.999, 1e-7), batch 128, 400 epochs. */
    public static TrainConfig reference() {
        return new TrainConfig(DEFAULT_EPOCHS, DEFAULT_BATCH, DEFAULT_LR, 0.9, 0.999, 1e-7);
    }

    /** The reference's optimiser with another learning rate, batch size and number of epochs. */
    public static TrainConfig of(int epochs, int batchSize, double learningRate) {
        return new TrainConfig(epochs, batchSize, learningRate, 0.9, 0.999, 1e-7);
    }

    public TrainConfig withEpochs(int n) {
        return new TrainConfig(n, batchSize, learningRate, beta1, beta2, epsilon);
    }
}
