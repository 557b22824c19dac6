package dev.irprune.train;

/**
 * Training produced a non-finite loss or weight. The message names the epoch, the step (1-based
 * within the epoch) and the layer or tensor where it showed; nothing after the last good state is
 * written.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
