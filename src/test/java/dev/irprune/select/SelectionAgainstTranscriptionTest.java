package dev.irprune.select;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.score.Correlation;
import dev.irprune.score.Entropy;
import dev.irprune.score.SimilarityMatrix;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fast rules against {@link SeedTranscription} on many seeded random layers: activations
 * with duplicate, rescaled, negated, near-duplicate and constant columns, and similarity matrices
 * drawn from a few values so that ties (and NaN) are everywhere.
 */
@Tag("fast")
class SelectionAgainstTranscriptionTest {
    private static final double[] PALETTE = {Double.NaN, 0.0, 0.5, 0.8, 0.85, 0.9, 0.9, 0.95, 1.0};
    private static final double[] THRESHOLDS = {0.0, 0.5, 0.8, 0.85, 0.9, 0.95};
    private static final double[] BUDGETS = {0.0, 0.1, 0.2, 0.30000000000000004, 0.5, 0.7000000000000002, 1.0};

    /** How often the interesting situations came up, so the comparison is known not to be idle. */
    private final Stats stats = new Stats();

    @Test
    void activationsWithDuplicatesAndConstants() {
        for (long seed = 0; seed < 1500; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            double[][] rows = activations(r, 2 + r.nextInt(60), 2 + r.nextInt(36));
            int similarityRows = r.nextInt(4) == 0 ? 2 + r.nextInt(rows.length - 1) : rows.length;
            double[] entropy = Entropy.ofColumns(rows);
            SimilarityMatrix sim = Correlation.absolutePearson(rows, similarityRows);
            compare(seed, entropy, sim, pickEntropyThreshold(r, entropy), pickSimilarityThreshold(r), r);
        }
        stats.assertExercised();
    }

    @Test
    void similarityMatricesFullOfTies() {
        for (long seed = 0; seed < 3000; seed++) {
            SplittableRandom r = new SplittableRandom(1_000_000 + seed);
            int c = 2 + r.nextInt(40);
            double[] upper = new double[c * (c - 1) / 2];
            for (int k = 0; k < upper.length; k++) {
                upper[k] = PALETTE[r.nextInt(PALETTE.length)];
            }
            double[] entropy = new double[c];
            for (int f = 0; f < c; f++) {
                entropy[f] = r.nextInt(5) * 0.25;
            }
            SimilarityMatrix sim = SimilarityMatrix.ofUpperTriangle(c, upper);
            compare(seed, entropy, sim, r.nextInt(4) * 0.25, THRESHOLDS[r.nextInt(THRESHOLDS.length)], r);
        }
        stats.assertExercised();
    }

    private void compare(long seed, double[] entropy, SimilarityMatrix sim, double e, double s, SplittableRandom r) {
        double budget = r.nextInt(3) == 0 ? r.nextDouble() : BUDGETS[r.nextInt(BUDGETS.length)];
        int rows = 2;
        LayerPlan conv = SeedSelector.decide("conv", rows, entropy, sim, SelectionConfig.conv(e, s, budget));
        SeedTranscription.Decision convRef = SeedTranscription.conv(entropy, sim, e, s, budget);
        assertSame(seed, "conv", conv, convRef);

        LayerPlan dense = SeedSelector.decide("dense", rows, entropy, sim, SelectionConfig.dense(e, s));
        SeedTranscription.Decision denseRef = SeedTranscription.dense(entropy, sim, e, s);
        assertSame(seed, "dense", dense, denseRef);

        stats.count(conv, sim, budget);
    }

    private static void assertSame(long seed, String mode, LayerPlan plan, SeedTranscription.Decision ref) {
        assertThat(plan.prunedByEntropy()).as("%s, seed %d: entropy", mode, seed).isEqualTo(ref.prunedByEntropy());
        assertThat(plan.prunedByRedundancy()).as("%s, seed %d: redundancy", mode, seed).isEqualTo(ref.prunedBySimilarity());
        assertThat(plan.pairs()).as("%s, seed %d: pairs", mode, seed).isEqualTo(ref.pairs());
    }

    /** Random ReLU-like columns, many of them copies of others in some form, or constant. */
    private static double[][] activations(SplittableRandom r, int n, int c) {
        double[][] rows = new double[n][c];
        for (int j = 0; j < c; j++) {
            int kind = j == 0 ? 0 : r.nextInt(9);
            int src = j == 0 ? 0 : r.nextInt(j);
            double a = 0.5 + r.nextDouble() * 2;
            double b = r.nextDouble();
            for (int k = 0; k < n; k++) {
                double fresh = Math.max(0, r.nextGaussian() + 0.2);
                double from = rows[k][src];
                rows[k][j] = switch (kind) {
                    case 1, 2 -> from;                                 // exact duplicate
                    case 3 -> a * from + b;                            // rescaled copy
                    case 4 -> -from;                                   // negated copy
                    case 5 -> from + 1e-3 * r.nextGaussian();          // near duplicate
                    case 6 -> r.nextBoolean() ? 0.0 : 0.37;            // overwritten below
                    case 7 -> r.nextInt(10) == 0 ? fresh * 5 : 0.0;    // sparse
                    default -> fresh;
                };
            }
            if (kind == 6) {
                double v = r.nextBoolean() ? 0.0 : 0.37;
                for (double[] row : rows) {
                    row[j] = v;
                }
            }
        }
        return rows;
    }

    private static double pickEntropyThreshold(SplittableRandom r, double[] entropy) {
        return switch (r.nextInt(3)) {
            case 0 -> 0.0;
            case 1 -> entropy[r.nextInt(entropy.length)];     // ties with a filter's entropy: not pruned
            default -> r.nextDouble() * 2;
        };
    }

    private static double pickSimilarityThreshold(SplittableRandom r) {
        return r.nextInt(3) == 0 ? r.nextDouble() : THRESHOLDS[r.nextInt(THRESHOLDS.length)];
    }

    /** Counts cases with choices, with choices cut by the budget, and with chosen pairs tied. */
    private static final class Stats {
        int cases;
        int withChoices;
        int budgetBound;
        int tiedChoices;

        void count(LayerPlan conv, SimilarityMatrix sim, double budget) {
            cases++;
            List<RedundantPair> pairs = conv.pairs();
            if (!pairs.isEmpty()) {
                withChoices++;
            }
            if (pairs.size() == RedundancyRules.maxPairs(conv.channels(), conv.prunedByEntropy().size(), budget)
                    && !pairs.isEmpty()) {
                budgetBound++;
            }
            Set<Double> seen = new HashSet<>();
            for (RedundantPair p : pairs) {
                if (!seen.add(p.similarity())) {
                    tiedChoices++;
                    break;
                }
            }
            assertThat(sim.size()).isEqualTo(conv.channels());
        }

        void assertExercised() {
            assertThat(withChoices).as("cases with redundancy choices").isGreaterThan(cases / 4);
            assertThat(budgetBound).as("cases cut by the budget").isGreaterThan(cases / 10);
            assertThat(tiedChoices).as("cases choosing among tied pairs").isGreaterThan(cases / 20);
        }
    }
}
