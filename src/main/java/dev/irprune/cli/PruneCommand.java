package dev.irprune.cli;

import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.data.Datasets;
import dev.irprune.io.AtomicFiles;
import dev.irprune.io.InputException;
import dev.irprune.model.ModelFolder;
import dev.irprune.pipeline.Outputs;
import dev.irprune.pipeline.PruneConfig;
import dev.irprune.pipeline.PruneReport;
import dev.irprune.pipeline.PruneRun;
import dev.irprune.train.TrainConfig;
import dev.irprune.train.Provenance;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code irprune prune E S}: the reference method, end to end, with filters removed physically. */
@Command(header = "Prune by importance, then redundancy, with fine-tuning (the whole method).", name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prune a network by filter importance (entropy < E), then redundancy (|correlation| > S), layer by layer with fine-tuning, as the reference method does. With --model, prune that trained model; without it, first train a network from scratch (into OUT/base-model) with the train options. Writes OUT/data_stats<S><E>, report.json, layers.csv and the pruned model folder OUT/pruned-model.")
final class PruneCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "E", converter = Ranges.Threshold.class, description = "Entropy threshold: filters with entropy below E are pruned (e.g. 0.3).")
    double entropy;

    @Parameters(index = "1", paramLabel = "S", converter = Ranges.Fraction.class, description = "Similarity threshold in [0, 1]: of a pair correlated above S, one filter is pruned (e.g. 0.8).")
    double similarity;

    @Option(names = "--model", paramLabel = "DIR", description = "A trained model folder (the reference's \"with pre-trained model\").")
    Path modelDir;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Output folder (default: the current folder).")
    Path out;

    @Option(names = "--finetune-epochs", paramLabel = "N", defaultValue = "3", converter = Ranges.Epochs.class, description = "Fine-tuning epochs after each layer (default: ${DEFAULT-VALUE}).")
    int finetuneEpochs;

    @Option(names = "--analysis-samples", paramLabel = "N", defaultValue = "10000", converter = Ranges.AtLeastTwo.class,
            description = "Training images on which entropy and correlation are measured (default: ${DEFAULT-VALUE}).")
    int analysisSamples;

    @Mixin DataOptions data;
    @Mixin ModelOptions model;
    @Mixin TrainOptions train;

    @Override
    public Integer call() {
        TrainConfig tc = train.config();
        PruneConfig config = pruneConfig(entropy, similarity, analysisSamples, tc, finetuneEpochs);
        AtomicFiles.checkFolder(out);
        PruneReport report;
        if (modelDir != null) {
            TrainedWith.reject(spec, "describes a new network and cannot be combined with --model",
                    "--arch", "--width", "--dense-width", "--batch-norm", "--dropout", "--epochs");
            ModelFolder.Contents contents = ModelFolder.load(modelDir);
            Optional<Provenance> made = TrainedWith.provenance(modelDir);
            DataConfig dc = TrainedWith.data(spec, data.config(), made);
            TrainedWith.checkChannels(contents.spec(), dc);
            config = pruneConfig(entropy, similarity, analysisSamples, TrainedWith.train(spec, tc, made), finetuneEpochs);
            DataSplit split = Datasets.load(dc);
            report = PruneRun.run(new PruneRun.Request(contents.spec(), contents.weights(), modelDir.toString(), dc, split,
                    config, out));
        } else {
            DataConfig dc = data.config();
            var netSpec = model.spec(dc.dataset());
            DataSplit split = Datasets.load(dc);
            report = PruneRun.trainThenPrune(netSpec, dc, split, tc, config, out);
        }
        printResult(spec, report, out);
        return 0;
    }

    /** The pruning settings; fine-tuning uses {@code tc}'s optimiser settings for {@code finetuneEpochs} epochs. */
    static PruneConfig pruneConfig(double e, double s, int samples, TrainConfig tc, int finetuneEpochs) {
        try {
            return new PruneConfig(e, s, samples, tc.withEpochs(finetuneEpochs));
        } catch (IllegalArgumentException ex) {
            throw new InputException(ex.getMessage());
        }
    }

    static void printResult(CommandSpec spec, PruneReport report, Path out) {
        var w = spec.commandLine().getOut();
        w.print(Outputs.summary(report));
        w.println("results: " + out.resolve(dev.irprune.report.DataStats.fileName(report.similarityThreshold(),
                report.entropyThreshold())) + ", " + out.resolve(Outputs.REPORT) + ", " + out.resolve(Outputs.LAYERS)
                + ", " + out.resolve(Outputs.MODEL));
        w.flush();
    }
}
