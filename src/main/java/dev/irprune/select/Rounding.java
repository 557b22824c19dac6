package dev.irprune.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Channel rounding: a group keeps a multiple of N channels (at least N, at most all), by keeping
 * back the best-scored of the channels its rule would remove. Engines compute channels in blocks
 * (oneDNN's are 8 or 16 wide), so a count inside a block costs as much as the full block.
 * Torch-Pruning's {@code round_to} and NVIDIA ModelOpt's {@code channel_divisor} are the same
 * idea. For the reference rule the order of keeping back is: the highest entropy first among the
 * importance-pruned, then the least similar pair first among the redundancy-pruned.
 */
public final class Rounding {
    private Rounding() {}

    /** The decision rounded up to a multiple of {@code n}; {@code n <= 1} changes nothing. */
    public static GroupDecision roundUp(GroupDecision d, double[] scores, int n) {
        if (n <= 1) {
            return d;
        }
        int c = scores.length;
        int k = d.kept().length;
        int target = Math.min(c, Math.max(n, (k + n - 1) / n * n));
        if (target <= k) {
            return d;
        }
        List<Integer> back = order(d, scores).subList(0, target - k);
        int[] kept = merge(d.kept(), back);
        int[] first = d.afterFirstStage();
        if (first != null && d.seed() != null) {
            List<Integer> byEntropy = back.stream().filter(d.seed().prunedByEntropy()::contains).toList();
            first = merge(first, byEntropy);
        }
        return new GroupDecision(kept, first, d.seed(), d.ruleKept());
    }

    /** The removed channels, the first to keep back first. */
    private static List<Integer> order(GroupDecision d, double[] scores) {
        boolean[] kept = new boolean[scores.length];
        for (int f : d.kept()) {
            kept[f] = true;
        }
        List<Integer> out = new ArrayList<>();
        LayerPlan seed = d.seed();
        if (seed != null) {
            seed.prunedByEntropy().stream().filter(f -> !kept[f])
                    .sorted(Comparator.comparingDouble((Integer f) -> -scores[f]).thenComparing(f -> f)).forEach(out::add);
            seed.pairs().stream().filter(p -> !kept[p.pruned()])
                    .sorted(Comparator.comparingDouble(RedundantPair::similarity).thenComparing(RedundantPair::pruned))
                    .forEach(p -> out.add(p.pruned()));
            return out;
        }
        for (int f : Ranking.bestFirst(scores)) {
            if (!kept[f]) {
                out.add(f);
            }
        }
        return out;
    }

    private static int[] merge(int[] kept, List<Integer> more) {
        int[] out = Arrays.copyOf(kept, kept.length + more.size());
        for (int i = 0; i < more.size(); i++) {
            out[kept.length + i] = more.get(i);
        }
        Arrays.sort(out);
        return out;
    }
}
