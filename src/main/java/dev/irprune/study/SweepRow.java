package dev.irprune.study;

/**
 * One row of {@code sweep.csv} / {@code sweep.json}: a pruned network (or the control) and how
 * well it does.
 *
 * @param criterion "seed", a baseline criterion, or "control"
 * @param macRatio unpruned MACs / pruned MACs (1 for the control)
 * @param accuracyBefore test accuracy of the model before pruning
 * @param accuracyWithoutFinetune test accuracy of the plan applied to the model without any fine-tuning
 * @param accuracyAfter test accuracy after pruning with fine-tuning after each group (the run's final accuracy)
 * @param seconds the run's wall time
 */
public record SweepRow(int point, String folder, Double entropy, Double similarity, String criterion, long macs, long params,
        double macRatio, double paramRatio, double accuracyBefore, Double accuracyWithoutFinetune, double accuracyAfter,
        double seconds) {}
