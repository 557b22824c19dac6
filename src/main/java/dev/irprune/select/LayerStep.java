package dev.irprune.select;

import java.util.Optional;

/**
 * What the seed's loop does at one layer.
 *
 * @param pruned whether the layer is pruned at all (false for the output layer)
 * @param redundancy whether redundancy pruning follows importance pruning
 * @param budget the conv budget p for this layer; null for dense layers and where redundancy
 *     pruning does not apply
 */
public record LayerStep(String name, LayerKind kind, boolean pruned, boolean redundancy, Double budget) {

    /** The rules for this layer with the given thresholds; empty if the layer is not pruned. */
    public Optional<SelectionConfig> config(double entropyThreshold, double similarityThreshold) {
        if (!pruned) {
            return Optional.empty();
        }
        Mode mode = kind == LayerKind.CONV ? Mode.CONV : Mode.DENSE;
        return Optional.of(new SelectionConfig(mode, entropyThreshold, similarityThreshold, redundancy, budget, null));
    }
}
