package dev.irprune.cli;

import dev.irprune.data.DataConfig;
import dev.irprune.io.InputException;
import dev.irprune.model.NetworkSpec;
import dev.irprune.run.RunContext;
import dev.irprune.train.Provenance;
import dev.irprune.train.TrainConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Defaults a model folder brings ({@code provenance.json}): commands that use a trained or pruned
 * model evaluate and fine-tune on its data set, with its optimiser settings, unless told otherwise.
 */
final class TrainedWith {
    private TrainedWith() {}

    static Optional<Provenance> provenance(Path modelDir) {
        return Provenance.read(modelDir);
    }

    /** The data options given, with the model's data set (and folder) where {@code --dataset} was not given. */
    static DataConfig data(CommandSpec spec, DataConfig given, Optional<Provenance> made) {
        if (made.isEmpty() || made.get().data() == null || given(spec, "--dataset")) {
            return given;
        }
        DataConfig t = made.get().data();
        Path dir = given.dataDir() != null ? given.dataDir() : t.dataDir();
        return new DataConfig(t.dataset(), dir, given.trainLimit(), given.testLimit());
    }

    /** The training options given, each one not given taken from the model's own settings. */
    static TrainConfig train(CommandSpec spec, TrainConfig given, Optional<Provenance> made) {
        if (made.isEmpty() || made.get().train() == null) {
            return given;
        }
        TrainConfig t = made.get().train();
        return new TrainConfig(given.epochs(),
                given(spec, "--batch-size") ? given.batchSize() : t.batchSize(),
                given(spec, "--lr") ? given.learningRate() : t.learningRate(),
                t.beta1(), t.beta2(), t.epsilon());
    }

    /** The run context given, with the model's seed where {@code --seed} was not given. */
    static RunContext context(CommandSpec spec, RunContext given, Optional<Provenance> made) {
        if (made.isEmpty() || given(spec, "--seed")) {
            return given;
        }
        return given.withSeed(made.get().seed());
    }

    /** Fails before any data is read if the data set's images cannot feed the network. */
    static void checkChannels(NetworkSpec net, DataConfig dc) {
        int c = dc.dataset().channels();
        int size = dc.dataset().size();
        if (c != net.input().channels() || size > net.input().height() || size > net.input().width()) {
            throw new InputException("the model expects " + net.input().shape() + " images but " + dc.dataset().cliName()
                    + " has " + c + "x" + size + "x" + size + "; choose the data set with --dataset");
        }
        if (net.classes() != dc.dataset().classes()) {
            throw new InputException("the model has " + net.classes() + " classes but " + dc.dataset().cliName() + " has "
                    + dc.dataset().classes());
        }
    }

    /** Fails if any of {@code options} was given: they do not apply in this use of the command. */
    static void reject(CommandSpec spec, String why, String... options) {
        for (String o : options) {
            if (given(spec, o)) {
                throw new InputException(o + " " + why);
            }
        }
    }

    static boolean given(CommandSpec spec, String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
