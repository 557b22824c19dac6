package dev.irprune.interop.tf;

import dev.irprune.interop.keras.KerasWeightMapping;
import dev.irprune.io.InputException;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Keras TensorFlow checkpoint ({@link KerasCheckpoint}: {@code ModelCheckpoint(save_weights_only=True)},
 * {@code model.save_weights}, a SavedModel's variables) as an IRPrune network. A checkpoint holds
 * no architecture: it is given ({@code --arch}, {@code --spec}, {@code --keras-config}), and the
 * checkpoint's layers with weights ({@code layer_with_weights-N} or {@code layer-N}, in order of N)
 * go onto its nodes with weights by order and shape ({@link KerasWeightMapping}); optimizer state
 * is left out. Every tensor read is checked against its CRC-32C.
 */
public final class CheckpointImport {
    private CheckpointImport() {}

    /**
     * @param source a prefix ({@code .../cp.ckpt}), its index, a folder with a {@code checkpoint}
     *     file, or a SavedModel (variables) folder
     * @throws InputException (one line) if there is no readable checkpoint, no Keras model
     *     variables in it, no architecture, or a tensor does not fit the architecture
     */
    public static ModelFolder.Contents read(Path source, NetworkSpec architecture) {
        TensorBundle bundle = TensorBundle.open(source);
        KerasCheckpoint k = KerasCheckpoint.of(bundle);
        String where = bundle.prefix().toString();
        if (k.layers().isEmpty()) {
            throw new InputException(where + ": no Keras model variables (layer_with_weights-N/... or layer-N/...)"
                    + (k.otherKeys().isEmpty() ? "" : "; its keys look like " + k.otherKeys().get(0) + " (a TF1 checkpoint?)"));
        }
        if (architecture == null) {
            throw new InputException(where + ": a TensorFlow checkpoint holds no architecture: give it with --arch, --spec or --keras-config");
        }
        List<KerasWeightMapping.Layer> layers = new ArrayList<>();
        for (CheckpointLayer l : k.layers()) {
            layers.add(new KerasWeightMapping.Layer(l.id(), l.variables().stream()
                    .map(v -> new KerasWeightMapping.Named(v.name(), bundle.tensor(v.key()))).toList()));
        }
        return KerasWeightMapping.onto(architecture, layers, where);
    }
}
