package dev.irprune.interop.tf;

import java.util.List;
import java.util.Objects;

/**
 * The variables of one Keras layer in a checkpoint, in Keras' order (kernel, bias, then batch-norm's
 * gamma, beta, moving_mean, moving_variance, then any other in key order).
 *
 * @param id the key prefix: {@code layer_with_weights-N} (N counts the layers that have weights) or
 *     {@code layer-N} (N counts every layer)
 * @param index N
 * @param weightedOnly whether N counts only layers with weights ({@code layer_with_weights-N})
 * @param variables at least one
 */
public record CheckpointLayer(String id, int index, boolean weightedOnly, List<CheckpointVariable> variables) {
    public CheckpointLayer {
        Objects.requireNonNull(id, "id");
        variables = List.copyOf(variables);
        if (index < 0 || variables.isEmpty()) {
            throw new IllegalArgumentException(id + ": a layer needs an index >= 0 and variables");
        }
    }

    /** The variable called {@code name} ({@code kernel}, ...), or null. */
    public CheckpointVariable variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }

    public long parameterCount() {
        return variables.stream().mapToLong(v -> v.entry().elementCount()).sum();
    }
}
