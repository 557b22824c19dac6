package dev.irprune.pipeline;

import dev.irprune.report.GroupReport;
import dev.irprune.select.GroupPlan;

/**
 * A group whose channels are already removed but whose fine-tuning is not finished: its plan, its
 * report so far (accuracies after removal, timings), and how many fine-tuning epochs are done
 * (their weights and optimiser state are in the checkpoint).
 */
public record GroupInProgress(GroupPlan plan, GroupReport report, int epochsDone, long optimizerSteps) {}
