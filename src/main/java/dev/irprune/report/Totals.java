package dev.irprune.report;

/**
 * Whole-network size before and after pruning. {@code macRatio} (unpruned / pruned MACs over all
 * layers, output layer included) is the exact figure IRPrune reports as {@code prun_ratio_ach};
 * {@code referenceFormulaRatio} is what the reference program's own formula gives, for comparison.
 */
public record Totals(long macsBefore, long macsAfter, long paramsBefore, long paramsAfter, double macRatio,
        double paramRatio, Double referenceFormulaRatio) {}
