package dev.irprune.train;

import dev.irprune.io.AtomicFiles;
import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import dev.irprune.model.SafeTensors;
import dev.irprune.model.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The state after a completed epoch, in {@code DIR/checkpoint/}: weights, optimiser moments and
 * {@code state.json}. A new checkpoint is written whole into a temporary folder and then renamed
 * into place, so an interruption leaves the previous one intact.
 */
public final class Checkpoint {
    public static final String FOLDER = "checkpoint";
    private static final String PREVIOUS = "checkpoint.previous";
    private static final String PENDING = "checkpoint.pending";

    /** What {@code state.json} holds. */
    public record State(int epochsDone, long optimizerSteps, List<EpochStats> history) {}

    /** A loaded checkpoint. */
    public record Contents(State state, Map<String, Tensor> weights, Map<String, Tensor> optimizer) {}

    private Checkpoint() {}

    public static void write(Path modelDir, State state, Map<String, Tensor> weights, Map<String, Tensor> optimizer) {
        Path pending = modelDir.resolve(PENDING);
        Path current = modelDir.resolve(FOLDER);
        Path previous = modelDir.resolve(PREVIOUS);
        try {
            AtomicFiles.deleteTree(pending);
            Files.createDirectories(pending);
            AtomicFiles.write(pending.resolve("weights.safetensors"), out -> SafeTensors.write(weights, out));
            AtomicFiles.write(pending.resolve("optimizer.safetensors"), out -> SafeTensors.write(optimizer, out));
            Json.writeFile(pending.resolve("state.json"), state);
            AtomicFiles.deleteTree(previous);
            if (Files.exists(current)) {
                Files.move(current, previous);
            }
            Files.move(pending, current);
            AtomicFiles.deleteTree(previous);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint in " + modelDir + ": " + e.getMessage(), e);
        }
    }

    /** The last complete checkpoint in {@code modelDir}; none is an {@link InputException}. */
    public static Contents read(Path modelDir) {
        Path dir = modelDir.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            dir = modelDir.resolve(PREVIOUS);
        }
        if (!Files.isDirectory(dir)) {
            throw new InputException(modelDir + ": no checkpoint to resume from (expected " + modelDir.resolve(FOLDER) + ")");
        }
        State state = Json.readFile(dir.resolve("state.json"), State.class);
        return new Contents(state, SafeTensors.read(dir.resolve("weights.safetensors")),
                SafeTensors.read(dir.resolve("optimizer.safetensors")));
    }
}
