package dev.irprune.cli;

import dev.irprune.io.InputException;
import dev.irprune.train.TrainConfig;
import picocli.CommandLine.Option;

/** Options of training: Adam's learning rate, batch size and epochs. */
final class TrainOptions {
    @Option(names = "--epochs", paramLabel = "N", defaultValue = "400", converter = Ranges.Epochs.class,
            description = "Training epochs, 0 .. 100000 (default: ${DEFAULT-VALUE}, as the reference).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "128", converter = Ranges.BatchSize.class,
            description = "Images per step, 1 .. 65536 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "7.5e-5", converter = Ranges.LearningRate.class,
            description = "Adam learning rate, > 0 and <= 1 (default: ${DEFAULT-VALUE}).")
    double lr;

    TrainConfig config() {
        TrainConfig ref = TrainConfig.reference();
        try {
            return new TrainConfig(epochs, batchSize, lr, ref.beta1(), ref.beta2(), ref.epsilon());
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }
}
