package dev.irprune.cli;

import dev.irprune.model.Preprocess;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How to read a model made by another tool ({@code import}, and {@code --model SOURCE} on eval,
 * prune and export): its architecture when the file has none, and its input preprocessing. The
 * {@code --arch} family ({@link ModelOptions}) is the third way to give the architecture.
 */
final class SourceOptions {
    static final String[] NAMES = {"--spec", "--keras-config", "--preprocess"};

    @Option(names = "--spec", paramLabel = "FILE",
            description = "Imported models: the architecture as an IRPrune spec.json (for TF checkpoints and Keras weights files).")
    Path specFile;

    @Option(names = "--keras-config", paramLabel = "FILE",
            description = "Imported models: the architecture as Keras' model.to_json() of a Sequential model (Conv2D, MaxPooling2D, "
                    + "AveragePooling2D, GlobalAveragePooling2D, Flatten, Dense, Dropout, BatchNormalization, Activation, ReLU, InputLayer).")
    Path kerasConfig;

    @Option(names = "--preprocess", paramLabel = "KIND", converter = PreprocessConverter.class,
            description = "Imported models: how pixel bytes become inputs: standardize (the reference's (x/255 - mean) / std, "
                    + "mean and std fitted on the training images), scale255 (x/255) or none. Default: the source's own "
                    + "(IRPrune's ONNX metadata, the --spec file), else scale255, and standardize with --arch.")
    Preprocess preprocess;

    static final class PreprocessConverter implements ITypeConverter<Preprocess> {
        @Override
        public Preprocess convert(String value) {
            try {
                return Preprocess.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
