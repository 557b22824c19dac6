package dev.irprune.train;

import dev.irprune.data.DataConfig;
import dev.irprune.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a model folder's network was made ({@code provenance.json}): the data it was trained or
 * fine-tuned on, the optimiser settings, and by what ("trained", or "pruned from DIR"). Commands
 * that use the model take their defaults from it.
 */
public record Provenance(String madeBy, DataConfig data, TrainConfig train) {
    public static final String FILE = "provenance.json";

    public void write(Path modelDir) {
        Json.writeFile(modelDir.resolve(FILE), this);
    }

    public static Optional<Provenance> read(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        return Files.exists(file) ? Optional.of(Json.readFile(file, Provenance.class)) : Optional.empty();
    }
}
