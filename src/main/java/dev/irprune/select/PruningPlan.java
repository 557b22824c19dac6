package dev.irprune.select;

import java.util.List;
import java.util.Optional;

/** The decisions for a whole network, layer by layer in network order, and the thresholds used. */
public record PruningPlan(double entropyThreshold, double similarityThreshold, List<LayerPlan> layers) {
    public PruningPlan {
        layers = List.copyOf(layers);
        if (layers.stream().map(LayerPlan::layer).distinct().count() != layers.size()) {
            throw new IllegalArgumentException("a pruning plan names each layer once");
        }
    }

    /** The plan of the layer with this name, if the plan has one. */
    public Optional<LayerPlan> layer(String name) {
        return layers.stream().filter(l -> l.layer().equals(name)).findFirst();
    }
}
