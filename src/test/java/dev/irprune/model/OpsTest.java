package dev.irprune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class OpsTest {
    @Test
    void dropoutKeepsAboutOneMinusRateScaledUpInTrainingAndIsTheIdentityInInference() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(1f, 2f, new Shape(100, 50, 20));
            float[] in = x.toFloatArray();
            assertThat(Ops.dropout(x, 0.3, false).toFloatArray()).containsExactly(in);

            Engine.getInstance().setRandomSeed(11);
            float[] out = Ops.dropout(x, 0.3, true).toFloatArray();
            int kept = 0;
            for (int i = 0; i < in.length; i++) {
                if (out[i] != 0) {
                    kept++;
                    assertThat(out[i]).isCloseTo(in[i] / 0.7f, within(1e-6f));
                }
            }
            assertThat((double) kept / in.length).isCloseTo(0.7, within(0.005));
            Engine.getInstance().setRandomSeed(11);
            assertThat(Ops.dropout(x, 0.3, true).toFloatArray()).containsExactly(out);
        }
    }

    @Test
    void dropoutLeavesNoTemporaryTheSizeOfItsInputInTheBatchsManager() {
        try (NDManager root = NDManager.newBaseManager(); NDManager batch = root.newSubManager()) {
            NDArray x = batch.randomUniform(1f, 2f, new Shape(8, 16, 10, 10));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = Ops.dropout(x, 0.5, true);
                // the input, the output and two scalars: the draws, the boolean mask and the float
                // mask were closed (the engine keeps what the backward pass needs by itself)
                assertThat(batch.getManagedArrays()).hasSize(4);
                assertThat(batch.getManagedArrays()).filteredOn(a -> a.size() == x.size()).containsExactlyInAnyOrder(x, y);
                float[] out = y.toFloatArray();
                gc.backward(y.sum());
                float[] grad = x.getGradient().toFloatArray();
                for (int i = 0; i < out.length; i++) {
                    assertThat(grad[i]).isEqualTo(out[i] == 0 ? 0f : 2f);
                }
            }
        }
    }

    @Test
    void dropoutsGradientIsTheSameMaskAndScale() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(1f, 2f, new Shape(4, 1000));
            x.setRequiresGradient(true);
            float[] out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = Ops.dropout(x, 0.5, true);
                out = y.toFloatArray();
                gc.backward(y.sum());
            }
            float[] grad = x.getGradient().toFloatArray();
            for (int i = 0; i < grad.length; i++) {
                assertThat(grad[i]).isEqualTo(out[i] == 0 ? 0f : 2f);
            }
        }
    }

    @Test
    void maxPoolGivesExactlyTheEngineValuesForEvenAndOddSizesWindowsAndStrides() {
        try (NDManager m = NDManager.newBaseManager()) {
            int[][] windows = {{1, 1}, {2, 2}, {3, 3}, {3, 2}, {1, 2}, {2, 1}};
            for (int[] ks : windows) {
                for (Shape shape : new Shape[] {new Shape(3, 5, 8, 8), new Shape(2, 4, 7, 9), new Shape(1, 1, 3, 3)}) {
                    NDArray x = m.randomNormal(shape).maximum(0f); // ties at 0, as after ReLU
                    int k = ks[0];
                    int s = ks[1];
                    NDArray expected = Pool.maxPool2d(x, new Shape(k, k), new Shape(s, s), new Shape(0, 0), false);
                    NDArray inference = Ops.maxPool(x, k, k, s, s, false);
                    NDArray training = Ops.maxPool(x, k, k, s, s, true);
                    assertThat(inference.getShape()).as(k + "/" + s + " " + shape).isEqualTo(expected.getShape());
                    assertThat(inference.toFloatArray()).containsExactly(expected.toFloatArray());
                    assertThat(training.toFloatArray()).containsExactly(expected.toFloatArray());
                }
            }
        }
    }
}
