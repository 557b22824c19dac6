package dev.irprune.pipeline;

import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.data.Datasets;
import dev.irprune.groups.ChannelGroup;
import dev.irprune.groups.ChannelGroups;
import dev.irprune.io.AtomicFiles;
import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import dev.irprune.model.AddSpec;
import dev.irprune.model.Costs;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.PadChannelsSpec;
import dev.irprune.model.ReferenceFormula;
import dev.irprune.report.GroupReport;
import dev.irprune.report.PruneReport;
import dev.irprune.report.ReportFiles;
import dev.irprune.report.Totals;
import dev.irprune.run.RunProvenance;
import dev.irprune.select.NetworkPlan;
import dev.irprune.select.PolicySpec;
import dev.irprune.train.Provenance;
import dev.irprune.train.TrainConfig;
import dev.irprune.train.Training;
import dev.irprune.train.TrainingSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pruning run from a trained network to the files of its result, resumable: a run that trains
 * its network first records its settings in {@code OUT/.irprune-request.json}, the pipeline
 * checkpoints as it goes ({@link RunCheckpoint}), and {@link #resume} continues a killed run from
 * where it stopped (the base model's training included). Results: {@code OUT/pruned-model/}
 * (written whole), {@code report.json}, {@code data_stats<S><E>}, {@code layers.csv}, charts.
 */
public final class PruneRun {
    /** Where a network trained from scratch is kept, inside the output folder. */
    public static final String BASE_MODEL = "base-model";
    public static final String MODEL = "pruned-model";
    static final String REQUEST = ".irprune-request.json";

    /** What a run that trains its own network first records: the pruning settings and how to train. */
    record Request(PruneRequest prune, NetworkSpec spec, TrainConfig train) {}

    private PruneRun() {}

    /** Prunes the model in {@code req.baseModel()}; an interrupted run in {@code out} must be resumed instead. */
    public static PruneReport run(PruneRequest req, DataSplit data, Path out) {
        if (RunCheckpoint.exists(out) || Files.exists(out.resolve(REQUEST))) {
            throw new InputException(out + " holds an interrupted pruning run: continue it with 'irprune prune --resume --out "
                    + out + "', or choose another --out");
        }
        return prune(req, data, out);
    }

    private static PruneReport prune(PruneRequest req, DataSplit data, Path out) {
        ModelFolder.Contents model = ModelFolder.load(Path.of(req.baseModel()));
        checkBeforeRunning(req, model.spec(), data);
        Pipeline.Result result = Pipeline.run(req, model.spec(), model.weights(), data, out);
        return finish(req, model.spec(), data, result, out);
    }

    /** The reference's "without pre-trained model": train from scratch into {@code out/base-model}, then prune. */
    public static PruneReport trainThenPrune(NetworkSpec spec, TrainConfig train, PruneRequest req, DataSplit data, Path out) {
        Path base = out.resolve(BASE_MODEL);
        if (Files.exists(base)) {
            throw new InputException(base + " already exists: prune it with --model " + base
                    + " (or continue an interrupted run with 'irprune prune --resume --out " + out + "'), or choose another --out");
        }
        if (RunCheckpoint.exists(out) || Files.exists(out.resolve(REQUEST))) {
            throw new InputException(out + " holds an interrupted pruning run: continue it with 'irprune prune --resume --out "
                    + out + "', or choose another --out");
        }
        checkBeforeRunning(req, spec, data);
        Json.writeFile(out.resolve(REQUEST), new Request(req, spec, train));
        Training.start(spec, req.data(), data, train, req.context(), base);
        return prune(req, data, out);
    }

    /** Continues the run in {@code out} with its recorded settings. */
    public static PruneReport resume(Path out) {
        if (RunCheckpoint.exists(out)) {
            RunCheckpoint.Contents ckpt = RunCheckpoint.read(out);
            PruneRequest req = ckpt.state().request();
            NetworkSpec original = ModelFolder.readSpec(Path.of(req.baseModel()));
            DataSplit data = load(req.data(), original);
            Pipeline.Result result = Pipeline.resume(ckpt, data, out);
            return finish(req, original, data, result, out);
        }
        Path recorded = out.resolve(REQUEST);
        if (!Files.exists(recorded)) {
            throw new InputException(out + ": no pruning run to resume"
                    + (Files.exists(out.resolve(ReportFiles.REPORT)) ? " (the run there is complete)" : ""));
        }
        Request r = Json.readFile(recorded, Request.class);
        DataSplit data = load(r.prune().data(), r.spec());
        Path base = out.resolve(BASE_MODEL);
        if (Files.exists(base.resolve(TrainingSummary.FILE))) {
            TrainingSummary s = Training.readSummary(base);
            if (s.epochsDone() < r.train().epochs()) {
                Training.resume(data, s, r.train(), base);
            }
        } else {
            Training.start(r.spec(), r.prune().data(), data, r.train(), r.prune().context(), base);
        }
        return prune(r.prune(), data, out);
    }

    /** Forgets any earlier or interrupted run in {@code out}: its base model, checkpoint and recorded request. */
    public static void forget(Path out) {
        try {
            AtomicFiles.deleteTree(out.resolve(BASE_MODEL));
            AtomicFiles.deleteTree(out.resolve(REQUEST));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot clear " + out + ": " + e.getMessage(), e);
        }
        RunCheckpoint.delete(out);
    }

    /** The data of a run at the network's input size. */
    public static DataSplit load(DataConfig dc, NetworkSpec spec) {
        return Datasets.load(dc, spec.input().height(), spec.input().width());
    }

    /** Checks that can fail, made before any training or pruning starts. */
    static void checkBeforeRunning(PruneRequest req, NetworkSpec spec, DataSplit data) {
        Pipeline.analysisSet(data, req.pruning());
        List<ChannelGroup> groups = ChannelGroups.prunable(spec);
        if (groups.isEmpty()) {
            throw new InputException("the network has no prunable channel group");
        }
        if (req.pruning().criterion().needs().contains(dev.irprune.select.EvidenceKind.BN_SCALES)) {
            for (ChannelGroup g : groups) {
                if (g.batchNorms().isEmpty()) {
                    throw new InputException("--criterion bn-scale needs batch normalisation in every prunable group; "
                            + g.name() + " has none");
                }
            }
        }
        PolicySpec policy = req.pruning().policy();
        if (policy.kind() == PolicySpec.Kind.WIDTHS) {
            for (ChannelGroup g : groups) {
                Integer w = policy.widths().get(g.name());
                if (w == null || w < 1 || w > g.channels()) {
                    throw new InputException(policy.widthsFrom() + ": " + (w == null ? "has no width for group " + g.name()
                            : "keeps " + w + " channels of group " + g.name() + ", which has " + g.channels()));
                }
            }
        }
    }

    private static PruneReport finish(PruneRequest req, NetworkSpec original, DataSplit data, Pipeline.Result result, Path out) {
        PruneReport report = report(req, original, data, result, out);
        Path model = out.resolve(MODEL);
        AtomicFiles.writeFolder(model, dir -> {
            ModelFolder.save(dir, result.spec(), result.weights());
            new Provenance("pruned from " + req.baseModel() + " (" + req.pruning().criterion().cliName() + ", "
                    + req.pruning().policy().describe() + ")", req.data(), req.finetune(), req.context().seed()).write(dir);
        });
        ReportFiles.write(out, report, true);
        try {
            AtomicFiles.deleteTree(out.resolve(REQUEST));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        RunCheckpoint.delete(out);
        return report;
    }

    static PruneReport report(PruneRequest req, NetworkSpec original, DataSplit data, Pipeline.Result result, Path out) {
        Costs before = Costs.of(original);
        Costs after = Costs.of(result.spec());
        List<GroupReport> groups = new ArrayList<>();
        for (GroupReport g : result.groups()) {
            groups.add(g.withCosts(sum(before, g.producers(), true), sum(after, g.producers(), true), sum(before, g.producers(), false),
                    sum(after, g.producers(), false)));
        }
        Totals totals = new Totals(before.totalMacs(), after.totalMacs(), before.params(), after.params(),
                (double) before.totalMacs() / after.totalMacs(), (double) before.params() / after.params(),
                plainChain(original) ? ReferenceFormula.ratio(original, result.spec()) : null);
        PolicySpec policy = req.pruning().policy();
        return new PruneReport(req.pruning().criterion().cliName(), policy.entropy(), policy.similarity(), req.pruning(),
                req.finetune(), req.context(), req.data(),
                new PruneReport.Dataset(data.name(), data.source(), data.train().size(), data.test().size(),
                        Math.min(req.pruning().analysisSamples(), data.train().size())),
                req.baseModel(), out.resolve(MODEL).toString(), original.arch(), widths(original), widths(result.spec()),
                result.baselineAccuracy(), result.finalAccuracy(), totals, List.copyOf(groups),
                new NetworkPlan(req.pruning(), result.plans()), result.seconds(),
                RunProvenance.of(req.context(), data.files(), result.started()));
    }

    /** Channels per prunable group. */
    public static Map<String, Integer> widths(NetworkSpec spec) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (ChannelGroup g : ChannelGroups.prunable(spec)) {
            out.put(g.name(), g.channels());
        }
        return out;
    }

    /** Whether the reference's own MAC formula applies: a plain chain without additions or padded shortcuts. */
    static boolean plainChain(NetworkSpec spec) {
        return spec.nodes().stream().noneMatch(n -> n instanceof AddSpec || n instanceof PadChannelsSpec);
    }

    private static long sum(Costs costs, List<String> nodes, boolean macs) {
        long s = 0;
        for (String n : nodes) {
            s += macs ? costs.node(n).macs() : costs.node(n).params();
        }
        return s;
    }
}
