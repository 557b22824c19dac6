package dev.irprune.train;

/**
 * How to train: the reference program's Adam settings and batch size by default, its 400 epochs,
 * and a seed (same seed on the same machine gives the same weights).
 */
public record TrainConfig(int epochs, int batchSize, double learningRate, double beta1, double beta2,
        double epsilon, long seed) {
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

    /** The reference settings: Adam(7.5e-5, 0.9, 0.999, 1e-7), batch 128, 400 epochs, seed 0. */
    public static TrainConfig reference() {
        return new TrainConfig(DEFAULT_EPOCHS, DEFAULT_BATCH, DEFAULT_LR, 0.9, 0.999, 1e-7, 0);
    }

    public TrainConfig withEpochs(int n) {
        return new TrainConfig(n, batchSize, learningRate, beta1, beta2, epsilon, seed);
    }
}
