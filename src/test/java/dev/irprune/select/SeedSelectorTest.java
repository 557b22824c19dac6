package dev.irprune.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irprune.score.Entropy;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SeedSelectorTest {

    /** n rows: column 0 random, 1 a copy of 0, 2 random, 3 dead (all zero), 4 copy of 2 plus noise. */
    private static double[][] layer(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][5];
        for (double[] row : rows) {
            row[0] = r.nextDouble() * 3;
            row[1] = row[0];
            row[2] = r.nextDouble();
            row[4] = row[2] + 0.01 * r.nextDouble();
        }
        return rows;
    }

    @Test
    void convPlanRecordsEveryDecision() {
        LayerPlan plan = SeedSelector.select("conv4", layer(200, 1), SelectionConfig.conv(0.3, 0.8, 1.0));
        assertThat(plan.prunedByEntropy()).containsExactly(3);
        assertThat(plan.prunedByRedundancy()).containsExactly(0, 2);
        assertThat(plan.pairs().get(0)).isEqualTo(new RedundantPair(0, 1, 1.0));
        assertThat(plan.pairs().get(1).kept()).isEqualTo(4);
        assertThat(plan.pairs().get(1).similarity()).isGreaterThan(0.99).isLessThan(1.0);
        assertThat(plan.kept()).containsExactly(1, 4);
        assertThat(plan.keptIndices()).containsExactly(1, 4);
        assertThat(plan.rescued()).isNull();
        assertThat(plan.rows()).isEqualTo(200);
        assertThat(plan.similarityRows()).isEqualTo(200);
        assertThat(plan.entropy().get(3)).isEqualTo(Entropy.of(new double[200]));
    }

    @Test
    void theBudgetLimitsConvAndOnlyConv() {
        // 4 filters left after importance pruning: floor(4 * 0.25) = 1 pair at most
        LayerPlan conv = SeedSelector.select("c", layer(200, 2), SelectionConfig.conv(0.3, 0.8, 0.25));
        assertThat(conv.prunedByRedundancy()).containsExactly(0);
        LayerPlan dense = SeedSelector.select("d", layer(200, 2), SelectionConfig.dense(0.3, 0.8));
        assertThat(dense.prunedByRedundancy()).containsExactly(0, 2);
        assertThat(dense.budget()).isNull();
    }

    @Test
    void importanceOnlyLeavesRedundantFilters() {
        LayerPlan plan = SeedSelector.select("conv1", layer(200, 3), SelectionConfig.importanceOnly(Mode.CONV, 0.3, 0.8));
        assertThat(plan.prunedByEntropy()).containsExactly(3);
        assertThat(plan.prunedByRedundancy()).isEmpty();
        assertThat(plan.similarityRows()).isNull();
        assertThat(plan.kept()).containsExactly(0, 1, 2, 4);
    }

    @Test
    void denseCorrelatesOnTheFirst300RowsByDefault() {
        double[][] rows = layer(400, 4);
        SplittableRandom r = new SplittableRandom(99);
        for (int k = 300; k < 400; k++) {
            rows[k][1] = r.nextDouble() * 100;
        }
        LayerPlan dense = SeedSelector.select("d", rows, SelectionConfig.dense(0.3, 0.8));
        assertThat(dense.similarityRows()).isEqualTo(300);
        assertThat(dense.pairs().get(0)).isEqualTo(new RedundantPair(0, 1, 1.0));
        LayerPlan conv = SeedSelector.select("c", rows, SelectionConfig.conv(0.3, 0.8, 1.0));
        assertThat(conv.prunedByRedundancy()).containsExactly(2);
        LayerPlan convOn300 = SeedSelector.select("c", rows, SelectionConfig.conv(0.3, 0.8, 1.0).withRows(300));
        assertThat(convOn300.prunedByRedundancy()).containsExactly(0, 2);
        assertThat(SeedSelector.select("d", layer(20, 4), SelectionConfig.dense(0.3, 0.8)).similarityRows()).isEqualTo(20);
    }

    @Test
    void aLayerIsNeverEmptiedTheHighestEntropyFilterIsRescued() {
        double[] entropy = {0.2, 0.25, 0.1, 0.25};
        LayerPlan plan = SeedSelector.decide("dead", 10, entropy, null, SelectionConfig.conv(0.3, 0.8, 0.2));
        assertThat(plan.prunedByEntropy()).containsExactly(0, 1, 2, 3);
        assertThat(plan.rescued()).isEqualTo(1);
        assertThat(plan.kept()).containsExactly(1);
    }

    @Test
    void rejectsBadConfigsAndShapes() {
        assertThatThrownBy(() -> SelectionConfig.conv(-0.1, 0.8, 0.2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SelectionConfig.conv(Double.NaN, 0.8, 0.2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SelectionConfig.dense(0.3, 1.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SelectionConfig.conv(0.3, 0.8, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SelectionConfig(Mode.DENSE, 0.3, 0.8, true, 0.2, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SelectionConfig(Mode.CONV, 0.3, 0.8, true, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SelectionConfig.dense(0.3, 0.8).withRows(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeedSelector.select("x", layer(10, 1), SelectionConfig.dense(0.3, 0.8).withRows(11)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11");
        assertThatThrownBy(() -> SeedSelector.select("x", new double[][] {{1, 2}}, SelectionConfig.dense(0.3, 0.8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeedSelector.decide("x", 10, new double[] {1, 1}, null, SelectionConfig.dense(0.3, 0.8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("similarity");
        assertThat(List.of(Mode.parse("conv"), Mode.parse("dense"))).containsExactly(Mode.CONV, Mode.DENSE);
        assertThatThrownBy(() -> Mode.parse("Conv")).isInstanceOf(IllegalArgumentException.class);
    }
}
