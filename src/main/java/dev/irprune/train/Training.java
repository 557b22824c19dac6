package dev.irprune.train;

import ai.djl.ndarray.NDManager;
import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.data.Normalization;
import dev.irprune.io.AtomicFiles;
import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import dev.irprune.io.Progress;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.Network;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Preprocess;
import dev.irprune.model.Tensor;
import dev.irprune.model.Weights;
import dev.irprune.run.Engines;
import dev.irprune.run.RunContext;
import dev.irprune.run.RunProvenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole training run into a model folder: after every epoch a checkpoint, the model
 * ({@code spec.json}, {@code weights.safetensors}), {@code provenance.json} and
 * {@code training.json}, each written whole; resumption from the last completed epoch. A new
 * folder appears whole, at the end of the first epoch, or not at all.
 */
public final class Training {
    private static final Logger LOG = LoggerFactory.getLogger(Training.class);

    private Training() {}

    /** Trains a new network of {@code spec}'s architecture; a standardised input is fitted to the training data. */
    public static TrainingSummary start(NetworkSpec spec, DataConfig dataConfig, DataSplit data, TrainConfig config, RunContext ctx,
            Path out) {
        if (Files.exists(out.resolve(Checkpoint.FOLDER)) || Files.exists(out.resolve(TrainingSummary.FILE))) {
            throw new InputException(out + " already holds a training run: add --resume to continue it, or choose another --out");
        }
        NetworkSpec fitted = spec;
        if (spec.input().preprocess() == Preprocess.STANDARDIZE) {
            Normalization norm = data.normalization();
            fitted = spec.withInput(spec.input().withNormalization(norm.mean(), norm.std()));
        }
        checkData(fitted, data);
        AtomicFiles.checkFolder(out);
        return run(fitted, Weights.initial(fitted, ctx.seed()), null, dataConfig, data, config, ctx, out);
    }

    /** Continues the run in {@code out} up to {@code config.epochs()}, with its recorded device, threads and seed. */
    public static TrainingSummary resume(DataSplit data, TrainingSummary previous, TrainConfig config, Path out) {
        NetworkSpec spec = ModelFolder.readSpec(out);
        checkData(spec, data);
        Checkpoint.Contents ckpt = Checkpoint.read(out);
        return run(spec, ckpt.weights(), ckpt, previous.data(), data, config, previous.context(), out);
    }

    /** Reads the summary of an earlier run in {@code out}. */
    public static TrainingSummary readSummary(Path out) {
        if (!Files.isDirectory(out)) {
            throw new InputException(out + ": model folder not found");
        }
        return Json.readFile(out.resolve(TrainingSummary.FILE), TrainingSummary.class);
    }

    private static TrainingSummary run(NetworkSpec spec, Map<String, Tensor> weights, Checkpoint.Contents ckpt,
            DataConfig dataConfig, DataSplit data, TrainConfig config, RunContext ctx, Path out) {
        Instant started = Instant.now();
        List<EpochStats> history = new ArrayList<>(ckpt == null ? List.of() : ckpt.state().history());
        int first = ckpt == null ? 1 : ckpt.state().epochsDone() + 1;
        if (ckpt != null) {
            LOG.info("resuming {} after epoch {} of {}", out, first - 1, config.epochs());
        }
        boolean whole = !Files.exists(out) || isEmptyFolder(out);
        try (NDManager manager = Engines.manager(ctx); Network net = Network.create(spec, weights, manager);
                Fitter fitter = new Fitter(net, config, ctx.seed())) {
            if (ckpt != null) {
                fitter.optimizer().restore(ckpt.optimizer(), ckpt.state().optimizerSteps());
            }
            Evaluation test = null;
            for (int epoch = first; epoch <= config.epochs(); epoch++) {
                EpochStats stats;
                try (Progress p = Progress.start("epoch " + epoch + "/" + config.epochs(), data.train().size())) {
                    stats = fitter.epoch(data.train(), epoch, p);
                } catch (TrainingDivergedException e) {
                    throw new TrainingDivergedException(e.getMessage() + "; " + (epoch == 1 ? "nothing was saved"
                            : out + " keeps the weights and checkpoint of epoch " + (epoch - 1)));
                }
                test = Evaluator.evaluate(net, data.test());
                stats = stats.withTest(test);
                history.add(stats);
                LOG.info("epoch {}/{}: loss {} acc {}, test acc {} loss {} ({}s)", epoch, config.epochs(),
                        f4(stats.loss()), f4(stats.accuracy()), f4(test.accuracy()), f4(test.loss()), f1(stats.seconds()));
                int done = epoch;
                Collapse.warning(test, spec.classes()).ifPresent(w -> LOG.warn("epoch {}: {}", done, w));
                TrainingSummary summary = summary(spec, dataConfig, data, config, ctx, epoch, history, test, started);
                Checkpoint.State state = new Checkpoint.State(epoch, fitter.optimizer().steps(), history);
                Map<String, Tensor> now = net.weights();
                Map<String, Tensor> moments = fitter.optimizer().state();
                if (whole) {
                    AtomicFiles.writeFolder(out, dir -> write(dir, spec, now, state, moments, summary, dataConfig, config, ctx));
                    whole = false;
                } else {
                    write(out, spec, now, state, moments, summary, dataConfig, config, ctx);
                }
            }
            if (test == null) {
                test = Evaluator.evaluate(net, data.test());
            }
            TrainingSummary s = summary(spec, dataConfig, data, config, ctx, history.size(), history, test, started);
            if (whole) {
                Checkpoint.State state = new Checkpoint.State(history.size(), fitter.optimizer().steps(), history);
                Map<String, Tensor> now = net.weights();
                Map<String, Tensor> moments = fitter.optimizer().state();
                AtomicFiles.writeFolder(out, dir -> write(dir, spec, now, state, moments, s, dataConfig, config, ctx));
            } else {
                Json.writeFile(out.resolve(TrainingSummary.FILE), s);
            }
            return s;
        }
    }

    private static void write(Path dir, NetworkSpec spec, Map<String, Tensor> weights, Checkpoint.State state,
            Map<String, Tensor> moments, TrainingSummary summary, DataConfig dataConfig, TrainConfig config, RunContext ctx) {
        Checkpoint.write(dir, state, weights, moments);
        ModelFolder.save(dir, spec, weights);
        new Provenance("trained", dataConfig, config, ctx.seed()).write(dir);
        Json.writeFile(dir.resolve(TrainingSummary.FILE), summary);
    }

    private static TrainingSummary summary(NetworkSpec spec, DataConfig dataConfig, DataSplit data, TrainConfig config,
            RunContext ctx, int epochsDone, List<EpochStats> history, Evaluation test, Instant started) {
        return new TrainingSummary(spec.arch(), dataConfig, data.name(), data.source(), data.train().size(),
                data.test().size(), config, ctx, epochsDone, List.copyOf(history), test,
                history.stream().mapToDouble(EpochStats::seconds).sum(), RunProvenance.of(ctx, data.files(), started));
    }

    static void checkData(NetworkSpec spec, DataSplit data) {
        dev.irprune.data.Batches.check(data.train(), spec.input());
    }

    private static boolean isEmptyFolder(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return Files.isDirectory(dir) && s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static String f4(double v) {
        return String.format("%.4f", v);
    }

    private static String f1(double v) {
        return String.format("%.1f", v);
    }
}
