package dev.irprune.train;

import ai.djl.ndarray.NDManager;
import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.data.Normalization;
import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import dev.irprune.io.Progress;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.Network;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Tensor;
import dev.irprune.model.Weights;
import dev.irprune.report.Versions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole training run into a model folder: a checkpoint after every epoch, the model
 * ({@code spec.json}, {@code weights.safetensors}) and {@code training.json} kept current, and
 * resumption from the last completed epoch.
 */
public final class Training {
    private static final Logger LOG = LoggerFactory.getLogger(Training.class);

    private Training() {}

    /** Trains a new network of {@code spec}'s architecture; its input normalisation is fitted to the data. */
    public static TrainingSummary start(NetworkSpec spec, DataConfig dataConfig, DataSplit data, TrainConfig config, Path out) {
        if (Files.exists(out.resolve(Checkpoint.FOLDER)) || Files.exists(out.resolve(TrainingSummary.FILE))) {
            throw new InputException(out + " already holds a training run: add --resume to continue it, or choose another --out");
        }
        Normalization norm = data.normalization();
        NetworkSpec fitted = spec.withInput(spec.input().withNormalization(norm.mean(), norm.std()));
        checkData(fitted, data);
        dev.irprune.io.AtomicFiles.checkFolder(out);
        new Provenance("trained", dataConfig, config).write(out);
        return run(fitted, Weights.initial(fitted, config.seed()), null, dataConfig, data, config, out);
    }

    /** Continues the run in {@code out} up to {@code config.epochs()}. */
    public static TrainingSummary resume(DataSplit data, TrainingSummary previous, TrainConfig config, Path out) {
        NetworkSpec spec = ModelFolder.readSpec(out);
        checkData(spec, data);
        Checkpoint.Contents ckpt = Checkpoint.read(out);
        new Provenance("trained", previous.data(), config).write(out);
        return run(spec, ckpt.weights(), ckpt, previous.data(), data, config, out);
    }

    /** Reads the summary of an earlier run in {@code out}. */
    public static TrainingSummary readSummary(Path out) {
        if (!Files.isDirectory(out)) {
            throw new InputException(out + ": model folder not found");
        }
        return Json.readFile(out.resolve(TrainingSummary.FILE), TrainingSummary.class);
    }

    private static TrainingSummary run(NetworkSpec spec, Map<String, Tensor> weights, Checkpoint.Contents ckpt,
            DataConfig dataConfig, DataSplit data, TrainConfig config, Path out) {
        List<EpochStats> history = new ArrayList<>(ckpt == null ? List.of() : ckpt.state().history());
        int first = ckpt == null ? 1 : ckpt.state().epochsDone() + 1;
        if (ckpt != null) {
            LOG.info("resuming {} after epoch {} of {}", out, first - 1, config.epochs());
        }
        try (NDManager manager = NDManager.newBaseManager(); Network net = Network.create(spec, weights, manager);
                Fitter fitter = new Fitter(net, config)) {
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
                int done = epoch;
                Collapse.warning(test, spec.classes()).ifPresent(w -> LOG.warn("epoch {}: {}", done, w));
                stats = stats.withTest(test);
                history.add(stats);
                LOG.info("epoch {}/{}: loss {} acc {}, test acc {} loss {} ({}s)", epoch, config.epochs(),
                        f4(stats.loss()), f4(stats.accuracy()), f4(test.accuracy()), f4(test.loss()), f1(stats.seconds()));
                Map<String, Tensor> now = net.weights();
                Checkpoint.write(out, new Checkpoint.State(epoch, fitter.optimizer().steps(), history), now,
                        fitter.optimizer().state());
                ModelFolder.save(out, spec, now);
                writeSummary(out, spec, dataConfig, data, config, epoch, history, test);
            }
            if (test == null) {
                test = Evaluator.evaluate(net, data.test());
                ModelFolder.save(out, spec, net.weights());
            }
            return writeSummary(out, spec, dataConfig, data, config, history.size(), history, test);
        }
    }

    private static TrainingSummary writeSummary(Path out, NetworkSpec spec, DataConfig dataConfig, DataSplit data,
            TrainConfig config, int epochsDone, List<EpochStats> history, Evaluation test) {
        TrainingSummary s = new TrainingSummary(spec.arch(), dataConfig, data.name(), data.source(), data.train().size(),
                data.test().size(), config, epochsDone, List.copyOf(history), test,
                history.stream().mapToDouble(EpochStats::seconds).sum(), Versions.current());
        Json.writeFile(out.resolve(TrainingSummary.FILE), s);
        return s;
    }

    static void checkData(NetworkSpec spec, DataSplit data) {
        Batches.check(data.train(), spec.input());
    }

    private static String f4(double v) {
        return String.format("%.4f", v);
    }

    private static String f1(double v) {
        return String.format("%.1f", v);
    }
}
