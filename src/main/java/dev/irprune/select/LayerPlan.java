package dev.irprune.select;

import java.util.ArrayList;
import java.util.List;

/**
 * What the rules decided for one layer, and on what. {@code prunedByEntropy} and
 * {@code prunedByRedundancy} are the rules' own decisions (the latter in the order chosen, with
 * {@code pairs} giving each one's kept partner and similarity). If they would leave no filter,
 * {@code rescued} names the filter kept anyway (the highest entropy, lowest index on a tie);
 * {@code kept} is every filter that stays, ascending.
 *
 * @param rows rows (samples) of the activation matrix
 * @param similarityRows leading rows the similarity was measured on; null without redundancy
 *     pruning
 */
public record LayerPlan(
        String layer,
        Mode mode,
        double entropyThreshold,
        double similarityThreshold,
        boolean redundancy,
        Double budget,
        int rows,
        int channels,
        Integer similarityRows,
        List<Double> entropy,
        List<Integer> prunedByEntropy,
        List<Integer> prunedByRedundancy,
        List<RedundantPair> pairs,
        Integer rescued,
        List<Integer> kept) {

    public LayerPlan {
        if (layer == null || mode == null) {
            throw new IllegalArgumentException("a layer plan needs a layer name and a mode");
        }
        entropy = List.copyOf(entropy);
        prunedByEntropy = List.copyOf(prunedByEntropy);
        prunedByRedundancy = List.copyOf(prunedByRedundancy);
        pairs = List.copyOf(pairs);
        kept = List.copyOf(kept);
        if (entropy.size() != channels) {
            throw new IllegalArgumentException(layer + ": " + entropy.size() + " entropies for " + channels + " channels");
        }
        if (pairs.size() != prunedByRedundancy.size()) {
            throw new IllegalArgumentException(layer + ": " + pairs.size() + " pairs for "
                    + prunedByRedundancy.size() + " filters pruned by redundancy");
        }
        for (int k = 0; k < pairs.size(); k++) {
            if (pairs.get(k).pruned() != prunedByRedundancy.get(k)) {
                throw new IllegalArgumentException(layer + ": pair " + k + " does not match prunedByRedundancy");
            }
        }
        List<Integer> expected = keptFrom(channels, prunedByEntropy, prunedByRedundancy, rescued);
        if (!kept.equals(expected)) {
            throw new IllegalArgumentException(layer + ": kept filters " + kept + " do not follow from the decisions");
        }
    }

    /** The filters that stay: all but the pruned ones, plus the rescued one if any, ascending. */
    public static List<Integer> keptFrom(int channels, List<Integer> byEntropy, List<Integer> byRedundancy, Integer rescued) {
        boolean[] gone = new boolean[channels];
        for (List<Integer> list : List.of(byEntropy, byRedundancy)) {
            for (int f : list) {
                if (f < 0 || f >= channels || gone[f]) {
                    throw new IllegalArgumentException("filter " + f + " is out of range or pruned twice");
                }
                gone[f] = true;
            }
        }
        if (rescued != null) {
            if (rescued < 0 || rescued >= channels || byEntropy.size() + byRedundancy.size() != channels) {
                throw new IllegalArgumentException("filter " + rescued + " is rescued, but the rules keep some filters");
            }
            gone[rescued] = false;
        }
        List<Integer> kept = new ArrayList<>();
        for (int f = 0; f < channels; f++) {
            if (!gone[f]) {
                kept.add(f);
            }
        }
        return kept;
    }

    /** The kept filters as an array, for slicing weights. */
    public int[] keptIndices() {
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }
}
