package dev.irprune.pipeline;

import dev.irprune.io.AtomicFiles;
import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.SafeTensors;
import dev.irprune.model.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A pruning run's checkpoint in {@code OUT/.irprune-run/}: {@code state.json} ({@link RunState}),
 * the current network ({@code spec.json}, {@code weights.safetensors}) and, inside a group's
 * fine-tuning, the optimiser's state ({@code optimizer.safetensors}). Written whole each time (a
 * new folder, then one rename), after the baseline, after each group's removal, after each
 * fine-tuning epoch and after each group, so a kill loses at most one epoch. Removed when the
 * run's results are written.
 */
public final class RunCheckpoint {
    public static final String FOLDER = ".irprune-run";
    private static final String STATE = "state.json";
    private static final String OPTIMIZER = "optimizer.safetensors";

    /** A loaded checkpoint: the state, the network and the optimiser's state (empty between groups). */
    public record Contents(RunState state, NetworkSpec spec, Map<String, Tensor> weights, Map<String, Tensor> optimizer) {}

    private RunCheckpoint() {}

    public static void write(Path out, RunState state, NetworkSpec spec, Map<String, Tensor> weights, Map<String, Tensor> optimizer) {
        AtomicFiles.writeFolder(out.resolve(FOLDER), dir -> {
            ModelFolder.save(dir, spec, weights);
            if (!optimizer.isEmpty()) {
                AtomicFiles.write(dir.resolve(OPTIMIZER), o -> SafeTensors.write(optimizer, o));
            }
            Json.writeFile(dir.resolve(STATE), state);
        });
    }

    /** Whether {@code out} holds a checkpoint (or the previous one, left by a crash during a rename). */
    public static boolean exists(Path out) {
        return Files.isDirectory(folder(out));
    }

    /** The checkpoint in {@code out}; none is an {@link InputException}. */
    public static Contents read(Path out) {
        Path dir = folder(out);
        if (!Files.isDirectory(dir)) {
            throw new InputException(out + ": no pruning run to resume (no " + FOLDER + " folder"
                    + (Files.exists(out.resolve(dev.irprune.report.ReportFiles.REPORT)) ? "; the run there is complete)" : ")"));
        }
        RunState state = Json.readFile(dir.resolve(STATE), RunState.class);
        if (state.version() != RunState.VERSION) {
            throw new InputException(dir + ": a checkpoint of version " + state.version() + ", this IRPrune reads " + RunState.VERSION);
        }
        ModelFolder.Contents net = ModelFolder.load(dir);
        Map<String, Tensor> opt = Files.exists(dir.resolve(OPTIMIZER)) ? SafeTensors.read(dir.resolve(OPTIMIZER)) : Map.of();
        return new Contents(state, net.spec(), net.weights(), opt);
    }

    /** Deletes the checkpoint once the results are written. */
    public static void delete(Path out) {
        try {
            AtomicFiles.deleteTree(out.resolve(FOLDER));
            AtomicFiles.deleteTree(out.resolve("." + FOLDER + ".old"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot remove the checkpoint in " + out + ": " + e.getMessage(), e);
        }
    }

    private static Path folder(Path out) {
        Path dir = out.resolve(FOLDER);
        Path old = out.resolve("." + FOLDER + ".old");
        return Files.isDirectory(dir) || !Files.isDirectory(old) ? dir : old;
    }
}
