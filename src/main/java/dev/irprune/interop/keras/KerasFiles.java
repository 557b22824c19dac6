package dev.irprune.interop.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.interop.FileSignatures;
import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a Keras file, whichever of its layouts ({@link KerasLayout}) it uses: a Keras 2 full model
 * {@code .h5} (root attributes {@code model_config}, {@code keras_version}, {@code backend}; weights
 * in {@code model_weights}), a Keras 2 or Keras 3 weights file ({@code .h5}, {@code .weights.h5}),
 * or a Keras 3 {@code .keras} archive. HDF5 is read by jhdf (pure Java), archives by java.util.zip.
 * Weights stay in Keras' layout; only float32 and float64 weights are accepted (as float32).
 */
public final class KerasFiles {
    private KerasFiles() {}

    /**
     * @throws InputException (one line, naming the file) if the file is missing, neither HDF5 nor zip,
     *     not in a Keras layout, or inconsistent (a listed layer or weight missing, a non-float weight,
     *     a config that is not JSON)
     */
    public static KerasModel read(Path file) {
        byte[] head = FileSignatures.head(file);
        if (FileSignatures.startsWith(head, FileSignatures.ZIP)) {
            return KerasArchive.read(file);
        }
        if (!FileSignatures.startsWith(head, FileSignatures.HDF5)) {
            throw new InputException(file + ": not a Keras file: neither HDF5 (.h5, .weights.h5) nor a zip (.keras)");
        }
        try (HdfFile h5 = new HdfFile(file)) {
            return fromHdf5(h5, Optional.empty(), "", file.toString());
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw corrupt(file.toString(), e);
        }
    }

    /**
     * A failure inside jhdf while walking a file: HDF5 (before format version 2) has no checksums,
     * so damage shows as whatever the library trips over ({@link HdfException}, but also arithmetic
     * or argument errors); all of it is the file's fault.
     */
    static InputException corrupt(String where, RuntimeException e) {
        String why = e instanceof HdfException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new InputException(where + ": unreadable or corrupt HDF5: " + String.valueOf(why).lines().findFirst().orElse(""), e);
    }

    /**
     * The model in an open HDF5 file. A config given from outside (a .keras archive's config.json)
     * orders Keras 3 layers; a Keras 2 full model brings its own.
     */
    static KerasModel fromHdf5(HdfFile h5, Optional<JsonNode> outsideConfig, String kerasVersion, String where) {
        if (h5.getAttribute("model_config") != null) {
            if (!(h5.getChild("model_weights") instanceof Group weights)) {
                throw new InputException(where + ": a Keras 2 model file without model_weights (saved without weights?)");
            }
            Optional<JsonNode> config = Optional.of(json(H5Values.string(h5, "model_config").orElse(""), where, "model_config"));
            return new KerasModel(KerasLayout.KERAS2_MODEL, text(h5, weights, "keras_version"), text(h5, weights, "backend"),
                    config, Keras2Weights.read(weights, config, where));
        }
        if (H5Values.hasList(h5, "layer_names")) {
            return new KerasModel(KerasLayout.KERAS2_WEIGHTS, text(h5, h5, "keras_version"), text(h5, h5, "backend"),
                    Optional.empty(), Keras2Weights.read(h5, Optional.empty(), where));
        }
        if (Keras3Weights.isKeras3(h5)) {
            KerasLayout layout = outsideConfig.isPresent() ? KerasLayout.KERAS3_ARCHIVE : KerasLayout.KERAS3_WEIGHTS;
            return new KerasModel(layout, kerasVersion, "", outsideConfig, Keras3Weights.read(h5, outsideConfig, where));
        }
        throw new InputException(where + ": an HDF5 file, but not in a Keras layout (no model_config, layer_names or layers/)");
    }

    static JsonNode json(String text, String where, String what) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw new InputException(where + ": " + what + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InputException(where + ": " + what + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(HdfFile h5, Group fallback, String name) {
        return H5Values.string(h5, name).or(() -> H5Values.string(fallback, name)).orElse("");
    }
}
