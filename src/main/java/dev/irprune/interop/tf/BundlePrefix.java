package dev.irprune.interop.tf;

import dev.irprune.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Finds a tensor bundle's prefix (the path before {@code .index} and {@code .data-NNNNN-of-NNNNN},
 * as in TensorFlow's {@code naming.cc}) from what a user points at: the prefix itself
 * ({@code .../cp.ckpt}), its index or a data file, a folder holding a {@code checkpoint} state file
 * (its {@code model_checkpoint_path}, relative to that folder or absolute), a SavedModel's
 * {@code variables} folder, or a SavedModel folder.
 */
final class BundlePrefix {
    private static final Pattern DATA_SUFFIX = Pattern.compile("\\.data-\\d{5}-of-\\d{5}$");

    private BundlePrefix() {}

    static Path indexOf(Path prefix) {
        return prefix.resolveSibling(prefix.getFileName() + ".index");
    }

    /**
     * @throws InputException if {@code path} is none of those, or names a checkpoint whose index is missing
     */
    static Path resolve(Path path) {
        if (path.getFileName() != null && Files.isRegularFile(indexOf(path))) {
            return path;
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (Files.isRegularFile(path) && name.endsWith(".index")) {
            return path.resolveSibling(name.substring(0, name.length() - ".index".length()));
        }
        if (Files.isRegularFile(path) && DATA_SUFFIX.matcher(name).find()) {
            return resolve(path.resolveSibling(DATA_SUFFIX.matcher(name).replaceFirst("")));
        }
        if (Files.isDirectory(path)) {
            Path state = path.resolve("checkpoint");
            if (Files.isRegularFile(state)) {
                Path prefix = CheckpointStateFile.latestPrefix(state);
                if (!Files.isRegularFile(indexOf(prefix))) {
                    throw new InputException(state + ": names checkpoint " + prefix + ", but " + indexOf(prefix) + " is missing");
                }
                return prefix;
            }
            for (Path candidate : new Path[] {path.resolve("variables"), path.resolve("variables").resolve("variables")}) {
                if (Files.isRegularFile(indexOf(candidate))) {
                    return candidate;
                }
            }
            throw new InputException(path + ": no TensorFlow checkpoint in this folder (looked for a 'checkpoint' file, "
                    + "variables.index and variables/variables.index)");
        }
        throw new InputException(path + ": no TensorFlow checkpoint here (neither " + indexOf(path) + " nor a folder)");
    }
}
