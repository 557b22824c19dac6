package dev.irprune.select;

/**
 * A pruning criterion: evidence for one channel group in, one score per channel out (higher means
 * more worth keeping). The pipeline extracts the evidence the criterion declares it needs
 * ({@link Criteria#needs()}), so a criterion never touches the engine; a {@link Policy} turns the
 * scores into the channels kept. In the spirit of Torch-Pruning's {@code Importance}.
 */
@FunctionalInterface
public interface Criterion {
    /** One score per channel, C values. */
    double[] scores(Evidence evidence);
}
