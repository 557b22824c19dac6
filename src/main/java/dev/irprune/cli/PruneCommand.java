package dev.irprune.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.interop.Import;
import dev.irprune.io.AtomicFiles;
import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.pipeline.PruneRequest;
import dev.irprune.pipeline.PruneRun;
import dev.irprune.report.DataStats;
import dev.irprune.report.PruneReport;
import dev.irprune.report.ReportFiles;
import dev.irprune.run.RunContext;
import dev.irprune.select.Criteria;
import dev.irprune.select.PolicySpec;
import dev.irprune.select.PruningConfig;
import dev.irprune.train.Provenance;
import dev.irprune.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code irprune prune [E S]}: the method (or another criterion), end to end, with channels removed physically. */
@Command(header = "Prune by importance, then redundancy (or another criterion), with fine-tuning.", name = "prune",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prune a network channel group by channel group with fine-tuning. The reference rule (the default "
                + "criterion, seed) takes E and S: filters with entropy below E go, then of each pair correlated above S one goes. "
                + "Other criteria (entropy, redundancy, l1, l2, bn-scale, hrank, random) keep a share of each group (--ratio) or "
                + "exactly the widths another run kept (--widths-from its report.json). With --model, prune that trained model; "
                + "without it, first train a network from scratch (into OUT/base-model). A checkpoint after every group and "
                + "fine-tuning epoch lets --resume continue an interrupted run. Writes OUT/report.json, data_stats<S><E> "
                + "(reference rule), layers.csv, layers.png and the pruned model folder OUT/pruned-model.")
final class PruneCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "E", converter = Ranges.Threshold.class, description = "Entropy threshold of the reference rule: filters with entropy below E are pruned (e.g. 0.3).")
    Double entropy;

    @Parameters(index = "1", arity = "0..1", paramLabel = "S", converter = Ranges.Fraction.class, description = "Similarity threshold of the reference rule, in [0, 1]: of a pair correlated above S, one filter is pruned (e.g. 0.8).")
    Double similarity;

    @Option(names = "--criterion", paramLabel = "NAME", defaultValue = "seed",
            description = "seed (the reference rule, with E and S), entropy, redundancy, l1, l2, bn-scale, hrank or random (default: ${DEFAULT-VALUE}).")
    String criterion;

    @Option(names = "--ratio", paramLabel = "R", converter = Ranges.Fraction.class, description = "With a criterion other than seed: keep the best-scored share R of every group's channels, 0 < R <= 1.")
    Double ratio;

    @Option(names = "--widths-from", paramLabel = "REPORT", description = "With a criterion other than seed: keep exactly as many channels per group as the run of this report.json kept (matched architecture).")
    Path widthsFrom;

    @Option(names = "--round-to", paramLabel = "N", defaultValue = "0",
            description = "Keep a multiple of N channels in every pruned group (at least N), keeping back the best-scored of those the rule would remove (default: 0, none).")
    int roundTo;

    @Option(names = "--model", paramLabel = "SOURCE", description = "A trained model folder (the reference's \"with pre-trained model\"), "
            + "or a model to import (a TensorFlow checkpoint folder such as the reference's training_4, a Keras or ONNX file; "
            + "architecture from --arch, default the reference VGG16, --spec or --keras-config), imported into OUT/base-model first.")
    Path modelDir;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Output folder (default: the current folder).")
    Path out;

    @Option(names = "--resume", description = "Continue the interrupted run in --out with its recorded settings.")
    boolean resume;

    @Option(names = "--finetune-epochs", paramLabel = "N", defaultValue = "3", converter = Ranges.Epochs.class, description = "Fine-tuning epochs after each group (default: ${DEFAULT-VALUE}).")
    int finetuneEpochs;

    @Option(names = "--analysis-samples", paramLabel = "N", defaultValue = "10000", converter = Ranges.AtLeastTwo.class,
            description = "Training images on which activations are measured (default: ${DEFAULT-VALUE}).")
    int analysisSamples;

    @Option(names = "--rank-images", paramLabel = "N", defaultValue = "500",
            description = "hrank: images whose feature-map ranks are averaged (default: ${DEFAULT-VALUE}, as HRank).")
    int rankImages;

    @Option(names = "--no-figures", description = "Do not draw the per-group figures.")
    boolean noFigures;

    @Mixin DataOptions data;
    @Mixin ModelOptions model;
    @Mixin SourceOptions src;
    @Mixin TrainOptions train;
    @Mixin RunOptions run;

    @Override
    public Integer call() {
        PruneReport report;
        if (resume) {
            for (String o : spec.commandLine().getParseResult().matchedOptions().stream().map(m -> m.longestName()).toList()) {
                if (!o.equals("--resume") && !o.equals("--out") && !o.equals("--verbose")) {
                    throw new InputException(o + " cannot change on --resume: the run continues with its recorded settings");
                }
            }
            if (entropy != null) {
                throw new InputException("E and S cannot change on --resume: the run continues with its recorded settings");
            }
            report = PruneRun.resume(out);
        } else {
            AtomicFiles.checkFolder(out);
            TrainConfig tc = train.config();
            PruningConfig pc = pruningConfig();
            if (modelDir != null) {
                Path base = modelDir;
                DataSplit split = null;
                if (ModelSource.isFolder(modelDir)) {
                    ModelSource.rejectImportOptions(spec);
                    TrainedWith.reject(spec, "trains a new network and cannot be combined with --model", "--epochs");
                } else {
                    TrainedWith.reject(spec, "trains a new network and does not apply to an imported model", "--epochs");
                    base = out.resolve(PruneRun.BASE_MODEL);
                    split = importInto(base);
                }
                NetworkSpec net = ModelFolder.readSpec(base);
                Optional<Provenance> made = TrainedWith.provenance(base);
                DataConfig dc = TrainedWith.data(spec, data.config(), made);
                TrainedWith.checkChannels(net, dc);
                RunContext ctx = TrainedWith.context(spec, run.context(), made);
                PruneRequest req = request(base.toAbsolutePath().normalize().toString(), dc, pc, TrainedWith.train(spec, tc, made), ctx);
                report = PruneRun.run(req, split != null ? split : PruneRun.load(dc, net), out);
            } else {
                DataConfig dc = data.config();
                NetworkSpec net = model.spec(dc.dataset().channels(), dc.dataset().classes());
                PruneRequest req = request(out.resolve(PruneRun.BASE_MODEL).toAbsolutePath().normalize().toString(), dc, pc, tc,
                        run.context());
                DataSplit split = PruneRun.load(dc, net);
                report = PruneRun.trainThenPrune(net, tc, req, split, out);
            }
        }
        printResult(spec, report, out);
        return 0;
    }

    /**
     * Imports the model {@code --model} names into {@code base} (OUT/base-model, so that --resume
     * finds it), its standardised input fitted to the training images; returns the data loaded.
     */
    private DataSplit importInto(Path base) {
        if (Files.exists(base)) {
            throw new InputException(base + " already exists: prune it with --model " + base
                    + " (or continue an interrupted run with 'irprune prune --resume --out " + out + "'), or choose another --out");
        }
        DataConfig dc = data.config();
        Import.Imported imported = ModelSource.read(spec, modelDir, src, model, dc);
        TrainedWith.checkChannels(imported.spec(), dc);
        DataSplit split = PruneRun.load(dc, imported.spec());
        NetworkSpec net = ModelSource.fitted(imported.spec(), () -> split);
        AtomicFiles.writeFolder(base, dir -> {
            ModelFolder.save(dir, net, imported.weights());
            ModelSource.provenance(imported, dc, run.context().seed()).write(dir);
        });
        return split;
    }

    private PruneRequest request(String base, DataConfig dc, PruningConfig pc, TrainConfig tc, RunContext ctx) {
        try {
            return new PruneRequest(base, dc, pc, tc.withEpochs(finetuneEpochs), ctx, !noFigures);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }

    /** The criterion and policy from E, S, --criterion, --ratio and --widths-from; every wrong combination is bad input. */
    private PruningConfig pruningConfig() {
        try {
            Criteria c = Criteria.parse(criterion);
            int given = (entropy != null ? 1 : 0) + (ratio != null ? 1 : 0) + (widthsFrom != null ? 1 : 0);
            if (given != 1) {
                throw new InputException(given == 0 ? "give E and S (the reference rule), or --ratio R or --widths-from REPORT with another --criterion"
                        : "give only one of E S, --ratio and --widths-from");
            }
            PolicySpec policy;
            if (entropy != null) {
                if (similarity == null) {
                    throw new InputException("the reference rule needs both E and S, e.g. 'irprune prune 0.3 0.8'");
                }
                policy = PolicySpec.thresholds(entropy, similarity);
            } else if (ratio != null) {
                policy = PolicySpec.ratio(ratio);
            } else {
                policy = PolicySpec.widths(widthsOf(widthsFrom), widthsFrom.toString());
            }
            return new PruningConfig(c, policy, roundTo, analysisSamples, rankImages);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }

    /** The channels kept per group in a report.json ({@code plan.groups[].kept}). */
    static Map<String, Integer> widthsOf(Path report) {
        JsonNode tree = Json.readFile(report, JsonNode.class);
        JsonNode groups = tree.path("plan").path("groups");
        if (!groups.isArray() || groups.isEmpty()) {
            throw new InputException(report + ": not an IRPrune report.json with a plan (plan.groups is missing)");
        }
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (JsonNode g : groups) {
            widths.put(g.path("group").asText(), g.path("kept").size());
        }
        return widths;
    }

    static void printResult(CommandSpec spec, PruneReport report, Path out) {
        var w = spec.commandLine().getOut();
        w.print(ReportFiles.summary(report));
        String stats = report.entropyThreshold() == null ? ""
                : out.resolve(DataStats.fileName(report.similarityThreshold(), report.entropyThreshold())) + ", ";
        w.println("results: " + stats + out.resolve(ReportFiles.REPORT) + ", " + out.resolve(ReportFiles.LAYERS) + ", "
                + out.resolve(PruneRun.MODEL));
        w.flush();
    }
}
