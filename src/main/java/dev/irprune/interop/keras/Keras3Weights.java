package dev.irprune.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.io.InputException;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Keras 3's weight layout ({@code keras/src/saving/saving_lib.py}, {@code _save_state} and
 * {@code H5IOStore}): each layer's variables are datasets {@code 0, 1, ...} in
 * {@code layers/<path>/vars} (trainable first, then non-trainable). With the model config the
 * layers come in model order and the paths follow Keras' naming (see {@link KerasConfig});
 * without it (a bare {@code .weights.h5}) they come in the file's link order, which for h5py's
 * default files is name order, and are named by the {@code name} attribute Keras 3.10+ writes,
 * else by their path. Files of tf.keras 2.13 name the container {@code _layer_checkpoint_dependencies}.
 */
final class Keras3Weights {
    static final String LEGACY_CONTAINER = "_layer_checkpoint_dependencies";

    private Keras3Weights() {}

    static boolean isKeras3(Group root) {
        return root.getChild("layers") instanceof Group || root.getChild(LEGACY_CONTAINER) instanceof Group;
    }

    static List<KerasLayer> read(Group root, Optional<JsonNode> config, String where) {
        List<KerasLayer> layers = new ArrayList<>();
        if (config.isPresent()) {
            boolean legacy = !(root.getChild("layers") instanceof Group) && root.getChild(LEGACY_CONTAINER) instanceof Group;
            for (KerasConfig.LayerRef ref : KerasConfig.keras3Layers(config.get())) {
                String path = legacy ? ref.path().replace("/layers/", "/" + LEGACY_CONTAINER + "/") : ref.path();
                Group g = group(root, path);
                layers.add(new KerasLayer(ref.name(), ref.className(), g == null ? "" : path, g == null ? List.of() : vars(g, where)));
            }
            return layers;
        }
        Node container = root.getChild("layers") instanceof Group ? root.getChild("layers") : root.getChild(LEGACY_CONTAINER);
        for (Node n : (Group) container) {
            if (n instanceof Group g) {
                Node v = g.getChild("vars");
                String name = v == null ? g.getName() : H5Values.string(v, "name").orElse(g.getName());
                layers.add(new KerasLayer(name, "", g.getPath(), vars(g, where)));
            }
        }
        return layers;
    }

    private static Group group(Group root, String path) {
        try {
            return root.getByPath(path.substring(1)) instanceof Group g ? g : null;
        } catch (HdfException e) {
            return null;
        }
    }

    private static List<KerasWeight> vars(Group layer, String where) {
        if (!(layer.getChild("vars") instanceof Group vars)) {
            return List.of();
        }
        List<Dataset> datasets = new ArrayList<>();
        for (Node n : vars) {
            if (n instanceof Dataset d) {
                datasets.add(d);
            }
        }
        datasets.sort(Comparator.comparingLong((Dataset d) -> index(d.getName())).thenComparing(Dataset::getName));
        List<KerasWeight> out = new ArrayList<>();
        for (Dataset d : datasets) {
            if (index(d.getName()) == Long.MAX_VALUE) {
                throw new InputException(where + ": " + d.getPath() + ": a Keras 3 variable is named by its index, not '" + d.getName() + "'");
            }
            out.add(new KerasWeight("vars/" + d.getName(), H5Values.floats(d, where)));
        }
        return out;
    }

    private static long index(String name) {
        return name.matches("\\d{1,9}") ? Long.parseLong(name) : Long.MAX_VALUE;
    }
}
