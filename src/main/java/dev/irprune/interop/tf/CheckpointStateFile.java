package dev.irprune.interop.tf;

import com.google.protobuf.TextFormat;
import dev.irprune.interop.FileErrors;
import dev.irprune.interop.tf.proto.CheckpointState;
import dev.irprune.io.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code checkpoint} file TensorFlow writes beside its checkpoints: a {@code CheckpointState}
 * message in protobuf text format ({@code tensorflow/python/training/checkpoint_state.proto}), e.g.
 * {@code model_checkpoint_path: "cp.ckpt"}. Fields newer than that message are ignored.
 */
final class CheckpointStateFile {
    private static final TextFormat.Parser PARSER = TextFormat.Parser.newBuilder().setAllowUnknownFields(true).build();

    private CheckpointStateFile() {}

    /**
     * The prefix of the newest checkpoint that {@code file} names, resolved against the file's folder
     * when relative.
     *
     * @throws InputException if the file cannot be read or parsed, or names no checkpoint
     */
    static Path latestPrefix(Path file) {
        CheckpointState.Builder state = CheckpointState.newBuilder();
        try {
            PARSER.merge(Files.readString(file, StandardCharsets.UTF_8), state);
        } catch (TextFormat.ParseException e) {
            throw new InputException(file + ": not a TensorFlow checkpoint state file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw FileErrors.unreadable(file, e);
        }
        String latest = state.getModelCheckpointPath();
        if (latest.isEmpty()) {
            throw new InputException(file + ": names no checkpoint (model_checkpoint_path is empty)");
        }
        return file.toAbsolutePath().getParent().resolve(latest);
    }
}
