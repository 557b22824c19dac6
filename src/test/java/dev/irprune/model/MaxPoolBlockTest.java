package dev.irprune.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class MaxPoolBlockTest {
    @Test
    void inferenceGivesExactlyTheEngineMaxPoolValuesForEvenAndOddSizes() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int k : new int[] {1, 2, 3}) {
                for (Shape shape : new Shape[] {new Shape(3, 5, 8, 8), new Shape(2, 4, 7, 9), new Shape(1, 1, 3, 3)}) {
                    NDArray x = m.randomNormal(shape).maximum(0f); // ties at 0, as after ReLU
                    Shape window = new Shape(k, k);
                    NDArray expected = Pool.maxPool2d(x, window, window, new Shape(0, 0), false);
                    MaxPoolBlock block = new MaxPoolBlock(k);
                    block.initialize(m, DataType.FLOAT32, shape);
                    ParameterStore store = new ParameterStore(m, false);
                    NDArray inference = block.forward(store, new NDList(x), false).singletonOrThrow();
                    NDArray training = block.forward(store, new NDList(x), true).singletonOrThrow();
                    assertThat(inference.getShape()).isEqualTo(expected.getShape()).isEqualTo(block.getOutputShapes(new Shape[] {shape})[0]);
                    assertThat(inference.toFloatArray()).containsExactly(expected.toFloatArray());
                    assertThat(training.toFloatArray()).containsExactly(expected.toFloatArray());
                }
            }
        }
    }
}
