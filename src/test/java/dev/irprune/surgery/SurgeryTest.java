package dev.irprune.surgery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.irprune.groups.ChannelGroup;
import dev.irprune.groups.ChannelGroups;
import dev.irprune.model.BatchNormSpec;
import dev.irprune.model.Costs;
import dev.irprune.model.InputSpec;
import dev.irprune.model.Network;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.ResNet;
import dev.irprune.model.Tensor;
import dev.irprune.model.Vgg;
import dev.irprune.model.Weights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The physically pruned network computes what the original computes with those channels zeroed
 * where they leave their group: at the producer's batch normalisation (scale and shift 0) where
 * there is one, else at the producer (kernel row and bias 0).
 */
@Tag("slow")
class SurgeryTest {
    private static final double TOLERANCE = 1e-5;

    @Test
    void convolutionFollowedByConvolution() {
        NetworkSpec spec = vgg(false, 32);
        assertEquivalent(spec, Map.of("conv1_1", new int[] {0, 3, 5}, "conv3_2", new int[] {1, 2, 7, 9, 30}));
    }

    @Test
    void lastConvolutionIntoDenseAndDenseIntoDense() {
        NetworkSpec spec = vgg(false, 32);
        assertEquivalent(spec, Map.of("conv5_3", new int[] {2, 4, 6, 8, 10, 12, 60, 61}, "fc1", new int[] {0, 5, 9, 17, 33}));
    }

    @Test
    void batchNormChannelsAreSlicedToo() {
        NetworkSpec spec = vgg(true, 32);
        assertEquivalent(spec, Map.of("conv1_2", new int[] {1, 2, 6}, "conv5_3", new int[] {0, 63}, "fc2", new int[] {3, 4}));
    }

