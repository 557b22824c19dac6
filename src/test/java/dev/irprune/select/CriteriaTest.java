package dev.irprune.select;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irprune.model.Tensor;
import dev.irprune.score.Correlation;
import java.util.List;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CriteriaTest {
    static Evidence kernels(int channels, Tensor... k) {
        return new Evidence("g", Mode.CONV, channels, null, null, List.of(k), null, 1);
    }

    @Test
    void filterNormsSumOverEveryProducerOfACoupledGroup() {
        Tensor a = new Tensor(new int[] {3, 2}, new float[] {1, -2, 0, 0, 3, 4});
        Tensor b = new Tensor(new int[] {3, 1}, new float[] {-1, 5, 0});
        assertThat(Criteria.L1.scores(kernels(3, a))).containsExactly(3, 0, 7);
        assertThat(Criteria.L2.scores(kernels(3, a))).containsExactly(Math.sqrt(5), 0, 5);
        assertThat(Criteria.L1.scores(kernels(3, a, b))).containsExactly(4, 5, 7);
        assertThatThrownBy(() -> Criteria.L1.scores(kernels(2, a))).hasMessageContaining("group of 2");
    }

    @Test
    void bnScaleIsTheSumOfAbsoluteGammas() {
        Evidence e = new Evidence("g", Mode.CONV, 3, null, null, null, List.of(new float[] {-1, 0.5f, 2}, new float[] {1, 1, -1}), 1);
        assertThat(Criteria.BN_SCALE.scores(e)).containsExactly(2, 1.5, 3);
        Evidence none = new Evidence("g", Mode.CONV, 3, null, null, null, List.of(), 1);
        assertThatThrownBy(() -> Criteria.BN_SCALE.scores(none)).hasMessageContaining("batch normalisation");
    }

    @Test
    void randomIsSeededAndHrankPassesTheMeanRanksThrough() {
        Evidence e = new Evidence("g", Mode.CONV, 5, null, new double[] {3, 1, 2, 2, 0}, null, null, 42);
        assertThat(Criteria.RANDOM.scores(e)).containsExactly(Criteria.RANDOM.scores(e));
        assertThat(Criteria.RANDOM.scores(e)).isNotEqualTo(Criteria.RANDOM.scores(
                new Evidence("g", Mode.CONV, 5, null, null, null, null, 43)));
        assertThat(Criteria.HRANK.scores(e)).containsExactly(3, 1, 2, 2, 0);
        assertThatThrownBy(() -> Criteria.L1.scores(e)).hasMessageContaining("KERNELS");
    }

    @Test
    void redundancyRemovesTheLowerIndexOfTheMostSimilarPairFirstAndLetsPartnersPairAgain() {
        // column 0 = column 2 exactly, column 1 close to column 0, column 3 independent, column 4 constant
        double[][] a = new double[6][5];
        double[] base = {1, 3, 2, 5, 4, 0};
        double[] other = {2, 2, 5, 1, 0, 3};
        for (int i = 0; i < 6; i++) {
            a[i] = new double[] {base[i], base[i] + (i == 3 ? 0.5 : 0), base[i], other[i], 7};
        }
        double[] s = RedundancyOrder.scores(Correlation.absolutePearson(a, 6));
        assertThat(s[0]).isEqualTo(0); // (0, 2) has |r| = 1: 0 goes first
        assertThat(s[1]).isEqualTo(1); // then (1, 2): 1 goes, 2 pairs again
        assertThat(s[4]).isEqualTo(5); // constant: never chosen
        assertThat(Ranking.top(s, 2)).containsExactly(3, 4);
    }

    @Test
    void ratioAndMatchedWidthsKeepTheBestScoredLowerIndexFirstOnTies() {
        double[] scores = {0.5, 2, 2, 0.1, 3};
        assertThat(new KeepRatio(0.6).decide(null, null, scores).kept()).containsExactly(1, 2, 4);
        assertThat(new KeepRatio(0.01).decide(null, null, scores).kept()).containsExactly(4);
        Evidence e = new Evidence("g", Mode.CONV, 5, null, null, null, null, 1);
        assertThat(new MatchedWidths(java.util.Map.of("g", 2), "r").decide(e, null, scores).kept()).containsExactly(1, 4);
        assertThatThrownBy(() -> new MatchedWidths(java.util.Map.of("h", 2), "r.json").decide(e, null, scores))
                .hasMessageContaining("r.json has no width for group g");
        assertThat(Ranking.top(new double[] {1, 1, 1}, 2)).containsExactly(0, 1);
    }

    @Test
    void roundingKeepsBackTheBestScoredRemovedChannels() {
        double[] scores = {0.5, 2, 2.5, 0.1, 3, 0.2, 1, 0.3};
        GroupDecision d = new KeepRatio(0.375).decide(null, null, scores); // keeps 4, 2, 1
        assertThat(d.kept()).containsExactly(1, 2, 4);
        GroupDecision r = Rounding.roundUp(d, scores, 4);
        assertThat(r.kept()).containsExactly(1, 2, 4, 6);
        assertThat(r.ruleKept()).isEqualTo(3);
        assertThat(Rounding.roundUp(d, scores, 16).kept()).hasSize(8);
        assertThat(Rounding.roundUp(d, scores, 0)).isSameAs(d);
        assertThat(Rounding.roundUp(Rounding.roundUp(d, scores, 4), scores, 4).kept()).containsExactly(1, 2, 4, 6);
    }

    @Test
    void roundingTheReferenceRuleKeepsBackHighEntropyFirstThenTheLeastRedundant() {
        // 6 filters; entropy pruned 0 (e 0.1) and 3 (e 0.2); redundancy pruned 1 (pair sim 0.95) and 4 (pair sim 0.85)
        List<Double> entropy = List.of(0.1, 1.0, 1.0, 0.2, 1.0, 1.0);
        LayerPlan plan = new LayerPlan("g", Mode.CONV, 0.3, 0.8, true, 0.5, 10, 6, 10, entropy, List.of(0, 3), List.of(1, 4),
                List.of(new RedundantPair(1, 2, 0.95), new RedundantPair(4, 5, 0.85)), null, List.of(2, 5));
        double[] scores = entropy.stream().mapToDouble(Double::doubleValue).toArray();
        GroupDecision d = new GroupDecision(new int[] {2, 5}, new int[] {1, 2, 4, 5}, plan, 2);
        GroupDecision three = Rounding.roundUp(d, scores, 3);
        assertThat(three.kept()).containsExactly(2, 3, 5); // entropy 0.2 beats 0.1
        assertThat(three.afterFirstStage()).containsExactly(1, 2, 3, 4, 5);
        GroupDecision five = Rounding.roundUp(d, scores, 5);
        assertThat(five.kept()).containsExactly(0, 2, 3, 4, 5); // then the pair of similarity 0.85 before 0.95
    }

    @Test
    void aSavedGroupRoundsUpFromItsRecordedScoresAndKeepsWhatItKept() {
        // the same reference-rule record as above, saved in a plan: kept 2 and 5 of 6
        List<Double> entropy = List.of(0.1, 1.0, 1.0, 0.2, 1.0, 1.0);
        LayerPlan seed = new LayerPlan("g", Mode.CONV, 0.3, 0.8, true, 0.5, 10, 6, 10, entropy, List.of(0, 3), List.of(1, 4),
                List.of(new RedundantPair(1, 2, 0.95), new RedundantPair(4, 5, 0.85)), null, List.of(2, 5));
        GroupPlan saved = new GroupPlan("g", "conv", List.of("g"), 6, entropy, 2, List.of(2, 5), seed);
        GroupPlan four = Rounding.roundUp(saved, 4);
        assertThat(four.kept()).containsExactly(0, 2, 3, 5); // the importance-pruned first, entropy 0.2 before 0.1
        assertThat(Rounding.roundUp(saved, 5).kept()).containsExactly(0, 2, 3, 4, 5); // then the pair of similarity 0.85
        assertThat(four.ruleKept()).isEqualTo(2);
        assertThat(four.seed()).isSameAs(seed);
        assertThat(List.of(four.group(), four.kind(), four.channels())).isEqualTo(List.of("g", "conv", 6));
        assertThat(Rounding.roundUp(saved, 8).kept()).containsExactly(0, 1, 2, 3, 4, 5); // at most all
        assertThat(Rounding.roundUp(saved, 2).kept()).containsExactly(2, 5); // already a multiple
        assertThat(Rounding.roundUp(saved, 0).kept()).containsExactly(2, 5);
        assertThat(Rounding.roundUp(saved, 1).kept()).containsExactly(2, 5);
        // a plan made with --round-to 3 (kept 2, 3, 5 where the rule kept 2, 5) rounds up from its own count
        GroupPlan byThree = new GroupPlan("g", "conv", List.of("g"), 6, entropy, 2, List.of(2, 3, 5), seed);
        assertThat(Rounding.roundUp(byThree, 4).kept()).containsExactly(0, 2, 3, 5);
        assertThat(Rounding.roundUp(byThree, 2).kept()).containsExactly(0, 2, 3, 5);
        assertThat(Rounding.roundUp(byThree, 2).ruleKept()).isEqualTo(2);
        // without a record (another criterion): the best scores first
        GroupPlan l1 = new GroupPlan("h", "dense", List.of("h"), 5, List.of(0.5, 3.0, 0.1, 2.0, 1.0), 2, List.of(1, 3), null);
        assertThat(Rounding.roundUp(l1, 3).kept()).containsExactly(1, 3, 4);
        assertThat(Rounding.checkMultiple(4096)).isEqualTo(4096);
        assertThatThrownBy(() -> Rounding.checkMultiple(-1)).hasMessage("--round-to must be 0 (none) to 4096, got -1");
        assertThatThrownBy(() -> Rounding.checkMultiple(4097)).hasMessageContaining("got 4097");
    }

    @Test
    void policiesAndCriteriaAreNamedAsOnTheCommandLine() {
        assertThat(Criteria.parse("bn-scale")).isEqualTo(Criteria.BN_SCALE);
        assertThat(Criteria.BN_SCALE.cliName()).isEqualTo("bn-scale");
        assertThatThrownBy(() -> Criteria.parse("magic")).hasMessageContaining("expected seed, entropy");
        assertThatThrownBy(() -> new PruningConfig(Criteria.SEED, PolicySpec.ratio(0.5), 0, 100, 10))
                .hasMessageContaining("thresholds");
        assertThatThrownBy(() -> new PruningConfig(Criteria.L1, PolicySpec.thresholds(0.3, 0.8), 0, 100, 10))
                .hasMessageContaining("--ratio");
        assertThat(Criteria.SEED.needs()).containsExactly(EvidenceKind.ACTIVATIONS);
        assertThat(Criteria.RANDOM.needs()).isEmpty();
    }
}
