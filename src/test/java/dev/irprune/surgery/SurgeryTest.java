package dev.irprune.surgery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.irprune.model.Costs;
import dev.irprune.model.InputSpec;
import dev.irprune.model.Network;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Tensor;
import dev.irprune.model.Vgg;
import dev.irprune.model.Weights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The physically pruned network computes what the original computes with those filters zeroed. */
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
        assertThat(spec.outputShapes().get(spec.indexOf("flatten"))).isEqualTo(new dev.irprune.model.Shape(64 * 4));
        assertEquivalent(spec, Map.of("conv5_3", new int[] {5, 6, 40}, "conv4_1", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    }

    @Test
    void rejectsEmptyOrUnorderedKeeps() {
        NetworkSpec spec = vgg(false, 32);
        Map<String, Tensor> w = Weights.initial(spec, 1);
        assertThatThrownBy(() -> Surgery.keep(spec, w, "conv1_1", new int[0])).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Surgery.keep(spec, w, "conv1_1", new int[] {3, 1})).hasMessageContaining("ascending");
        assertThatThrownBy(() -> Surgery.keep(spec, w, "conv1_1", new int[] {8})).hasMessageContaining("below 8");
    }

    private static NetworkSpec vgg(boolean bn, int size) {
        return Vgg.build(new Vgg.Options(Vgg.Arch.VGG16, 0.125, 512, bn, 0.5, 10), InputSpec.of(3, size, size));
    }

    private static void assertEquivalent(NetworkSpec spec, Map<String, int[]> keep) {
        Map<String, Tensor> weights = randomWeights(spec, 11);
        Map<String, Tensor> zeroed = new LinkedHashMap<>(weights);
        NetworkSpec prunedSpec = spec;
        Map<String, Tensor> pruned = weights;
        for (String layer : spec.prunableLayers()) {
            int[] kept = keep.get(layer);
            if (kept == null) {
                continue;
            }
            zeroFilters(zeroed, layer, complement(kept, spec.width(layer)));
            Surgery.Result r = Surgery.keep(prunedSpec, pruned, layer, kept);
            prunedSpec = r.spec();
            pruned = r.weights();
            assertThat(prunedSpec.width(layer)).isEqualTo(kept.length);
        }
        assertThat(Costs.of(prunedSpec).totalMacs()).isLessThan(Costs.of(spec).totalMacs());
        try (NDManager m = NDManager.newBaseManager()) {
            InputSpec in = spec.input();
            NDArray x = m.randomNormal(new Shape(5, in.channels(), in.height(), in.width()));
            float[] expected;
            float[] actual;
            try (Network a = Network.create(spec, zeroed, m)) {
                expected = a.forward(new ParameterStore(m, false), x, false).toFloatArray();
            }
            try (Network b = Network.create(prunedSpec, pruned, m)) {
                actual = b.forward(new ParameterStore(m, false), x, false).toFloatArray();
            }
            double maxDiff = 0;
            double maxAbs = 0;
            for (int i = 0; i < expected.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
                maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
            }
            assertThat(maxAbs).as("outputs must not be trivially zero").isGreaterThan(1e-3);
            assertThat(maxDiff).isLessThanOrEqualTo(TOLERANCE);
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
                if (name.endsWith(".running_var")) {
                    d[i] = (float) (0.5 + r.nextDouble());
                } else if (name.endsWith(".gamma")) {
                    d[i] = (float) (0.5 + r.nextDouble());
                } else if (!name.endsWith(".weight")) {
                    d[i] = (float) (r.nextDouble() * 0.2 - 0.05);
                }
            }
            out.put(name, e.getValue());
        }
        return out;
    }

    /** What the reference program does to a pruned filter: zero its kernel and bias (and batch-norm scale and shift). */
    private static void zeroFilters(Map<String, Tensor> w, String layer, int[] filters) {
        for (String suffix : new String[] {".weight", ".bias", ".bn.gamma", ".bn.beta"}) {
            Tensor t = w.get(layer + suffix);
            if (t == null) {
                continue;
            }
            float[] d = t.data().clone();
            int inner = d.length / t.dim(0);
            for (int f : filters) {
                java.util.Arrays.fill(d, f * inner, (f + 1) * inner, 0f);
            }
            w.put(layer + suffix, new Tensor(t.shape(), d));
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
