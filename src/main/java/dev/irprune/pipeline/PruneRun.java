package dev.irprune.pipeline;

import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.model.Costs;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.ReferenceFormula;
import dev.irprune.model.Tensor;
import dev.irprune.report.LayerReport;
import dev.irprune.report.Totals;
import dev.irprune.report.Versions;
import dev.irprune.select.PruningPlan;
import dev.irprune.train.TrainConfig;
import dev.irprune.train.Training;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One pruning run from a trained network to the files of its result. */
public final class PruneRun {
    /** A trained network, where it came from, its data, and how to prune it. */
    public record Request(NetworkSpec spec, Map<String, Tensor> weights, String baseModel, DataConfig dataConfig,
            DataSplit data, PruneConfig config, Path out) {}

    /** Where a network trained from scratch is kept, inside the output folder. */
    public static final String BASE_MODEL = "base-model";

    private PruneRun() {}

    public static PruneReport run(Request req) {
        long start = System.nanoTime();
        Pipeline.Result result = Pipeline.run(req.spec(), req.weights(), req.data(), req.config());
        Costs before = Costs.of(req.spec());
        Costs after = Costs.of(result.spec());
        List<LayerReport> layers = new ArrayList<>();
        for (LayerReport l : result.layers()) {
            var b = before.layer(l.layer());
            var a = after.layer(l.layer());
            layers.add(l.withCosts(b.macs(), a.macs(), b.params(), a.params()));
        }
        Totals totals = new Totals(before.totalMacs(), after.totalMacs(), before.params(), after.params(),
                (double) before.totalMacs() / after.totalMacs(), (double) before.params() / after.params(),
                ReferenceFormula.ratio(req.spec(), result.spec()));
        PruneConfig c = req.config();
        DataSplit d = req.data();
        PruneReport report = new PruneReport(c.entropy(), c.similarity(), c, c.finetune().seed(), req.dataConfig(),
                new PruneReport.Dataset(d.name(), d.source(), d.train().size(), d.test().size(),
                        Math.min(c.analysisSamples(), d.train().size())),
                req.baseModel(), req.out().resolve(Outputs.MODEL).toString(), req.spec().arch(), widths(req.spec()),
                widths(result.spec()), result.baselineAccuracy(), result.finalAccuracy(), totals, List.copyOf(layers),
                new PruningPlan(c.entropy(), c.similarity(), result.plans()), (System.nanoTime() - start) / 1e9,
                Versions.current());
        Outputs.write(req.out(), result, report);
        return report;
    }

    /** The reference's "without pre-trained model": train from scratch into {@code out/base-model}, then prune. */
    public static PruneReport trainThenPrune(NetworkSpec spec, DataConfig dataConfig, DataSplit data, TrainConfig train,
            PruneConfig config, Path out) {
        Path base = out.resolve(BASE_MODEL);
        if (java.nio.file.Files.exists(base)) {
            throw new dev.irprune.io.InputException(base + " already exists: prune it with --model " + base
                    + " (if its training was interrupted, first finish it with 'irprune train --resume --out " + base
                    + "'), or choose another --out");
        }
        Training.start(spec, dataConfig, data, train, base);
        ModelFolder.Contents trained = ModelFolder.load(base);
        return run(new Request(trained.spec(), trained.weights(), base.toString(), dataConfig, data, config, out));
    }

    static Map<String, Integer> widths(NetworkSpec spec) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String name : spec.prunableLayers()) {
            out.put(name, spec.width(name));
        }
        return out;
    }
}
