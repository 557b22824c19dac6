package dev.irprune.report;

import java.util.List;

/**
 * What pruning did to one layer: widths, the filters each rule removed (indices in the layer's
 * numbering before pruning), test accuracy after each stage (null where the stage did not run),
 * its MACs and parameters in the original and in the final network, and where the time went.
 */
public record LayerReport(
        String layer,
        String kind,
        int filtersBefore,
        int filtersAfter,
        List<Integer> prunedByEntropy,
        List<Integer> prunedByRedundancy,
        Integer rescued,
        Double budget,
        Double accuracyAfterImportance,
        Double accuracyAfterRedundancy,
        Double accuracyAfterFinetune,
        long macsBefore,
        long macsAfter,
        long paramsBefore,
        long paramsAfter,
        double captureSeconds,
        double selectSeconds,
        double finetuneSeconds,
        double seconds) {

    public LayerReport withCosts(long macsBeforeNew, long macsAfterNew, long paramsBeforeNew, long paramsAfterNew) {
        return new LayerReport(layer, kind, filtersBefore, filtersAfter, prunedByEntropy, prunedByRedundancy, rescued,
                budget, accuracyAfterImportance, accuracyAfterRedundancy, accuracyAfterFinetune, macsBeforeNew,
                macsAfterNew, paramsBeforeNew, paramsAfterNew, captureSeconds, selectSeconds, finetuneSeconds, seconds);
    }
}
