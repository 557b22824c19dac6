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
    /** The largest multiple accepted. */
    public static final int MAX_MULTIPLE = 4096;

    private Rounding() {}

    /**
     * {@code n} if it is a multiple {@code --round-to} accepts (0 or 1 for none, up to
     * {@link #MAX_MULTIPLE}), else an {@link IllegalArgumentException} saying so.
     */
    public static int checkMultiple(int n) {
        if (n < 0 || n > MAX_MULTIPLE) {
            throw new IllegalArgumentException("--round-to must be 0 (none) to " + MAX_MULTIPLE + ", got " + n);
        }
        return n;
    }

    /**
     * A saved group's decision rounded up to a multiple of {@code n} ({@code irprune apply
     * --round-to}): the channels it kept stay, and the best-scored of those it removed are kept
     * back in the order of {@link #roundUp(GroupDecision, double[], int)}, from the group's
     * recorded scores and, for the reference rule, its record. The rule's own count stays
     * {@link GroupPlan#ruleKept()}.
     */
    public static GroupPlan roundUp(GroupPlan g, int n) {
        double[] scores = g.scores().stream().mapToDouble(Double::doubleValue).toArray();
        GroupDecision d = roundUp(new GroupDecision(g.keptIndices(), null, g.seed(), g.ruleKept()), scores, n);
        return new GroupPlan(g.group(), g.kind(), g.producers(), g.channels(), g.scores(), g.ruleKept(),
                Arrays.stream(d.kept()).boxed().toList(), g.seed());
    }

    /**
     * The decision rounded up to a multiple of {@code n}; {@code n <= 1} changes nothing.
     *
     * @throws IllegalArgumentException if the reference rule's record does not list enough of the
     *     removed channels to keep back (a record that does not match the decision)
     */
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
        List<Integer> candidates = order(d, scores);
        if (candidates.size() < target - k) {
            throw new IllegalArgumentException("the rule's record lists " + candidates.size() + " of the " + (scores.length - k)
                    + " channels removed, " + (target - k) + " are needed to keep a multiple of " + n);
        }
        List<Integer> back = candidates.subList(0, target - k);
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
