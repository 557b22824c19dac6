package dev.irprune.cli;

import dev.irprune.io.InputException;
import dev.irprune.train.TrainConfig;
import picocli.CommandLine.Option;

/** Options of training: Adam's learning rate, batch size and epochs. */
final class TrainOptions {
    @Option(names = "--epochs", paramLabel = "N", defaultValue = "400", description = "Training epochs (default: ${DEFAULT-VALUE}, as the reference).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "7.5e-5", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
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
