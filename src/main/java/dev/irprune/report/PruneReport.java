package dev.irprune.report;

import dev.irprune.data.DataConfig;
import dev.irprune.run.RunContext;
import dev.irprune.run.RunProvenance;
import dev.irprune.select.NetworkPlan;
import dev.irprune.select.PruningConfig;
import dev.irprune.train.TrainConfig;
import java.util.List;
import java.util.Map;

/**
 * Everything about one pruning run, as {@code report.json} holds it: the criterion and policy
 * (for the reference rule its thresholds E and S, also at the top), the fine-tuning, the run's
 * device, threads and seed, the data, where the model came from, per-group results, totals, the
 * plan (every decision, replayable by {@code irprune apply}), timings and provenance.
 *
 * @param entropyThreshold E for the reference rule, null for other criteria
 * @param similarityThreshold S for the reference rule, null for other criteria
 */
public record PruneReport(
        String criterion,
        Double entropyThreshold,
        Double similarityThreshold,
        PruningConfig pruning,
        TrainConfig finetune,
        RunContext context,
        DataConfig data,
        Dataset dataset,
        String baseModel,
        String prunedModel,
        String archBefore,
        Map<String, Integer> widthsBefore,
        Map<String, Integer> widthsAfter,
        double baselineAccuracy,
        double finalAccuracy,
        Totals totals,
        List<GroupReport> groups,
        NetworkPlan plan,
        double seconds,
        RunProvenance provenance) {

    /** The data a run used. */
    public record Dataset(String name, String source, int trainImages, int testImages, int analysisImages) {}
}
