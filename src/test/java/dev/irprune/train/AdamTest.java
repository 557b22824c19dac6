package dev.irprune.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.irprune.model.Network;
import dev.irprune.model.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The update in Java over the engine's memory against the engine's fused update it replaced, on
 * the same gradients: the same weights and moments to float rounding, the gradients zeroed, and
 * the sums of squares of the new weights. Each gradient is a fixed random tensor G (the gradient of
 * sum(w * G)), so both sides see exactly the same gradients whatever their weights.
 */
@Tag("slow")
class AdamTest {
    /** Shapes of a small network's tensors; the last is larger than one parallel chunk. */
    static final Map<String, long[]> SHAPES = shapes();
    static final Map<String, Double> L2 = Map.of("conv.weight", 5e-4, "conv.bias", 5e-4, "fc.weight", 0.1);
    static final TrainConfig CONFIG = TrainConfig.of(1, 128, 1e-3);

    private static Map<String, long[]> shapes() {
        Map<String, long[]> s = new LinkedHashMap<>();
        s.put("conv.weight", new long[] {16, 3, 3, 3});
        s.put("conv.bias", new long[] {16});
        s.put("bn.gamma", new long[] {7});
        s.put("fc.weight", new long[] {300, 500});
        return s;
    }

    @Test
    void theUpdateInJavaGivesTheEnginesFusedUpdateToFloatRounding() {
        try (NDManager root = NDManager.newBaseManager()) {
            Map<String, NDArray> engine = parameters(root, 1);
            Map<String, NDArray> java = parameters(root, 1);
            try (Adam a = new Adam(engine, L2, CONFIG, root); Adam b = new Adam(java, L2, CONFIG, root)) {
                a.useEngineUpdate();
                assertThat(b.updatesInJava()).isTrue();
                Random r = new Random(7);
                for (int step = 1; step <= 6; step++) {
                    // each step from the same weights and moments (the engine's), with the same gradients
                    overwrite(engine, java);
                    b.restore(a.state(), a.steps());
                    Map<String, float[]> before = new LinkedHashMap<>();
                    engine.forEach((name, w) -> before.put(name, w.toFloatArray()));
                    Map<String, float[]> grads = randomGradients(r, step);
                    backward(root, engine, grads);
                    backward(root, java, grads);
                    WeightNorms na = a.step();
                    WeightNorms nb = b.step();
                    Map<String, Tensor> sa = a.state();
                    Map<String, Tensor> sb = b.state();
                    for (String name : SHAPES.keySet()) {
                        String at = name + " at step " + step;
                        assertThat(sb.get("m/" + name).data()).as("m of " + at).containsExactly(sa.get("m/" + name).data());
                        assertThat(sb.get("v/" + name).data()).as("v of " + at).containsExactly(sa.get("v/" + name).data());
                        closeInUlps(java.get(name).toFloatArray(), engine.get(name).toFloatArray(), before.get(name), 4, at);
                        assertThat(java.get(name).getGradient().toFloatArray()).as("gradient of " + at).containsOnly(0f);
                        assertThat(engine.get(name).getGradient().toFloatArray()).as("gradient of " + at).containsOnly(0f);
                    }
                    assertThat(nb.names()).isEqualTo(na.names());
                    for (int i = 0; i < na.names().size(); i++) {
                        assertThat((double) nb.sumsOfSquares()[i]).as("squares of " + na.names().get(i))
                                .isCloseTo(na.sumsOfSquares()[i], org.assertj.core.data.Percentage.withPercentage(1e-4));
                    }
                    assertThat(nb.penalty(L2)).isCloseTo(na.penalty(L2), org.assertj.core.data.Percentage.withPercentage(1e-4));
                }
                // the weights moved: the comparison is not of two unchanged copies
                assertThat(java.get("fc.weight").toFloatArray()[0]).isNotEqualTo(initial(1).get("fc.weight")[0]);
            }
        }
    }

    /** Writes {@code from}'s values into {@code to}'s arrays' own memory. */
    static void overwrite(Map<String, NDArray> from, Map<String, NDArray> to) {
        from.forEach((name, a) -> to.get(name).toByteBuffer(true).asFloatBuffer().put(a.toFloatArray()));
    }

