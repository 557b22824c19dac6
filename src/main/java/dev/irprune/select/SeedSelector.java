package dev.irprune.select;

import dev.irprune.score.Correlation;
import dev.irprune.score.Entropy;
import dev.irprune.score.SimilarityMatrix;
import java.util.ArrayList;
import java.util.List;

/** Applies the seed's importance and redundancy rules to one layer's activations. */
public final class SeedSelector {
    private SeedSelector() {}

    /**
     * Decides which filters of a layer to prune.
     *
     * @param activations N x C matrix (N samples, C filters), finite values, N at least 2
     */
    public static LayerPlan select(String layer, double[][] activations, SelectionConfig config) {
        int n = activations.length;
        if (n < 2) {
            throw new IllegalArgumentException(layer + ": at least 2 rows of activations are needed, got " + n);
        }
        return select(layer, activations, Entropy.ofColumns(activations), config);
    }

    /**
     * The same decision with the entropies of the C filters already computed from
     * {@code activations} (as the seed criterion's scores are).
     */
    public static LayerPlan select(String layer, double[][] activations, double[] entropy, SelectionConfig config) {
        int n = activations.length;
        if (n < 2) {
            throw new IllegalArgumentException(layer + ": at least 2 rows of activations are needed, got " + n);
        }
        int similarityRows = config.similarityRows(n);
        boolean[] lowEntropy = belowThreshold(entropy, config.entropyThreshold());
        SimilarityMatrix sim = needsSimilarity(config, lowEntropy)
                ? Correlation.absolutePearson(activations, similarityRows)
                : null;
        return decide(layer, n, entropy, sim, config);
    }

    /**
     * The same decision from scores already computed: the entropies of the C filters and their
     * similarity matrix (may be null when it cannot matter: no redundancy pruning, or a zero
     * budget).
     *
     * @param rows the number of rows the scores were measured on, for the record
     */
    public static LayerPlan decide(String layer, int rows, double[] entropy, SimilarityMatrix sim, SelectionConfig config) {
        int c = entropy.length;
        boolean[] lowEntropy = belowThreshold(entropy, config.entropyThreshold());
        List<Integer> byEntropy = indices(lowEntropy);
        List<RedundantPair> pairs = List.of();
        if (needsSimilarity(config, lowEntropy)) {
            if (sim == null || sim.size() != c) {
                throw new IllegalArgumentException(layer + ": a similarity matrix of " + c + " filters is needed");
            }
            pairs = config.mode() == Mode.CONV
                    ? RedundancyRules.greedy(sim, lowEntropy, config.similarityThreshold(), maxPairs(config, c, byEntropy.size()))
                    : RedundancyRules.singlePass(sim, lowEntropy, config.similarityThreshold());
        }
        List<Integer> byRedundancy = pairs.stream().map(RedundantPair::pruned).toList();
        Integer rescued = byEntropy.size() + byRedundancy.size() == c && c > 0 ? highest(entropy) : null;
        List<Double> entropies = new ArrayList<>(c);
        for (double e : entropy) {
            entropies.add(e);
        }
        return new LayerPlan(layer, config.mode(), config.entropyThreshold(), config.similarityThreshold(),
                config.redundancy(), config.budget(), rows, c,
                config.redundancy() ? config.similarityRows(rows) : null,
                entropies, byEntropy, byRedundancy, pairs, rescued,
                LayerPlan.keptFrom(c, byEntropy, byRedundancy, rescued));
    }

    /** Whether redundancy pruning could choose anything: some budget and two candidates. */
    private static boolean needsSimilarity(SelectionConfig config, boolean[] lowEntropy) {
        if (!config.redundancy()) {
            return false;
        }
        int left = lowEntropy.length - indices(lowEntropy).size();
        if (left < 2) {
            return false;
        }
        return config.mode() != Mode.CONV || maxPairs(config, lowEntropy.length, lowEntropy.length - left) > 0;
    }

    private static int maxPairs(SelectionConfig config, int channels, int entropyPruned) {
        return RedundancyRules.maxPairs(channels, entropyPruned, config.budget());
    }

    /** Importance rule: filters whose entropy is strictly below the threshold. */
    public static boolean[] belowThreshold(double[] entropy, double threshold) {
        boolean[] low = new boolean[entropy.length];
        for (int f = 0; f < entropy.length; f++) {
            low[f] = entropy[f] < threshold;
        }
        return low;
    }

    private static List<Integer> indices(boolean[] mask) {
        List<Integer> out = new ArrayList<>();
        for (int f = 0; f < mask.length; f++) {
            if (mask[f]) {
                out.add(f);
            }
        }
        return out;
    }

    /** The filter with the highest entropy, the lowest index on a tie. */
    private static int highest(double[] entropy) {
        int best = 0;
        for (int f = 1; f < entropy.length; f++) {
            if (entropy[f] > entropy[best]) {
                best = f;
            }
        }
        return best;
    }
}
