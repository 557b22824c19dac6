package dev.irprune.surgery;

import dev.irprune.model.ConvSpec;
import dev.irprune.model.DenseSpec;
import dev.irprune.model.FlattenSpec;
import dev.irprune.model.LayerSpec;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Shape;
import dev.irprune.model.Tensor;
import dev.irprune.model.Weights;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Removes filters physically: keeps the chosen output filters of one convolution or hidden dense
 * layer (with its batch-norm channels) and the matching inputs of the layer that consumes it (the
 * next convolution's input channels, or the first dense layer's columns after flatten, or the next
 * dense layer's inputs). Pure array slicing; the result is a smaller spec and its weights.
 */
public final class Surgery {
    /** A network as data: spec and weights. */
    public record Result(NetworkSpec spec, Map<String, Tensor> weights) {}

    private Surgery() {}

    /** Keeps only {@code kept} (ascending, distinct, at least one) of layer {@code name}'s filters or units. */
    public static Result keep(NetworkSpec spec, Map<String, Tensor> weights, String name, int[] kept) {
        int index = spec.indexOf(name);
        int width = spec.width(name);
        checkKept(name, kept, width);
        Map<String, Tensor> out = new LinkedHashMap<>(weights);
        LayerSpec layer = spec.layers().get(index);
        out.put(name + ".weight", Slices.rows(weights.get(name + ".weight"), kept));
        out.put(name + ".bias", Slices.rows(weights.get(name + ".bias"), kept));
        if (layer instanceof ConvSpec c && c.batchNorm()) {
            for (String p : new String[] {"gamma", "beta", "running_mean", "running_var"}) {
                String key = name + ".bn." + p;
                out.put(key, Slices.rows(weights.get(key), kept));
            }
        }
        int spatial = 1;
        for (int i = index + 1; i < spec.layers().size(); i++) {
            LayerSpec next = spec.layers().get(i);
            if (next instanceof FlattenSpec) {
                Shape in = spec.inputShape(i);
                spatial = in.dim(1) * in.dim(2);
            } else if (next instanceof ConvSpec || next instanceof DenseSpec) {
                String key = next.name() + ".weight";
                Tensor w = weights.get(key);
                out.put(key, next instanceof ConvSpec ? Slices.inputChannels(w, kept) : Slices.columns(w, kept, spatial));
                break;
            }
        }
        NetworkSpec smaller = spec.withWidths(Map.of(name, kept.length));
        Weights.check(smaller, out);
        return new Result(smaller, out);
    }

    private static void checkKept(String name, int[] kept, int width) {
        if (kept.length == 0) {
            throw new IllegalArgumentException(name + ": at least one filter must be kept");
        }
        for (int i = 0; i < kept.length; i++) {
            if (kept[i] < 0 || kept[i] >= width || (i > 0 && kept[i] <= kept[i - 1])) {
                throw new IllegalArgumentException(name + ": kept indices must be ascending, distinct and below " + width);
            }
        }
    }
}
