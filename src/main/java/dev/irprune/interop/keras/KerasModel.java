package dev.irprune.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Keras file holds: its layout, the Keras version and backend that wrote it ("" when the
 * file does not say), the model config as JSON when there is one (Keras 2 {@code model_config},
 * Keras 3 {@code config.json}), and the layers in model order with their weights.
 */
public record KerasModel(KerasLayout layout, String kerasVersion, String backend, Optional<JsonNode> config,
        List<KerasLayer> layers) {
    public KerasModel {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(kerasVersion, "kerasVersion");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(config, "config");
        config = config.map(JsonNode::deepCopy);
        layers = List.copyOf(layers);
    }

    @Override
    public Optional<JsonNode> config() {
        return config.map(JsonNode::deepCopy);
    }

    /** The layer called {@code name}, or null. */
    public KerasLayer layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
    }

    public long parameterCount() {
        return layers.stream().mapToLong(KerasLayer::parameterCount).sum();
    }
}
