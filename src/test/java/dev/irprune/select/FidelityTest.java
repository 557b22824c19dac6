package dev.irprune.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.irprune.FidelityCases;
import dev.irprune.io.CsvMatrix;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden case: the same decisions as the seed's own code, entropies within 1e-9. */
@Tag("fast")
class FidelityTest {

    static List<FidelityCases.Case> cases() {
        return FidelityCases.all();
    }

    @Test
    void theGoldenCasesAreThere() {
        assertThat(cases()).extracting(FidelityCases.Case::name)
                .contains("conv_a", "conv_b", "conv_c", "dense_a", "edge_dead", "edge_small");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsTheSeed(FidelityCases.Case c) {
        double[][] rows = CsvMatrix.read(c.csv());
        SelectionConfig config = c.mode().equals("conv")
                ? SelectionConfig.conv(c.entropyThreshold(), c.similarityThreshold(), c.budget())
                : SelectionConfig.dense(c.entropyThreshold(), c.similarityThreshold());
        LayerPlan plan = SeedSelector.select(c.name(), rows, config);

        assertThat(plan.rows()).isEqualTo(c.expected().get("rows").asInt());
        assertThat(plan.channels()).isEqualTo(c.expected().get("channels").asInt());
        assertThat(plan.prunedByEntropy()).isEqualTo(c.indices("prunedByEntropy"));
        assertThat(plan.prunedByRedundancy()).isEqualTo(c.indices("prunedByRedundancy"));
        double[] expected = c.entropy();
        assertThat(plan.entropy()).hasSize(expected.length);
        for (int f = 0; f < expected.length; f++) {
            assertThat(plan.entropy().get(f)).as("entropy of filter %d", f).isCloseTo(expected[f], within(1e-9));
        }
        assertThat(plan.kept()).hasSize(plan.channels() - plan.prunedByEntropy().size()
                - plan.prunedByRedundancy().size() + (plan.rescued() == null ? 0 : 1));
    }
}
