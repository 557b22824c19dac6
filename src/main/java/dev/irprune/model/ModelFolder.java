package dev.irprune.model;

import dev.irprune.io.AtomicFiles;
import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model on disk: {@code spec.json} (the architecture and input preprocessing, {@link SpecJson})
 * and {@code weights.safetensors}. Any network, uneven pruned widths included, reloads from it
 * alone. Version-1 folders written by IRPrune 0.1 load too.
 */
public final class ModelFolder {
    public static final String SPEC = "spec.json";
    public static final String WEIGHTS = "weights.safetensors";

    /** A loaded model: its spec and its weights, checked against each other. */
    public record Contents(NetworkSpec spec, Map<String, Tensor> weights) {}

    private ModelFolder() {}

    /** Writes spec and weights into {@code dir} (each file atomically), after checking they match. */
    public static void save(Path dir, NetworkSpec spec, Map<String, Tensor> weights) {
        Weights.check(spec, weights);
        AtomicFiles.write(dir.resolve(WEIGHTS), out -> SafeTensors.write(weights, out));
        Json.writeFile(dir.resolve(SPEC), spec);
    }

    public static NetworkSpec readSpec(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": model folder not found");
        }
        return SpecJson.read(dir.resolve(SPEC));
    }

    public static Contents load(Path dir) {
        NetworkSpec spec = readSpec(dir);
        Path file = dir.resolve(WEIGHTS);
        Map<String, Tensor> weights = SafeTensors.read(file);
        if (SpecJson.isV1(dir.resolve(SPEC))) {
            weights = SpecJson.renameV1(weights);
        }
        try {
            Weights.check(spec, weights);
        } catch (InputException e) {
            throw new InputException(file + ": " + e.getMessage().replaceFirst("^weights: ", ""));
        }
        return new Contents(spec, weights);
    }
}
