package dev.irprune.select;

import java.util.List;

/**
 * The decision for one channel group, replayable ({@code irprune apply}): its channels, the
 * criterion's scores, how many the rule kept and which channels stay after rounding, and for the
 * reference rule its full record ({@link LayerPlan}: entropies, filters pruned by each rule,
 * pairs). Channel numbers are the group's before pruning.
 *
 * @param kind "conv" or "dense"
 * @param producers the nodes whose filters or units the channels are
 */
public record GroupPlan(String group, String kind, List<String> producers, int channels, List<Double> scores, int ruleKept,
        List<Integer> kept, LayerPlan seed) {
    public GroupPlan {
        producers = List.copyOf(producers);
        scores = List.copyOf(scores);
        kept = List.copyOf(kept);
        if (kept.isEmpty() || kept.size() > channels || scores.size() != channels) {
            throw new IllegalArgumentException(group + ": a plan keeps 1 to " + channels + " channels and scores each");
        }
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i) < 0 || kept.get(i) >= channels || (i > 0 && kept.get(i) <= kept.get(i - 1))) {
                throw new IllegalArgumentException(group + ": kept channels must be ascending, distinct and below " + channels);
            }
        }
    }

    /** The kept channels as an array, for slicing. */
    public int[] keptIndices() {
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }
}
