package dev.irprune.select;

import dev.irprune.score.SimilarityMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's selection loops transcribed statement by statement (lists with linear
 * {@code contains}, a full similarity mapping, a rescan of all pairs for every filter pruned), as
 * the reference the fast rules are compared with. The similarity values come from the same
 * {@link SimilarityMatrix}, so what is compared is the selection logic, ties included.
 */
final class SeedTranscription {
    /** What the loops decide: the filters pruned in order, and the pairs chosen. */
    record Decision(List<Integer> prunedByEntropy, List<Integer> prunedBySimilarity, List<RedundantPair> pairs) {}

    private SeedTranscription() {}

    static Decision conv(double[] entropy, SimilarityMatrix sim, double entropyThreshold,
            double similarityThreshold, double pruningPercentage) {
        int channels = entropy.length;
        List<Integer> filtersPrunedEntropy = new ArrayList<>();
        List<Integer> filtersPrunedSimilarity = new ArrayList<>();
        List<Integer> filtersAlreadyProcessed = new ArrayList<>();
        List<RedundantPair> pairs = new ArrayList<>();
        for (int hiddenNode = 0; hiddenNode < channels; hiddenNode++) {
            if (entropy[hiddenNode] < entropyThreshold) {
                filtersAlreadyProcessed.add(hiddenNode);
                filtersPrunedEntropy.add(hiddenNode);
            }
        }
        double[][] similarityMapping = mapping(sim, filtersPrunedEntropy);
        double pruningPercentageApplied = Math.min(1, pruningPercentage);
        int maxPruning = (int) Math.floor((channels - filtersPrunedEntropy.size()) * pruningPercentageApplied);
        for (int pruningIndex = 0; pruningIndex < maxPruning; pruningIndex++) {
            double maxSimilarity = 0;
            List<Integer> maxSimilarityFiltersIndex = new ArrayList<>();
            for (int f1 = 0; f1 < channels; f1++) {
                if (!filtersPrunedEntropy.contains(f1)) {
                    for (int f2 = f1; f2 < channels; f2++) {
                        if (!filtersPrunedEntropy.contains(f2)) {
                            if (similarityMapping[f1][f2] > maxSimilarity && similarityMapping[f1][f2] > similarityThreshold) {
                                if (f1 != f2) {
                                    if (!filtersAlreadyProcessed.contains(f1) && !filtersAlreadyProcessed.contains(f2)) {
                                        maxSimilarity = similarityMapping[f1][f2];
                                        maxSimilarityFiltersIndex.clear();
                                        maxSimilarityFiltersIndex.add(f1);
                                        maxSimilarityFiltersIndex.add(f2);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if (maxSimilarity != 0) {
                filtersAlreadyProcessed.add(maxSimilarityFiltersIndex.get(0));
                filtersAlreadyProcessed.add(maxSimilarityFiltersIndex.get(1));
                filtersPrunedSimilarity.add(maxSimilarityFiltersIndex.get(0));
                pairs.add(new RedundantPair(maxSimilarityFiltersIndex.get(0), maxSimilarityFiltersIndex.get(1), maxSimilarity));
            }
        }
        return new Decision(filtersPrunedEntropy, filtersPrunedSimilarity, pairs);
    }

    static Decision dense(double[] entropy, SimilarityMatrix sim, double entropyThreshold, double similarityThreshold) {
        int channels = entropy.length;
        List<Integer> filtersPrunedEntropy = new ArrayList<>();
        List<Integer> filtersPrunedSimilarity = new ArrayList<>();
        List<Integer> filtersAlreadyProcessed = new ArrayList<>();
        List<RedundantPair> pairs = new ArrayList<>();
        for (int hiddenNode = 0; hiddenNode < channels; hiddenNode++) {
            if (entropy[hiddenNode] < entropyThreshold) {
                filtersAlreadyProcessed.add(hiddenNode);
                filtersPrunedEntropy.add(hiddenNode);
            }
        }
        double[][] similarityMapping = new double[channels][channels];
        for (int f1 = 0; f1 < channels; f1++) {
            if (!filtersPrunedEntropy.contains(f1)) {
                for (int f2 = f1; f2 < channels; f2++) {
                    if (!filtersPrunedEntropy.contains(f2)) {
                        similarityMapping[f1][f2] = f1 == f2 ? 1.0 : sim.get(f1, f2);
                        if (similarityMapping[f1][f2] > similarityThreshold) {
                            if (f1 != f2) {
                                if (!filtersAlreadyProcessed.contains(f1) && !filtersAlreadyProcessed.contains(f2)) {
                                    filtersAlreadyProcessed.add(f1);
                                    filtersAlreadyProcessed.add(f2);
                                    filtersPrunedSimilarity.add(f1);
                                    pairs.add(new RedundantPair(f1, f2, similarityMapping[f1][f2]));
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Decision(filtersPrunedEntropy, filtersPrunedSimilarity, pairs);
    }

    /** The full mapping: |corr| for pairs of filters kept by entropy (the diagonal is 1), else 0. */
    private static double[][] mapping(SimilarityMatrix sim, List<Integer> filtersPrunedEntropy) {
        int channels = sim.size();
        double[][] similarityMapping = new double[channels][channels];
        for (int f1 = 0; f1 < channels; f1++) {
            if (!filtersPrunedEntropy.contains(f1)) {
                for (int f2 = f1; f2 < channels; f2++) {
                    if (!filtersPrunedEntropy.contains(f2)) {
                        similarityMapping[f1][f2] = f1 == f2 ? 1.0 : sim.get(f1, f2);
                    }
                }
            }
        }
        return similarityMapping;
    }
}
