package dev.irprune.select;

/**
 * What a policy decided for one channel group: the channels kept (ascending, at least one), the
 * channels kept after the first stage where a rule has two (the seed's importance stage; null
 * otherwise), the seed rule's own record of its decision (null for other rules), and how many
 * channels the rule itself kept before rounding to a multiple ({@link Rounding}).
 */
public record GroupDecision(int[] kept, int[] afterFirstStage, LayerPlan seed, int ruleKept) {
    public GroupDecision {
        if (kept == null || kept.length == 0) {
            throw new IllegalArgumentException("a decision keeps at least one channel");
        }
        kept = kept.clone();
        afterFirstStage = afterFirstStage == null ? null : afterFirstStage.clone();
    }

    /** A one-stage decision of a rule that kept {@code kept}. */
    public static GroupDecision of(int[] kept) {
        return new GroupDecision(kept, null, null, kept.length);
    }

    @Override
    public int[] kept() {
        return kept.clone();
    }

    @Override
    public int[] afterFirstStage() {
        return afterFirstStage == null ? null : afterFirstStage.clone();
    }
}
