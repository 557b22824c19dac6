package dev.irprune.interop;

import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Preprocess;

/**
 * How to import a model from another tool.
 *
 * @param architecture the network the weights belong to (from {@code --arch}, {@code --spec} or
 *     {@code --keras-config}), or null: required for sources without one (TF checkpoints, Keras
 *     weights-only files), ignored by ONNX
 * @param given whether the user chose {@code architecture}: it then replaces a Keras file's own
 *     config; if not, it serves only sources that have none
 * @param preprocess the input preprocessing to record, or null for the source's own (IRPrune's
 *     ONNX metadata, the architecture's spec.json), else {@code scale255} for Keras configs and
 *     ONNX, {@code standardize} for {@code --arch} (the reference's)
 */
public record ImportOptions(NetworkSpec architecture, boolean given, Preprocess preprocess) {
    public ImportOptions {
        if (given && architecture == null) {
            throw new IllegalArgumentException("an architecture said to be given must be there");
        }
    }

    /** The source's own architecture and preprocessing. */
    public static ImportOptions none() {
        return new ImportOptions(null, false, null);
    }
}
