package dev.irprune.interop.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A model written with the builder runs in ONNX Runtime and gives the hand-computed outputs. */
@Tag("slow")
class OnnxRuntimeTest {
    @Test
    void tinyCnnGivesTheHandComputedLogits() throws Exception {
        float[] y = OrtRunner.run(TinyCnn.builder().toBytes(), "x", TinyCnn.INPUT, new long[] {1, 1, 4, 4});
        assertThat(y).containsExactly(TinyCnn.EXPECTED, within(1e-4f));
    }
}
