package dev.irprune.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.data.DataSplit;
import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import dev.irprune.model.ModelFolder;
import dev.irprune.pipeline.Apply;
import dev.irprune.pipeline.PruneRequest;
import dev.irprune.pipeline.PruneRun;
import dev.irprune.pipeline.RunCheckpoint;
import dev.irprune.report.ReportFiles;
import dev.irprune.select.Criteria;
import dev.irprune.select.NetworkPlan;
import dev.irprune.select.PolicySpec;
import dev.irprune.select.PruningConfig;
import dev.irprune.surgery.Surgery;
import dev.irprune.train.Evaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sweep's points into {@code OUT/points/<point>/<criterion>/}, each an ordinary pruning
 * run folder, and collects the results from the folders (never from memory) into
 * {@code sweep.csv}, {@code sweep.json} and {@code pareto.png}. A finished run is skipped and an
 * interrupted one resumed, so a sweep continues where it stopped; points are independent jobs
 * that any job runner can spread over machines sharing {@code OUT}. The settings are recorded in
 * {@code OUT/sweep-settings.json}; a later call with other settings is refused.
 */
public final class Sweep {
    private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);
    public static final String SETTINGS = "sweep-settings.json";
    public static final String POINTS = "points";
    static final String NO_FINETUNE = "no-finetune.json";

    /** The accuracy of a run's plan applied without fine-tuning. */
    record Unfinetuned(double accuracy) {}

    private Sweep() {}

    /** Records the settings in {@code out}, or checks that they are those already recorded there. */
    public static void settle(SweepConfig config, Path out) {
        Path file = out.resolve(SETTINGS);
        if (Files.exists(file)) {
            SweepConfig recorded = Json.readFile(file, SweepConfig.class);
            if (!recorded.equals(config)) {
                throw new InputException(out + " holds a sweep with other settings (" + file
                        + "): give the same options, or choose another --out");
            }
        } else {
            Json.writeFile(file, config);
        }
    }

    /** Runs point {@code p} (skipping what is finished, resuming what was interrupted). */
    public static void runPoint(SweepConfig config, SweepPoint p, DataSplit data, Path out, boolean figures) {
        Path dir = out.resolve(POINTS).resolve(p.folder());
        int total = config.points().size();
        if (p.isControl()) {
            run(config, p, "control", new PruningConfig(Criteria.RANDOM, PolicySpec.ratio(1.0), 0, config.analysisSamples(),
                    config.rankImages()), data, dir.resolve(SweepPoint.CONTROL), false, total);
            return;
        }
        Path seed = dir.resolve("seed");
        run(config, p, "seed", new PruningConfig(Criteria.SEED, PolicySpec.thresholds(p.entropy(), p.similarity()), config.roundTo(),
                config.analysisSamples(), config.rankImages()), data, seed, figures, total);
        Map<String, Integer> widths = widthsAfter(seed.resolve(ReportFiles.REPORT));
        for (Criteria b : config.baselines()) {
            Path bdir = dir.resolve(b.cliName());
            run(config, p, b.cliName(), new PruningConfig(b, PolicySpec.widths(widths, seed.resolve(ReportFiles.REPORT).toString()),
                    0, config.analysisSamples(), config.rankImages()), data, bdir, figures, total);
            Map<String, Integer> got = widthsAfter(bdir.resolve(ReportFiles.REPORT));
            if (!got.equals(widths)) {
                throw new IllegalStateException(bdir + ": the baseline's widths " + got + " are not the reference rule's " + widths);
            }
        }
    }

    private static void run(SweepConfig config, SweepPoint p, String label, PruningConfig pruning, DataSplit data, Path dir,
            boolean figures, int total) {
        long start = System.nanoTime();
        if (Files.exists(dir.resolve(ReportFiles.REPORT)) && !RunCheckpoint.exists(dir)) {
            LOG.info("point {}/{} {} {}: finished earlier, skipped", p.index() + 1, total, p.folder(), label);
        } else if (RunCheckpoint.exists(dir)) {
            LOG.info("point {}/{} {} {}: resuming", p.index() + 1, total, p.folder(), label);
            PruneRun.resume(dir);
        } else {
            LOG.info("point {}/{} {} {}: running", p.index() + 1, total, p.folder(), label);
            PruneRun.run(new PruneRequest(config.model(), config.data(), pruning, config.finetune(), config.context(), figures), data,
                    dir);
        }
        if (!Files.exists(dir.resolve(NO_FINETUNE))) {
            Json.writeFile(dir.resolve(NO_FINETUNE), new Unfinetuned(withoutFinetuning(config, dir, data)));
        }
        LOG.info("point {}/{} {} {}: done ({} s)", p.index() + 1, total, p.folder(), label,
                String.format("%.1f", (System.nanoTime() - start) / 1e9));
    }

    /** The test accuracy of a run's plan applied to the model with no fine-tuning at all. */
    static double withoutFinetuning(SweepConfig config, Path run, DataSplit data) {
        JsonNode report = Json.readFile(run.resolve(ReportFiles.REPORT), JsonNode.class);
        NetworkPlan plan;
        try {
            plan = Json.MAPPER.treeToValue(report.get("plan"), NetworkPlan.class);
        } catch (Exception e) {
            throw new InputException(run.resolve(ReportFiles.REPORT) + ": unreadable plan: " + e.getMessage());
        }
        ModelFolder.Contents model = ModelFolder.load(Path.of(config.model()));
        Surgery.Result r = Apply.run(model.spec(), model.weights(), plan, config.finetune().withEpochs(0), null, config.context());
        return Evaluator.evaluate(r.spec(), r.weights(), data.test(), config.context()).accuracy();
    }

    /** The rows of every finished run under {@code out}, in point order. */
    public static List<SweepRow> collect(SweepConfig config, Path out) {
        List<SweepRow> rows = new ArrayList<>();
        for (SweepPoint p : config.points()) {
            Path dir = out.resolve(POINTS).resolve(p.folder());
            List<String> labels = new ArrayList<>();
            if (p.isControl()) {
                labels.add(SweepPoint.CONTROL);
            } else {
                labels.add("seed");
                config.baselines().forEach(b -> labels.add(b.cliName()));
            }
            for (String label : labels) {
                Path run = dir.resolve(label);
                if (Files.exists(run.resolve(ReportFiles.REPORT)) && !RunCheckpoint.exists(run)) {
                    rows.add(row(p, label, run));
                }
            }
        }
        return rows;
    }

    private static SweepRow row(SweepPoint p, String label, Path run) {
        JsonNode r = Json.readFile(run.resolve(ReportFiles.REPORT), JsonNode.class);
        JsonNode t = r.get("totals");
        Double unfinetuned = Files.exists(run.resolve(NO_FINETUNE))
                ? Json.readFile(run.resolve(NO_FINETUNE), Unfinetuned.class).accuracy() : null;
        return new SweepRow(p.index(), p.folder(), p.entropy(), p.similarity(), label, t.get("macsAfter").asLong(),
                t.get("paramsAfter").asLong(), t.get("macRatio").asDouble(), t.get("paramRatio").asDouble(),
                r.get("baselineAccuracy").asDouble(), unfinetuned, r.get("finalAccuracy").asDouble(), r.get("seconds").asDouble());
    }

    private static Map<String, Integer> widthsAfter(Path report) {
        JsonNode r = Json.readFile(report, JsonNode.class);
        Map<String, Integer> widths = new LinkedHashMap<>();
        r.get("widthsAfter").fields().forEachRemaining(e -> widths.put(e.getKey(), e.getValue().asInt()));
        return widths;
    }
}
