package dev.irprune.interop;

import dev.irprune.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kinds of model a path can point at, told from the files themselves: an IRPrune model folder
 * ({@code spec.json}), a TensorFlow checkpoint (a prefix with {@code .index} beside it, the index
 * or a data shard, a folder with a {@code checkpoint} file or SavedModel variables), a Keras file
 * (HDF5 signature: {@code .h5}, {@code .weights.h5}; zip signature: {@code .keras}) or an ONNX
 * model ({@code .onnx}, or a protobuf starting with {@code ir_version}).
 */
public enum SourceFormat {
    MODEL_FOLDER("IRPrune model folder"),
    TF_CHECKPOINT("TensorFlow checkpoint"),
    KERAS("Keras file"),
    ONNX("ONNX model");

    private final String label;

    SourceFormat(String label) {
        this.label = label;
    }

    /** For people: "TensorFlow checkpoint", ... */
    public String label() {
        return label;
    }

    /**
     * What {@code path} holds.
     *
     * @throws InputException (one line) if it does not exist, or is none of these
     */
    public static SourceFormat of(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve("spec.json"))) {
                return MODEL_FOLDER;
            }
            if (Files.isRegularFile(path.resolve("checkpoint")) || Files.isRegularFile(path.resolve("variables.index"))
                    || Files.isRegularFile(path.resolve("variables/variables.index"))) {
                return TF_CHECKPOINT;
            }
            throw new InputException(path + ": a folder with neither spec.json (an IRPrune model) nor a TensorFlow checkpoint "
                    + "(a 'checkpoint' file, variables.index, variables/variables.index)");
        }
        if (Files.isRegularFile(path.resolveSibling(name + ".index")) || name.endsWith(".index")
                || name.matches(".*\\.data-\\d{5}-of-\\d{5}")) {
            return TF_CHECKPOINT;
        }
        if (!Files.exists(path)) {
            throw new InputException(path + ": no such file or folder");
        }
        byte[] head = FileSignatures.head(path);
        if (FileSignatures.startsWith(head, FileSignatures.HDF5) || FileSignatures.startsWith(head, FileSignatures.ZIP)) {
            return KERAS;
        }
        if (name.endsWith(".onnx") || (head.length > 0 && head[0] == 0x08)) {
            return ONNX;
        }
        throw new InputException(path + ": not a model IRPrune can read: expected an IRPrune model folder, a TensorFlow "
                + "checkpoint (prefix, .index, or a folder with a 'checkpoint' file), a Keras .h5/.weights.h5/.keras file "
                + "or an .onnx file");
    }
}
