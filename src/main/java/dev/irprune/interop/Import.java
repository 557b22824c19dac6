package dev.irprune.interop;

import dev.irprune.interop.keras.KerasImport;
import dev.irprune.interop.onnx.OnnxImport;
import dev.irprune.interop.tf.CheckpointImport;
import dev.irprune.io.InputException;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import java.nio.file.Path;

/**
 * A model made by another tool as an IRPrune network: the source's format is told from its files
 * ({@link SourceFormat}), then read by its importer ({@link CheckpointImport}, {@link KerasImport},
 * {@link OnnxImport}); an IRPrune model folder loads as it is. The input preprocessing recorded is
 * {@link ImportOptions#preprocess()} if given.
 */
public final class Import {
    private Import() {}

    /** An imported network: spec, weights (checked against each other), and where it came from. */
    public record Imported(NetworkSpec spec, java.util.Map<String, dev.irprune.model.Tensor> weights, SourceFormat format, Path source) {
        /** For provenance.json: "imported from /abs/path (TensorFlow checkpoint)". */
        public String describe() {
            return "imported from " + source.toAbsolutePath().normalize() + " (" + format.label() + ")";
        }
    }

    /**
     * @throws InputException (one line) if the source cannot be recognised or read, or does not fit
     *     its architecture
     */
    public static Imported read(Path source, ImportOptions options) {
        SourceFormat format = SourceFormat.of(source);
        ModelFolder.Contents c = switch (format) {
            case MODEL_FOLDER -> ModelFolder.load(source);
            case TF_CHECKPOINT -> CheckpointImport.read(source, options.architecture());
            case KERAS -> KerasImport.read(source, options.architecture(), options.given());
            case ONNX -> OnnxImport.read(source);
        };
        NetworkSpec spec = c.spec();
        if (options.preprocess() != null && format != SourceFormat.MODEL_FOLDER) {
            spec = spec.withInput(spec.input().withPreprocess(options.preprocess()));
        }
        return new Imported(spec, c.weights(), format, source);
    }
}
