package dev.irprune.interop.keras;

import java.util.List;
import java.util.Objects;

/**
 * One layer of a Keras file with its weights in the order Keras keeps them (Keras 2: the layer's
 * {@code weight_names}; Keras 3: trainable then non-trainable variables, {@code vars/0, 1, ...}).
 *
 * @param name the layer's name (a nested model's layers are {@code outer/inner})
 * @param className its Keras class ({@code Conv2D}, ...), or "" when the file has no model config
 * @param path the HDF5 group holding its weights (e.g. {@code /model_weights/conv2d_3} or
 *     {@code /layers/conv2d}, no trailing slash), or "" when there is none
 * @param weights possibly none (pooling, flatten, dropout)
 */
public record KerasLayer(String name, String className, String path, List<KerasWeight> weights) {
    public KerasLayer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(path, "path");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1); // jhdf writes group paths with a trailing slash
        }
        weights = List.copyOf(weights);
    }

    public long parameterCount() {
        return weights.stream().mapToLong(w -> w.tensor().size()).sum();
    }
}
