package dev.irprune.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.data.DatasetName;
import dev.irprune.data.Datasets;
import dev.irprune.interop.Import;
import dev.irprune.interop.ImportOptions;
import dev.irprune.interop.SourceFormat;
import dev.irprune.interop.keras.KerasSequential;
import dev.irprune.interop.onnx.OnnxMetadata;
import dev.irprune.interop.onnx.OnnxReader;
import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import dev.irprune.model.InputSpec;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Preprocess;
import dev.irprune.model.SpecJson;
import dev.irprune.model.Tensor;
import dev.irprune.train.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code --model SOURCE} names on eval, prune and export, and what {@code import} reads: an
 * IRPrune model folder, used as it is, or a model made by another tool (TF checkpoint, Keras file,
 * ONNX: {@link Import}), read with the architecture and preprocessing options
 * ({@link SourceOptions}, {@link ModelOptions}). Those options apply to imported models only.
 */
final class ModelSource {
    private ModelSource() {}

    /**
     * A model ready to use.
     *
     * @param spec its spec, a standardised input fitted to the training images if it was not
     * @param data the data to use: the options given, with a model folder's (or an IRPrune ONNX
     *     file's) data set where {@code --dataset} was not given
     * @param dataKnown whether the model's data set is known (recorded, or given)
     * @param made a model folder's provenance
     * @param folder the model folder, or null for an imported model
     */
    record Loaded(NetworkSpec spec, Map<String, Tensor> weights, DataConfig data, boolean dataKnown, Optional<Provenance> made,
            Path folder, String madeBy) {}

    /** Loads a model folder as it is, or imports another source (see {@link #read}). */
    static Loaded load(CommandSpec cmd, Path source, SourceOptions src, ModelOptions model, DataConfig given) {
        if (isFolder(source)) {
            rejectImportOptions(cmd);
            ModelFolder.Contents c = ModelFolder.load(source);
            Optional<Provenance> made = TrainedWith.provenance(source);
            boolean known = TrainedWith.given(cmd, "--dataset") || made.map(p -> p.data() != null).orElse(false);
            return new Loaded(c.spec(), c.weights(), TrainedWith.data(cmd, given, made), known, made, source,
                    made.map(Provenance::madeBy).filter(s -> !s.isEmpty()).orElse("model folder " + source));
        }
        DataConfig dc = data(cmd, given, source);
        Import.Imported imported = read(cmd, source, src, model, dc);
        NetworkSpec spec = fitted(imported.spec(), () -> {
            TrainedWith.checkChannels(imported.spec(), dc);
            return Datasets.load(dc, imported.spec().input().height(), imported.spec().input().width());
        });
        boolean known = TrainedWith.given(cmd, "--dataset") || dc != given;
        return new Loaded(spec, imported.weights(), dc, known, Optional.empty(), null, imported.describe());
    }

    /** Whether {@code source} is an IRPrune model folder (else it is imported; unrecognised sources fail here). */
    static boolean isFolder(Path source) {
        return SourceFormat.of(source) == SourceFormat.MODEL_FOLDER;
    }

    /** Fails if an option for imported models was given with a model folder. */
    static void rejectImportOptions(CommandSpec cmd) {
        TrainedWith.reject(cmd, "applies to imported models, not to a model folder (its spec.json says it all)", SourceOptions.NAMES);
        TrainedWith.reject(cmd, "describes a new network and cannot be combined with a model folder", archOptions());
    }

    /**
     * Imports {@code source} (not a model folder) as the options say; the {@code --arch} network
     * (default: the reference VGG16) is for {@code dc}'s images and classes.
     */
    static Import.Imported read(CommandSpec cmd, Path source, SourceOptions src, ModelOptions model, DataConfig dc) {
        boolean arch = java.util.Arrays.stream(archOptions()).anyMatch(o -> TrainedWith.given(cmd, o));
        int given = (src.specFile != null ? 1 : 0) + (src.kerasConfig != null ? 1 : 0) + (arch ? 1 : 0);
        if (given > 1) {
            throw new InputException("give the architecture one way: --arch (and --width, ...), --spec or --keras-config");
        }
        ImportOptions options;
        if (src.specFile != null) {
            options = new ImportOptions(SpecJson.read(src.specFile), true, src.preprocess);
        } else if (src.kerasConfig != null) {
            options = new ImportOptions(KerasSequential.toSpec(kerasJson(src.kerasConfig), src.kerasConfig.toString()), true, src.preprocess);
        } else {
            options = new ImportOptions(model.spec(dc.dataset().channels(), dc.dataset().classes()), arch, src.preprocess);
        }
        return Import.read(source, options);
    }

    /** The data options given, with the data set an IRPrune ONNX file names where {@code --dataset} was not given. */
    static DataConfig data(CommandSpec cmd, DataConfig given, Path source) {
        if (TrainedWith.given(cmd, "--dataset") || SourceFormat.of(source) != SourceFormat.ONNX) {
            return given;
        }
        Optional<String> named = OnnxMetadata.get(OnnxReader.read(source), OnnxMetadata.DATASET);
        return named.map(d -> new DataConfig(DatasetName.parse(d), given.dataDir(), given.trainLimit(), given.testLimit())).orElse(given);
    }

    /**
     * The spec with a standardised input fitted to the training images, when it is not fitted yet
     * (mean 0 and std 1, as an {@code --arch} network or a source without statistics has).
     */
    static NetworkSpec fitted(NetworkSpec spec, Supplier<DataSplit> training) {
        InputSpec in = spec.input();
        if (in.preprocess() != Preprocess.STANDARDIZE || in.mean() != 0 || in.std() != 1) {
            return spec;
        }
        DataSplit split = training.get();
        if (split.normalization() == null) {
            throw new InputException("--preprocess standardize needs the training images' mean and std: give a data set with "
                    + "training images (--dataset, --data-dir)");
        }
        return spec.withInput(in.withNormalization(split.normalization().mean(), split.normalization().std()));
    }

    /** The provenance of an imported model. */
    static Provenance provenance(Import.Imported imported, DataConfig dc, long seed) {
        return new Provenance(imported.describe(), dc, null, seed);
    }

    private static String[] archOptions() {
        return new String[] {"--arch", "--width", "--dense-width", "--batch-norm", "--dropout", "--shortcut"};
    }

    /** The JSON of a Keras config file; a file holding the JSON as a string (json.dump of to_json()) works too. */
    private static JsonNode kerasJson(Path file) {
        try {
            JsonNode tree = Json.MAPPER.readTree(Files.readString(file));
            tree = tree != null && tree.isTextual() ? Json.MAPPER.readTree(tree.asText()) : tree;
            if (tree == null || !tree.isObject()) {
                throw new InputException(file + ": not a Keras model config (a JSON object with class_name and config)");
            }
            return tree;
        } catch (IOException e) {
            throw e instanceof java.nio.file.NoSuchFileException ? new InputException(file + ": file not found")
                    : new InputException(file + ": not a Keras config (JSON): " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
