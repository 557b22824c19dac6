package dev.irprune.select;

/**
 * Turns a criterion's scores for one channel group into the channels kept. The built-in policies:
 * the reference thresholds ({@link Thresholds}), a keep ratio ({@link KeepRatio}) and matched
 * widths ({@link MatchedWidths}).
 */
@FunctionalInterface
public interface Policy {
    /**
     * The decision for one group.
     *
     * @param evidence the group's evidence (the thresholds policy correlates its activations)
     * @param step where the group stands in the reference schedule (its budget)
     * @param scores the criterion's C scores, higher for channels more worth keeping
     */
    GroupDecision decide(Evidence evidence, LayerStep step, double[] scores);
}
