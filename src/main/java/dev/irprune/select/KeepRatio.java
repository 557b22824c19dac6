package dev.irprune.select;

/** Keeps the best-scored {@code round(ratio * C)} channels of every group (at least one). */
public record KeepRatio(double ratio) implements Policy {
    public KeepRatio {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("the keep ratio must be in (0, 1], got " + ratio);
        }
    }

    @Override
    public GroupDecision decide(Evidence evidence, LayerStep step, double[] scores) {
        int k = (int) Math.max(1, Math.round(ratio * scores.length));
        return GroupDecision.of(Ranking.top(scores, k));
    }
}
