package dev.irprune.report;

import java.util.List;

/**
 * What pruning did to one channel group: channels before and after (and how many the rule kept
 * before rounding), which channels went (numbered as before pruning) and, for the reference rule,
 * which rule removed each; test accuracy after its first stage (the reference's importance
 * pruning; null for one-stage rules), after all removal, and after fine-tuning (null without
 * fine-tuning); MACs and parameters of its producers in the original and in the final network;
 * and where the time went, in seconds.
 */
public record GroupReport(
        String group,
        String kind,
        List<String> producers,
        int channelsBefore,
        int channelsAfter,
        int ruleKept,
        List<Integer> pruned,
        List<Integer> prunedByEntropy,
        List<Integer> prunedByRedundancy,
        Integer rescued,
        Double budget,
        Double accuracyAfterImportance,
        double accuracyAfterPruning,
        Double accuracyAfterFinetune,
        long macsBefore,
        long macsAfter,
        long paramsBefore,
        long paramsAfter,
        double captureSeconds,
        double selectSeconds,
        double finetuneSeconds,
        double seconds) {

    public GroupReport {
        producers = List.copyOf(producers);
        pruned = List.copyOf(pruned);
        prunedByEntropy = List.copyOf(prunedByEntropy);
        prunedByRedundancy = List.copyOf(prunedByRedundancy);
    }

    public GroupReport withCosts(long macsBeforeNew, long macsAfterNew, long paramsBeforeNew, long paramsAfterNew) {
        return new GroupReport(group, kind, producers, channelsBefore, channelsAfter, ruleKept, pruned, prunedByEntropy,
                prunedByRedundancy, rescued, budget, accuracyAfterImportance, accuracyAfterPruning, accuracyAfterFinetune,
                macsBeforeNew, macsAfterNew, paramsBeforeNew, paramsAfterNew, captureSeconds, selectSeconds, finetuneSeconds,
                seconds);
    }

    public GroupReport withFinetune(Double accuracy, double finetuneSecondsNew, double secondsNew) {
        return new GroupReport(group, kind, producers, channelsBefore, channelsAfter, ruleKept, pruned, prunedByEntropy,
                prunedByRedundancy, rescued, budget, accuracyAfterImportance, accuracyAfterPruning, accuracy, macsBefore,
                macsAfter, paramsBefore, paramsAfter, captureSeconds, selectSeconds, finetuneSecondsNew, secondsNew);
    }

    /** The last accuracy measured for this group: after fine-tuning if there was some, else after removal. */
    public double finalAccuracy() {
        return accuracyAfterFinetune != null ? accuracyAfterFinetune : accuracyAfterPruning;
    }
}
