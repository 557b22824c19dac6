package dev.irprune.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a serialized Keras model config that locate weights: the list of layers (Keras 2
 * and 3 {@code {"class_name", "config": {"layers": [...]}}}, or the bare list of early Keras 2
 * Sequential configs), each layer's name and class, and the HDF5 path Keras 3 stores a layer's
 * variables under ({@code keras/src/saving/saving_lib.py}: a model's layers are the container
 * {@code layers}, whose items are named by {@code naming.to_snake_case} of their class, numbered
 * per name in model order: {@code conv2d}, {@code conv2d_1}, ...; not by the layer's own name).
 */
final class KerasConfig {
    private static final Set<String> MODELS = Set.of("Sequential", "Functional", "Model");

    private KerasConfig() {}

    /** A layer of the config with where Keras 3 keeps its variables. */
    record LayerRef(String name, String className, String path) {}

    static List<JsonNode> layers(JsonNode model) {
        JsonNode config = model.path("config");
        JsonNode layers = config.isArray() ? config : config.path("layers");
        List<JsonNode> out = new ArrayList<>();
        layers.forEach(out::add);
        return out;
    }

    static String name(JsonNode layer) {
        JsonNode n = layer.path("config").path("name");
        return n.isTextual() ? n.asText() : layer.path("name").asText("");
    }

    static String className(JsonNode layer) {
        return layer.path("class_name").asText("");
    }

    /** Layer name to class name, over the top-level layers. */
    static Map<String, String> classNames(JsonNode model) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode l : layers(model)) {
            out.put(name(l), className(l));
        }
        return out;
    }

    /**
     * The layers of {@code model} as its {@code model.layers} lists them (a Sequential's leading
     * InputLayer left out), nested models expanded into their layers, with Keras 3 variable paths.
     */
    static List<LayerRef> keras3Layers(JsonNode model) {
        List<LayerRef> out = new ArrayList<>();
        collect(model, "/layers", "", out);
        return out;
    }

    private static void collect(JsonNode model, String container, String namePrefix, List<LayerRef> out) {
        List<JsonNode> layers = layers(model);
        if ("Sequential".equals(className(model)) && !layers.isEmpty() && "InputLayer".equals(className(layers.get(0)))) {
            layers = layers.subList(1, layers.size());
        }
        Map<String, Integer> used = new HashMap<>();
        for (JsonNode layer : layers) {
            String path = container + "/" + uniqueName(snakeCase(className(layer)), used);
            String name = namePrefix + name(layer);
            out.add(new LayerRef(name, className(layer), path));
            if (MODELS.contains(className(layer))) {
                collect(layer, path + "/layers", name + "/", out);
            }
        }
    }

    /** {@code keras.src.utils.naming.to_snake_case}. */
    static String snakeCase(String name) {
        String s = name.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** {@code saving_lib._get_unique_name}: the first use as is, then {@code name_1}, {@code name_2}, ... */
    private static String uniqueName(String name, Map<String, Integer> used) {
        Integer n = used.get(name);
        if (n == null) {
            used.put(name, 0);
            return name;
        }
        used.put(name, n + 1);
        return name + "_" + (n + 1);
    }
}