    @Test
    void flattenSeesMoreThanOnePixel() {
        NetworkSpec spec = vgg(true, 64); // last pool gives 2x2, so fc1 has 4 columns per filter
        assertThat(spec.shape("flatten")).isEqualTo(new dev.irprune.model.Shape(64 * 4));
        assertEquivalent(spec, Map.of("conv5_3", new int[] {5, 6, 40}, "conv4_1", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    }

    @Test
    void resNetOptionAPrunesTheInnerConvolutionsOnly() {
        NetworkSpec spec = ResNet.build(new ResNet.Options(20, ResNet.Shortcut.A, 1, 10), InputSpec.of(3, 32, 32));
        List<ChannelGroup> prunable = ChannelGroups.prunable(spec);
        assertThat(prunable).hasSize(9).allMatch(g -> g.producers().size() == 1 && g.producers().get(0).endsWith("_conv1"));
        assertThat(ChannelGroups.named(spec, "conv1").prunable()).isFalse();
        assertThat(ChannelGroups.named(spec, "conv1").reason()).contains("option A");
        assertEquivalent(spec, Map.of("layer1_0_conv1", new int[] {0, 5, 9}, "layer2_0_conv1", new int[] {1, 2, 3, 30},
                "layer3_2_conv1", new int[] {7, 8, 63}));
    }

    @Test
    void resNetOptionBPrunesCoupledStagesAcrossTheAdditions() {
        NetworkSpec spec = ResNet.build(new ResNet.Options(20, ResNet.Shortcut.B, 1, 10), InputSpec.of(3, 32, 32));
        List<ChannelGroup> prunable = ChannelGroups.prunable(spec);
        assertThat(prunable).hasSize(9 + 3);
        ChannelGroup stage1 = ChannelGroups.named(spec, "conv1");
        assertThat(stage1.producers()).containsExactly("conv1", "layer1_0_conv2", "layer1_1_conv2", "layer1_2_conv2");
        assertThat(stage1.evidence()).isEqualTo("layer1_2_relu");
        ChannelGroup stage2 = ChannelGroups.named(spec, "layer2_0_conv2");
        assertThat(stage2.producers()).containsExactly("layer2_0_conv2", "layer2_0_shortcut", "layer2_1_conv2", "layer2_2_conv2");
        assertThat(stage2.batchNorms()).contains("layer2_0_shortcut_bn");
        assertEquivalent(spec, Map.of("conv1", new int[] {0, 2, 3, 15}, "layer2_0_conv2", new int[] {4, 5, 6, 31},
                "layer3_0_conv2", new int[] {0, 9, 62, 63}, "layer2_1_conv1", new int[] {3}));
    }

    @Test
    void rejectsEmptyOrUnorderedKeepsAndGroupsThatCannotShrink() {
        NetworkSpec spec = vgg(false, 32);
        Map<String, Tensor> w = Weights.initial(spec, 1);
        assertThatThrownBy(() -> Surgery.keep(spec, w, "conv1_1", new int[0])).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Surgery.keep(spec, w, "conv1_1", new int[] {3, 1})).hasMessageContaining("ascending");
        assertThatThrownBy(() -> Surgery.keep(spec, w, "conv1_1", new int[] {8})).hasMessageContaining("below 8");
        assertThatThrownBy(() -> Surgery.keep(spec, w, "output", new int[] {1})).hasMessageContaining("classes");
    }

    private static NetworkSpec vgg(boolean bn, int size) {
        return Vgg.build(new Vgg.Options(Vgg.Arch.VGG16, 0.125, 512, bn, 0.5, 10), InputSpec.of(3, size, size));
    }

    private static void assertEquivalent(NetworkSpec spec, Map<String, int[]> keep) {
        Map<String, Tensor> weights = randomWeights(spec, 11);
        Map<String, Tensor> zeroed = new LinkedHashMap<>(weights);
        NetworkSpec prunedSpec = spec;
        Map<String, Tensor> pruned = weights;
        for (ChannelGroup g : ChannelGroups.prunable(spec)) {
            int[] kept = keep.get(g.name());
            if (kept == null) {
                continue;
            }
            zeroChannels(spec, zeroed, g, complement(kept, g.channels()));
            Surgery.Result r = Surgery.keep(prunedSpec, pruned, g.name(), kept);
            prunedSpec = r.spec();
            pruned = r.weights();
            assertThat(ChannelGroups.named(prunedSpec, g.name()).channels()).isEqualTo(kept.length);
        }
        assertThat(Costs.of(prunedSpec).totalMacs()).isLessThan(Costs.of(spec).totalMacs());
        try (NDManager m = NDManager.newBaseManager()) {
            InputSpec in = spec.input();
            NDArray x = m.randomNormal(new Shape(5, in.channels(), in.height(), in.width()));
            float[] expected;
            float[] actual;
            try (Network a = Network.create(spec, zeroed, m)) {
                expected = a.forward(x, false).toFloatArray();
            }
            try (Network b = Network.create(prunedSpec, pruned, m)) {
                actual = b.forward(x, false).toFloatArray();
            }
            double maxDiff = 0;
            double maxAbs = 0;
            for (int i = 0; i < expected.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
                maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
            }
            assertThat(maxAbs).as("outputs must not be trivially zero").isGreaterThan(1e-3);
            assertThat(maxDiff).isLessThanOrEqualTo(TOLERANCE * Math.max(1, maxAbs));
        }
    }

    /** Random values everywhere (biases and batch-norm statistics too), so no slice can hide. */
    static Map<String, Tensor> randomWeights(NetworkSpec spec, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : Weights.initial(spec, seed).entrySet()) {
            float[] d = e.getValue().data();
            String name = e.getKey();
            for (int i = 0; i < d.length; i++) {
                if (name.endsWith(".running_var") || name.endsWith(".gamma")) {
                    d[i] = (float) (0.5 + r.nextDouble());
                } else if (!name.endsWith(".weight")) {
                    d[i] = (float) (r.nextDouble() * 0.2 - 0.05);
                }
            }
            out.put(name, e.getValue());
        }
        return out;
    }

    /**
     * Zeroes channels where they leave the group: the batch normalisation after a producer (its
     * scale and shift), or the producer itself (kernel rows and bias) when none follows it.
     */
    private static void zeroChannels(NetworkSpec spec, Map<String, Tensor> w, ChannelGroup g, int[] channels) {
        List<String> zeroAt = new ArrayList<>();
        for (String p : g.producers()) {
            String bn = spec.consumers(p).stream().filter(n -> n instanceof BatchNormSpec).map(n -> n.name()).findFirst()
                    .orElse(null);
            zeroAt.add(bn != null ? bn + ".gamma" : p + ".weight");
            zeroAt.add(bn != null ? bn + ".beta" : p + ".bias");
        }
        for (String key : zeroAt) {
            Tensor t = w.get(key);
            if (t == null) {
                continue;
            }
            float[] d = t.data().clone();
            int inner = d.length / t.dim(0);
            for (int f : channels) {
                java.util.Arrays.fill(d, f * inner, (f + 1) * inner, 0f);
            }
            w.put(key, new Tensor(t.shape(), d));
        }
    }

    private static int[] complement(int[] kept, int width) {
        List<Integer> out = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < width; i++) {
            if (k < kept.length && kept[k] == i) {
                k++;
            } else {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
