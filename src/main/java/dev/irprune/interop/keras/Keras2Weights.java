package dev.irprune.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.io.InputException;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keras 2's weight layout ({@code keras/src/legacy/saving/legacy_h5_format.py},
 * {@code save_weights_to_hdf5_group}), at a file's root (weights only) or in its
 * {@code model_weights} group (full model): attribute {@code layer_names} gives the layers in model
 * order; each layer's group has attribute {@code weight_names} and the datasets so named, relative
 * to it ({@code conv2d/kernel:0}).
 */
final class Keras2Weights {
    private Keras2Weights() {}

    static List<KerasLayer> read(Group group, Optional<JsonNode> config, String where) {
        Map<String, String> classes = config.map(KerasConfig::classNames).orElse(Map.of());
        List<KerasLayer> layers = new ArrayList<>();
        for (String name : H5Values.strings(group, "layer_names")) {
            Node node = group.getChild(name);
            if (!(node instanceof Group layerGroup)) {
                throw new InputException(where + ": layer '" + name + "' is listed in layer_names but has no group");
            }
            List<KerasWeight> weights = new ArrayList<>();
            for (String weightName : H5Values.strings(layerGroup, "weight_names")) {
                Dataset ds;
                try {
                    ds = layerGroup.getDatasetByPath(weightName);
                } catch (HdfException e) {
                    throw new InputException(where + ": layer '" + name + "': weight '" + weightName
                            + "' is listed in weight_names but missing", e);
                }
                weights.add(new KerasWeight(weightName, H5Values.floats(ds, where)));
            }
            layers.add(new KerasLayer(name, classes.getOrDefault(name, ""), layerGroup.getPath(), weights));
        }
        return layers;
    }
}
