package dev.irprune.train;

/**
 * One training epoch: mean training loss (L2 penalty included, as Keras reports it) and accuracy,
 * test accuracy and loss when measured (else null), and the epoch's duration in seconds.
 */
public record EpochStats(int epoch, double loss, double accuracy, Double testAccuracy, Double testLoss, double seconds) {
    public EpochStats withTest(Evaluation test) {
        return new EpochStats(epoch, loss, accuracy, test.accuracy(), test.loss(), seconds);
    }
}
