package dev.irprune.select;

/** One prunable layer of a network, by name and kind, as the schedule needs it. */
public record NetworkLayer(String name, LayerKind kind) {
    public NetworkLayer {
        if (name == null || name.isBlank() || kind == null) {
            throw new IllegalArgumentException("a layer needs a name and a kind");
        }
    }
}
