package dev.irprune.cli;

import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.data.Datasets;
import dev.irprune.io.InputException;
import dev.irprune.model.NetworkSpec;
import dev.irprune.train.TrainConfig;
import dev.irprune.train.Training;
import dev.irprune.train.TrainingSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code irprune train}: trains a network into a model folder, with a checkpoint every epoch. */
@Command(header = "Train a network into a model folder (checkpoints, --resume).", name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a network from scratch into a model folder (spec.json, weights.safetensors, training.json), with a checkpoint after every epoch. --resume continues an interrupted run with its recorded settings (only --epochs and --data-dir may change).")
final class TrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin DataOptions data;
    @Mixin ModelOptions model;
    @Mixin TrainOptions train;
    @Mixin RunOptions run;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The model folder to write.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its last completed epoch.")
    boolean resume;

    @Override
    public Integer call() {
        TrainingSummary result;
        if (resume) {
            TrainedWith.reject(spec, "cannot change on --resume: the run continues with its recorded settings",
                    "--dataset", "--train-limit", "--test-limit", "--arch", "--width", "--dense-width", "--batch-norm",
                    "--dropout", "--shortcut", "--batch-size", "--lr", "--seed", "--device", "--threads");
            TrainingSummary previous = Training.readSummary(out);
            DataConfig dc = previous.data();
            if (TrainedWith.given(spec, "--data-dir")) {
                dc = new DataConfig(dc.dataset(), data.config().dataDir(), dc.trainLimit(), dc.testLimit());
            }
            TrainConfig tc = TrainedWith.given(spec, "--epochs") ? previous.config().withEpochs(train.config().epochs()) : previous.config();
            if (previous.epochsDone() >= tc.epochs()) {
                throw new InputException(out + " has already trained " + previous.epochsDone()
                        + " epochs; give --epochs N with a larger N to train further");
            }
            NetworkSpec net = dev.irprune.model.ModelFolder.readSpec(out);
            DataSplit split = Datasets.load(dc, net.input().height(), net.input().width());
            result = Training.resume(split, previous, tc, out);
        } else {
            DataConfig dc = data.config();
            TrainConfig tc = train.config();
            NetworkSpec net = model.spec(dc.dataset().channels(), dc.dataset().classes());
            dev.irprune.io.AtomicFiles.checkFolder(out);
            DataSplit split = Datasets.load(dc, net.input().height(), net.input().width());
            result = Training.start(net, dc, split, tc, run.context(), out);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf("trained %d epochs of %s on %s: test accuracy %.4f, loss %.4f%nmodel: %s%n", result.epochsDone(),
                result.arch(), result.dataset(), result.test().accuracy(), result.test().loss(), out);
        w.flush();
        return 0;
    }
}
