package dev.irprune.cli;

import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.data.DatasetName;
import dev.irprune.io.AtomicFiles;
import dev.irprune.io.InputException;
import dev.irprune.model.InputSpec;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Vgg;
import dev.irprune.pipeline.PruneRequest;
import dev.irprune.pipeline.PruneRun;
import dev.irprune.report.PruneReport;
import dev.irprune.run.RunContext;
import dev.irprune.select.PruningConfig;
import dev.irprune.train.TrainConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code irprune demo}: the whole method on the bundled demo data, offline, in a few minutes. */
@Command(header = "The whole method on the bundled demo data, offline, in minutes.", name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the whole method on the bundled demo data (Fashion-MNIST subset, no download): train VGG16 at 1/8 width with batch norm, no dropout, Adam 1e-3, then prune with E 0.3 and S 0.8, fine-tuning after each layer, and write every output of 'irprune prune' (OUT/base-model is replaced).")
final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "irprune-demo", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "2", converter = Ranges.Epochs.class, description = "Training epochs before pruning (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--finetune-epochs", paramLabel = "N", defaultValue = "1", converter = Ranges.Epochs.class, description = "Fine-tuning epochs after each layer (default: ${DEFAULT-VALUE}).")
    int finetuneEpochs;

    @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0", converter = Ranges.ImageLimit.class,
            description = "Use only the first N of the 12,000 training images, for a quicker look (default: 0 = all).")
    int trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", defaultValue = "0", converter = Ranges.ImageLimit.class,
            description = "Use only the first N of the 2,000 test images (default: 0 = all).")
    int testLimit;

    @Option(names = "--analysis-samples", paramLabel = "N", defaultValue = "10000", converter = Ranges.AtLeastTwo.class,
            description = "Training images on which entropy and correlation are measured (default: ${DEFAULT-VALUE}).")
    int analysisSamples;

    @Option(names = "--no-figures", description = "Do not draw the per-layer figures.")
    boolean noFigures;

    @Mixin RunOptions run;

    static final double ENTROPY = 0.3;
    static final double SIMILARITY = 0.8;

    @Override
    public Integer call() throws java.io.IOException {
        TrainConfig tc = TrainConfig.of(epochs, 128, 1e-3);
        RunContext ctx = run.context();
        DataConfig dc;
        PruneRequest req;
        try {
            dc = new DataConfig(DatasetName.DEMO, null, trainLimit, testLimit);
            req = new PruneRequest(out.resolve(PruneRun.BASE_MODEL).toAbsolutePath().normalize().toString(), dc,
                    PruningConfig.seed(ENTROPY, SIMILARITY).withAnalysisSamples(analysisSamples), tc.withEpochs(finetuneEpochs), ctx,
                    !noFigures);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        NetworkSpec net = Vgg.build(new Vgg.Options(Vgg.Arch.VGG16, 0.125, 4096, true, 0, 10), InputSpec.of(1, 32, 32));
        AtomicFiles.checkFolder(out);
        DataSplit split = PruneRun.load(dc, net);
        PruneRun.forget(out); // a fresh demo every time
        PruneReport report = PruneRun.trainThenPrune(net, tc, req, split, out);
        PruneCommand.printResult(spec, report, out);
        return 0;
    }
}
