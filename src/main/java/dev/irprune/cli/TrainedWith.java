package dev.irprune.cli;

import dev.irprune.data.DataConfig;
import dev.irprune.io.Json;
import dev.irprune.train.TrainingSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Defaults taken from how a model was trained ({@code training.json} in its folder): commands
 * that use a trained model evaluate and fine-tune on its data set unless told otherwise.
 */
final class TrainedWith {
    private TrainedWith() {}

    static Optional<TrainingSummary> summary(Path modelDir) {
        Path file = modelDir.resolve(TrainingSummary.FILE);
        return Files.exists(file) ? Optional.of(Json.readFile(file, TrainingSummary.class)) : Optional.empty();
    }

    /** The data options given, with the model's data set (and folder) where {@code --dataset} was not given. */
    static DataConfig data(CommandSpec spec, DataConfig given, Optional<TrainingSummary> trained) {
        if (trained.isEmpty() || given(spec, "--dataset")) {
            return given;
        }
        DataConfig t = trained.get().data();
        Path dir = given.dataDir() != null ? given.dataDir() : t.dataDir();
        return new DataConfig(t.dataset(), dir, given.trainLimit(), given.testLimit());
    }

    static boolean given(CommandSpec spec, String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
