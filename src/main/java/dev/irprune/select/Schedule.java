package dev.irprune.select;

import java.util.ArrayList;
import java.util.List;

/**
 * Which layers of a network get which rules, as the seed's loop decides it: every convolution
 * gets importance pruning, and from the 4th convolution on also redundancy pruning, with a budget
 * that starts at 0.2 and grows by 0.1 (added in double precision, capped at 1.0) for each such
 * layer; every dense hidden layer gets both rules without a budget; the output layer is never
 * pruned.
 */
public final class Schedule {
    public static final double FIRST_BUDGET = 0.2;
    public static final double BUDGET_STEP = 0.1;
    /** The first convolution (1-based) that gets redundancy pruning. */
    public static final int FIRST_REDUNDANT_CONV = 4;

    private Schedule() {}

    /** The steps for a network's layers, given in network order; an output layer must be last. */
    public static List<LayerStep> seed(List<NetworkLayer> layers) {
        List<LayerStep> steps = new ArrayList<>(layers.size());
        int convs = 0;
        double next = FIRST_BUDGET;
        for (int k = 0; k < layers.size(); k++) {
            NetworkLayer layer = layers.get(k);
            LayerStep step = switch (layer.kind()) {
                case CONV -> {
                    convs++;
                    if (convs < FIRST_REDUNDANT_CONV) {
                        yield new LayerStep(layer.name(), layer.kind(), true, false, null);
                    }
                    double budget = Math.min(1.0, next);
                    next = budget + BUDGET_STEP;
                    yield new LayerStep(layer.name(), layer.kind(), true, true, budget);
                }
                case DENSE_HIDDEN -> new LayerStep(layer.name(), layer.kind(), true, true, null);
                case OUTPUT -> {
                    if (k != layers.size() - 1) {
                        throw new IllegalArgumentException(
                                "output layer " + layer.name() + " must be the last layer of the network");
                    }
                    yield new LayerStep(layer.name(), layer.kind(), false, false, null);
                }
            };
            steps.add(step);
        }
        return List.copyOf(steps);
    }
}