    @Test
    void aRestoredOptimiserContinuesExactlyAsTheUninterruptedOne() {
        Random r = new Random(3);
        java.util.List<Map<String, float[]>> grads = new java.util.ArrayList<>();
        for (int step = 1; step <= 5; step++) {
            grads.add(randomGradients(r, step));
        }
        try (NDManager root = NDManager.newBaseManager()) {
            Map<String, NDArray> whole = parameters(root, 2);
            Map<String, NDArray> resumed = parameters(root, 2);
            try (Adam a = new Adam(whole, L2, CONFIG, root)) {
                for (int step = 1; step <= 5; step++) {
                    backward(root, whole, grads.get(step - 1));
                    a.step();
                    if (step == 3) {
                        copy(whole, resumed);
                        try (Adam b = new Adam(resumed, L2, CONFIG, root)) {
                            b.restore(a.state(), a.steps());
                            for (int k = 4; k <= 5; k++) {
                                backward(root, resumed, grads.get(k - 1));
                                b.step();
                            }
                        }
                    }
                }
                for (String name : SHAPES.keySet()) {
                    assertThat(resumed.get(name).toFloatArray()).as(name).containsExactly(whole.get(name).toFloatArray());
                }
            }
        }
    }

    /**
     * Each new weight within one unit in the last place of the weight (before or after) plus
     * {@code ulps} of its change u = before - after: the engine's fused update rounds u a little
     * differently (its w differs from this one's in the last place for about one value in 600).
     */
    static void closeInUlps(float[] actual, float[] expected, float[] before, int ulps, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            float w = Math.max(Math.max(Math.abs(actual[i]), Math.abs(expected[i])), Math.abs(before[i]));
            float tolerance = Math.ulp(w) + ulps * Math.ulp(Math.abs(before[i] - expected[i]));
            assertThat(Math.abs(actual[i] - expected[i])).as("%s [%d]: %s against %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(tolerance);
        }
    }

    static Map<String, float[]> initial(long seed) {
        Random r = new Random(seed);
        Map<String, float[]> out = new LinkedHashMap<>();
        SHAPES.forEach((name, shape) -> out.put(name, random(r, shape, 0.2f)));
        return out;
    }

    static Map<String, NDArray> parameters(NDManager m, long seed) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        initial(seed).forEach((name, values) -> {
            NDArray p = m.create(values, new Shape(SHAPES.get(name)));
            p.setRequiresGradient(true);
            out.put(name, p);
        });
        return out;
    }

    /** Gradients of very different sizes from step to step, as training has. */
    static Map<String, float[]> randomGradients(Random r, int step) {
        Map<String, float[]> out = new LinkedHashMap<>();
        SHAPES.forEach((name, shape) -> out.put(name, random(r, shape, (float) Math.pow(10, -step % 4))));
        return out;
    }

    /** Leaves gradient G in every parameter: the gradient of sum(w * G). */
    static void backward(NDManager m, Map<String, NDArray> params, Map<String, float[]> grads) {
        try (NDManager batch = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray g = batch.create(grads.get(e.getKey()), e.getValue().getShape());
                NDArray term = e.getValue().mul(g).sum();
                loss = loss == null ? term : loss.add(term);
            }
            gc.backward(loss);
        }
    }

    static void copy(Map<String, NDArray> from, Map<String, NDArray> to) {
        from.forEach((name, a) -> to.get(name).set(java.nio.FloatBuffer.wrap(a.toFloatArray())));
    }

    static float[] random(Random r, long[] shape, float scale) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return v;
    }

    @Test
    void aParameterOutsideTheEnginesContiguousMemoryIsAnErrorNotASilentlyFrozenWeight() {
        try (NDManager root = NDManager.newBaseManager()) {
            // a transposed leaf: the engine's buffer of it is a copy, which the update would change
            // instead of the weight (and libtorch gives it a gradient with the same strides)
            NDArray w = root.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3)).transpose();
            w.setRequiresGradient(true);
            assertThatThrownBy(() -> new Adam(Map.of("t.weight", w), Map.of(), CONFIG, root).close())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("t.weight");
        }
    }

    @Test
    void aGradientTheUpdateDidNotZeroIsAnError() {
        try (NDManager root = NDManager.newBaseManager()) {
            Adam.checkZeroed("zeroed", root.zeros(new Shape(3, 4)));
            NDArray g = root.zeros(new Shape(3, 4));
            g.set(new ai.djl.ndarray.index.NDIndex("2, 3"), 1e-30f);
            assertThatThrownBy(() -> Adam.checkZeroed("c.weight", g)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("c.weight");
        }
    }

    @Test
    void theNetworksParametersTakeTheJavaPath() {
        var spec = TrainingTest.SMALL;
        try (NDManager m = NDManager.newBaseManager(); Network net = Network.create(spec, dev.irprune.model.Weights.initial(spec, 1), m);
                Fitter f = new Fitter(net, CONFIG, 1)) {
            assertThat(f.optimizer().updatesInJava()).isTrue();
        }
    }
}
