package dev.irprune.bench;

import dev.irprune.data.ImageSet;
import dev.irprune.groups.ChannelGroup;
import dev.irprune.groups.ChannelGroups;
import dev.irprune.model.InputSpec;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Tensor;
import dev.irprune.model.Vgg;
import dev.irprune.model.Weights;
import dev.irprune.surgery.Surgery;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/** The networks and inputs the benchmarks use, built with IRPrune's own spec, weights and surgery code. */
final class Nets {
    /** CIFAR-10's scalar normalisation, roughly; any fixed values do for timing. */
    static final InputSpec CIFAR_INPUT = InputSpec.of(3, 32, 32).withNormalization(0.4734, 0.2516);

    private Nets() {}

    /** A network as data: spec and weights. */
    record Model(NetworkSpec spec, Map<String, Tensor> weights) {
        /** The width of every prunable channel group, in network order. */
        java.util.List<Integer> widths() {
            return ChannelGroups.prunable(spec).stream().map(ChannelGroup::channels).toList();
        }
    }

    /** The reference VGG16 (dense 4096, dropout 0.5, no batch norm) at a width multiplier, random weights. */
    static Model vgg16(double width) {
        NetworkSpec spec = Vgg.build(new Vgg.Options(Vgg.Arch.VGG16, width, 4096, false, 0.5, 10), CIFAR_INPUT);
        return new Model(spec, Weights.initial(spec, 1));
    }

    /** A trained or pruned model folder as the pipeline wrote it. */
    static Model folder(Path dir) {
        ModelFolder.Contents c = ModelFolder.load(dir);
        return new Model(c.spec(), c.weights());
    }

    /**
     * {@code base} with the first {@code round(fraction * C)} (at least 1) channels of every prunable
     * channel group (every convolution and hidden dense layer of a VGG) kept, cut with
     * {@link Surgery#keep} group by group.
     */
    static Model keepUniform(Model base, double fraction) {
        NetworkSpec spec = base.spec();
        Map<String, Tensor> weights = base.weights();
        for (ChannelGroup group : ChannelGroups.prunable(base.spec())) {
            int width = spec.width(group.producers().get(0));
            int[] kept = new int[Math.max(1, (int) Math.round(width * fraction))];
            Arrays.setAll(kept, i -> i);
            Surgery.Result r = Surgery.keep(spec, weights, group.name(), kept);
            spec = r.spec();
            weights = r.weights();
        }
        return new Model(spec, weights);
    }

    /** {@code n} random images of the spec's input shape with random labels, reproducible from the seed. */
    static ImageSet randomImages(NetworkSpec spec, int n, long seed) {
        InputSpec in = spec.input();
        Random r = new Random(seed);
        byte[] px = new byte[n * in.channels() * in.height() * in.width()];
        r.nextBytes(px);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(spec.classes());
        }
        return new ImageSet(px, labels, in.channels(), in.height(), in.width());
    }
}
