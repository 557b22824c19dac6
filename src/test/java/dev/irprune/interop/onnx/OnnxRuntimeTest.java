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
        try (OnnxRuntime ort = OnnxRuntime.open(TinyCnn.builder().toBytes(), 1, "tiny")) {
            assertThat(ort.run(TinyCnn.INPUT, 1, 1, 4, 4)).containsExactly(TinyCnn.EXPECTED, within(1e-4f));
        }
    }
}
