package dev.irprune.select;

/**
 * The reference method's policy (with the {@link Criteria#SEED} criterion): filters whose entropy
 * (the scores) is below E go first; then, where the schedule applies redundancy pruning, of each
 * chosen pair of filters correlated above S the lower index goes, within the layer's budget. Two
 * stages: the importance-pruned filters are removed (and the network evaluated) before the
 * redundancy-pruned ones.
 */
public record Thresholds(double entropy, double similarity) implements Policy {
    public Thresholds {
        if (!(entropy >= 0) || Double.isInfinite(entropy)) {
            throw new IllegalArgumentException("the entropy threshold E must be a number >= 0, got " + entropy);
        }
        if (!(similarity >= 0 && similarity <= 1)) {
            throw new IllegalArgumentException("the similarity threshold S must be in [0, 1], got " + similarity);
        }
    }

    @Override
    public GroupDecision decide(Evidence evidence, LayerStep step, double[] scores) {
        SelectionConfig config = step.config(entropy, similarity)
                .orElseThrow(() -> new IllegalArgumentException(step.name() + " is not pruned by the reference schedule"));
        LayerPlan plan = SeedSelector.select(evidence.group(), evidence.require(evidence.activations(), EvidenceKind.ACTIVATIONS),
                scores, config);
        return new GroupDecision(plan.keptIndices(), afterImportance(plan), plan, plan.kept().size());
    }

    /** The filters left after importance pruning alone (the rescued one included), ascending. */
    static int[] afterImportance(LayerPlan plan) {
        boolean[] gone = new boolean[plan.channels()];
        plan.prunedByEntropy().forEach(f -> gone[f] = true);
        if (plan.rescued() != null) {
            gone[plan.rescued()] = false;
        }
        return java.util.stream.IntStream.range(0, gone.length).filter(f -> !gone[f]).toArray();
    }
}
