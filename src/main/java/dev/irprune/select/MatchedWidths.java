package dev.irprune.select;

import java.util.Map;

/**
 * Keeps exactly as many channels per group as another run kept (its report's plan), the
 * best-scored ones: baselines compared at identical architecture, hence identical MACs and
 * parameters.
 *
 * @param widths channels kept per group name
 * @param source where the widths come from, for messages
 */
public record MatchedWidths(Map<String, Integer> widths, String source) implements Policy {
    public MatchedWidths {
        widths = Map.copyOf(widths);
    }

    @Override
    public GroupDecision decide(Evidence evidence, LayerStep step, double[] scores) {
        Integer k = widths.get(evidence.group());
        if (k == null) {
            throw new IllegalArgumentException(source + " has no width for group " + evidence.group());
        }
        if (k < 1 || k > scores.length) {
            throw new IllegalArgumentException(source + " keeps " + k + " channels of group " + evidence.group() + ", which has "
                    + scores.length);
        }
        return GroupDecision.of(Ranking.top(scores, k));
    }
}
