package dev.irprune.surgery;

import dev.irprune.groups.ChannelGroup;
import dev.irprune.groups.ChannelGroups;
import dev.irprune.groups.Consumer;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Tensor;
import dev.irprune.model.Weights;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Removes channels physically: keeps the chosen channels of one channel group in every producer
 * (kernel rows and biases), every batch normalisation of the group (scale, shift and running
 * statistics) and every consumer (a convolution's input channels, a dense layer's inputs, or the
 * dense columns a flatten makes of them, in the flatten's layout). Pure array slicing; the result
 * is a smaller spec and its weights. It computes what the original network computes with the
 * other channels zeroed where they leave the group: at each producer's batch normalisation
 * (gamma = beta = 0) where it has one, else at the producer (kernel row and bias = 0). Zeroing a
 * convolution's filter alone is not enough when batch normalisation follows: its channel then
 * still outputs beta - gamma * mean / sqrt(var + eps), a constant.
 */
public final class Surgery {
    /** A network as data: spec and weights. */
    public record Result(NetworkSpec spec, Map<String, Tensor> weights) {}

    private Surgery() {}

    /** Keeps only {@code kept} (ascending, distinct, at least one) of the channels of group {@code name}. */
    public static Result keep(NetworkSpec spec, Map<String, Tensor> weights, String name, int[] kept) {
        ChannelGroup group = ChannelGroups.named(spec, name);
        if (!group.prunable()) {
            throw new IllegalArgumentException(name + ": channels of this group cannot be removed: " + group.reason());
        }
        checkKept(name, kept, group.channels());
        Map<String, Tensor> out = new LinkedHashMap<>(weights);
        for (String producer : group.producers()) {
            slice(out, producer + ".weight", t -> Slices.rows(t, kept));
            slice(out, producer + ".bias", t -> Slices.rows(t, kept));
        }
        for (String bn : group.batchNorms()) {
            for (String p : new String[] {"gamma", "beta", "running_mean", "running_var"}) {
                slice(out, bn + "." + p, t -> Slices.rows(t, kept));
            }
        }
        for (Consumer c : group.consumers()) {
            String key = c.node() + ".weight";
            Tensor w = out.get(key);
            out.put(key, w.rank() == 4 ? Slices.inputChannels(w, kept) : Slices.features(w, featuresOf(c, kept, group.channels())));
        }
        Map<String, Integer> widths = new LinkedHashMap<>();
        group.producers().forEach(p -> widths.put(p, kept.length));
        NetworkSpec smaller = spec.withWidths(widths);
        Weights.check(smaller, out);
        return new Result(smaller, out);
    }

    /** The consumer's input features to keep, ascending: every feature of every kept channel. */
    static int[] featuresOf(Consumer c, int[] kept, int channels) {
        int[] features = new int[kept.length * c.pixels()];
        int k = 0;
        for (int ch : kept) {
            for (int f : c.features(ch, channels)) {
                features[k++] = f;
            }
        }
        java.util.Arrays.sort(features);
        return features;
    }

    private static void slice(Map<String, Tensor> w, String key, java.util.function.UnaryOperator<Tensor> f) {
        Tensor t = w.get(key);
        if (t != null) {
            w.put(key, f.apply(t));
        }
    }

    private static void checkKept(String name, int[] kept, int width) {
        if (kept.length == 0) {
            throw new IllegalArgumentException(name + ": at least one channel must be kept");
        }
        for (int i = 0; i < kept.length; i++) {
            if (kept[i] < 0 || kept[i] >= width || (i > 0 && kept[i] <= kept[i - 1])) {
                throw new IllegalArgumentException(name + ": kept indices must be ascending, distinct and below " + width);
            }
        }
    }
}
