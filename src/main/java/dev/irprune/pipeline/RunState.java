package dev.irprune.pipeline;

import dev.irprune.report.GroupReport;
import dev.irprune.select.GroupPlan;
import java.util.List;

/**
 * Where a pruning run stands, as its checkpoint holds it: the settings, the baseline accuracy
 * (null until measured), the index of the next group to prune, the plans and reports of the groups
 * done, the group in progress (null between groups), the seconds spent so far, and when the run
 * first started. The network itself is stored beside it.
 */
public record RunState(int version, PruneRequest request, Double baselineAccuracy, int nextGroup, List<GroupPlan> plans,
        List<GroupReport> reports, GroupInProgress current, double seconds, String started) {
    public static final int VERSION = 1;

    public RunState {
        plans = List.copyOf(plans);
        reports = List.copyOf(reports);
    }
}
