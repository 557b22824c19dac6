package dev.irprune.select;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.score.SimilarityMatrix;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class RedundancyRulesTest {
    private static final double NAN = Double.NaN;

    /** 4 filters; pairs (0,1) (0,2) (0,3) (1,2) (1,3) (2,3). */
    private static SimilarityMatrix four(double... upper) {
        return SimilarityMatrix.ofUpperTriangle(4, upper);
    }

    @Test
    void budgetIsFlooredAfterTheDoubleProduct() {
        assertThat(RedundancyRules.maxPairs(64, 11, 0.2)).isEqualTo(10);
        assertThat(RedundancyRules.maxPairs(512, 0, 0.9999999999999999)).isEqualTo(511);
        assertThat(RedundancyRules.maxPairs(10, 0, 0.30000000000000004)).isEqualTo(3);
        assertThat(RedundancyRules.maxPairs(10, 2, 1.7)).isEqualTo(8);
        assertThat(RedundancyRules.maxPairs(5, 5, 0.5)).isZero();
    }

    @Test
    void greedyTakesTheMostSimilarPairFirstAndPrunesItsLowerIndex() {
        SimilarityMatrix sim = four(0.81, 0.5, 0.5, 0.5, 0.5, 0.97);
        List<RedundantPair> pairs = RedundancyRules.greedy(sim, new boolean[4], 0.8, 5);
        assertThat(pairs).containsExactly(new RedundantPair(2, 3, 0.97), new RedundantPair(0, 1, 0.81));
    }

    @Test
    void greedyBreaksTiesByFirstPairInScanOrder() {
        SimilarityMatrix sim = four(0.5, 0.9, 0.5, 0.9, 0.9, 0.5);
        assertThat(RedundancyRules.greedy(sim, new boolean[4], 0.8, 5))
                .containsExactly(new RedundantPair(0, 2, 0.9), new RedundantPair(1, 3, 0.9));
    }

    @Test
    void greedyStopsAtTheBudgetAndSkipsUsedFilters() {
        SimilarityMatrix sim = four(0.99, 0.98, 0.97, 0.96, 0.95, 0.94);
        assertThat(RedundancyRules.greedy(sim, new boolean[4], 0.8, 1)).containsExactly(new RedundantPair(0, 1, 0.99));
        // (0,1) uses 0 and 1; of the rest only (2,3) is free
        assertThat(RedundancyRules.greedy(sim, new boolean[4], 0.8, 5))
                .containsExactly(new RedundantPair(0, 1, 0.99), new RedundantPair(2, 3, 0.94));
        assertThat(RedundancyRules.greedy(sim, new boolean[4], 0.8, 0)).isEmpty();
    }

    @Test
    void thresholdIsStrictNanIsNeverChosenAndExcludedFiltersTakeNoPart() {
        SimilarityMatrix sim = four(0.8, NAN, 0.85, NAN, NAN, NAN);
        assertThat(RedundancyRules.greedy(sim, new boolean[4], 0.8, 5)).containsExactly(new RedundantPair(0, 3, 0.85));
        assertThat(RedundancyRules.greedy(sim, new boolean[4], 0.85, 5)).isEmpty();
        assertThat(RedundancyRules.greedy(sim, new boolean[] {false, false, false, true}, 0.0, 5))
                .containsExactly(new RedundantPair(0, 1, 0.8));
        assertThat(RedundancyRules.singlePass(sim, new boolean[4], 0.0))
                .containsExactly(new RedundantPair(0, 1, 0.8));
    }

    @Test
    void singlePassTakesTheFirstPartnerNotTheBest() {
        SimilarityMatrix sim = four(0.85, 0.99, 0.5, 0.5, 0.5, 0.9);
        assertThat(RedundancyRules.singlePass(sim, new boolean[4], 0.8))
                .containsExactly(new RedundantPair(0, 1, 0.85), new RedundantPair(2, 3, 0.9));
        assertThat(RedundancyRules.greedy(sim, new boolean[4], 0.8, 5))
                .containsExactly(new RedundantPair(0, 2, 0.99));
    }
}
