package dev.irprune.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.data.DataConfig;
import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a model folder's network was made ({@code provenance.json}): the data it was trained or
 * fine-tuned on, the optimiser settings and seed, and by what ("trained", "pruned from DIR",
 * "imported from FILE"). Commands that use the model take their defaults from it.
 *
 * @param data null for a model made elsewhere (imported) with no data set known
 */
public record Provenance(String madeBy, DataConfig data, TrainConfig train, long seed) {
    public static final String FILE = "provenance.json";

    public void write(Path modelDir) {
        Json.writeFile(modelDir.resolve(FILE), this);
    }

    /** The folder's provenance, if it has one (files of IRPrune 0.1, with the seed in the training settings, read too). */
    public static Optional<Provenance> read(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(file.toFile());
            long seed = tree.has("seed") ? tree.get("seed").asLong() : tree.path("train").path("seed").asLong(0);
            DataConfig data = tree.path("data").isNull() || tree.path("data").isMissingNode() ? null
                    : Json.MAPPER.treeToValue(tree.get("data"), DataConfig.class);
            TrainConfig train = tree.path("train").isObject() ? Json.MAPPER.treeToValue(tree.get("train"), TrainConfig.class) : null;
            return Optional.of(new Provenance(tree.path("madeBy").asText(""), data, train, seed));
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException(file + ": unreadable: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
