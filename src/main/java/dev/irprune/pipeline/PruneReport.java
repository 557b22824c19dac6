package dev.irprune.pipeline;

import dev.irprune.data.DataConfig;
import dev.irprune.report.LayerReport;
import dev.irprune.report.Totals;
import dev.irprune.report.Versions;
import dev.irprune.select.PruningPlan;
import java.util.List;
import java.util.Map;

/**
 * Everything about one pruning run, as {@code report.json} holds it: thresholds, the full
 * configuration and seed, data set, where the model came from, per-layer results, totals, the plan
 * (replayable decisions), timings and library versions.
 */
public record PruneReport(
        double entropyThreshold,
        double similarityThreshold,
        PruneConfig config,
        long seed,
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
        List<LayerReport> layers,
        PruningPlan plan,
        double seconds,
        Versions versions) {

    /** The data a run used. */
    public record Dataset(String name, String source, int trainImages, int testImages, int analysisImages) {}
}
