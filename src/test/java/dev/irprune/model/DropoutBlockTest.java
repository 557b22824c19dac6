package dev.irprune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class DropoutBlockTest {
    @Test
    void keepsAboutOneMinusRateScaledUpInTrainingAndIsTheIdentityInInference() {
        try (NDManager m = NDManager.newBaseManager()) {
            DropoutBlock block = new DropoutBlock(0.3);
            Shape shape = new Shape(100, 50, 20);
            block.initialize(m, DataType.FLOAT32, shape);
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = m.randomUniform(1f, 2f, shape);
            float[] in = x.toFloatArray();

            assertThat(block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray()).containsExactly(in);

            Engine.getInstance().setRandomSeed(11);
            float[] out = block.forward(store, new NDList(x), true).singletonOrThrow().toFloatArray();
            int kept = 0;
            for (int i = 0; i < in.length; i++) {
                if (out[i] != 0) {
                    kept++;
                    assertThat(out[i]).isCloseTo(in[i] / 0.7f, within(1e-6f));
                }
            }
            assertThat((double) kept / in.length).isCloseTo(0.7, within(0.005));
            Engine.getInstance().setRandomSeed(11);
            assertThat(block.forward(store, new NDList(x), true).singletonOrThrow().toFloatArray()).containsExactly(out);
        }
    }

    @Test
    void theGradientIsTheSameMaskAndScale() {
        try (NDManager m = NDManager.newBaseManager()) {
            DropoutBlock block = new DropoutBlock(0.5);
            Shape shape = new Shape(4, 1000);
            block.initialize(m, DataType.FLOAT32, shape);
            NDArray x = m.randomUniform(1f, 2f, shape);
            x.setRequiresGradient(true);
            float[] out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                out = y.toFloatArray();
                gc.backward(y.sum());
            }
            float[] in = x.toFloatArray();
            float[] grad = x.getGradient().toFloatArray();
            for (int i = 0; i < in.length; i++) {
                assertThat(grad[i]).isEqualTo(out[i] == 0 ? 0f : 2f);
            }
        }
    }
}
