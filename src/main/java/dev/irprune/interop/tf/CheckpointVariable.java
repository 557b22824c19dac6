package dev.irprune.interop.tf;

import java.util.Objects;

/**
 * One model variable of a Keras checkpoint: its name within its layer ({@code kernel}, {@code bias},
 * {@code gamma}, ...), its full key in the bundle and the bundle's entry for it (type, shape).
 */
public record CheckpointVariable(String name, String key, BundleEntry entry) {
    public CheckpointVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(entry, "entry");
        if (!entry.key().equals(key)) {
            throw new IllegalArgumentException("entry of " + entry.key() + " given for " + key);
        }
    }
}
