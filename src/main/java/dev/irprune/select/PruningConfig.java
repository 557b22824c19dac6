package dev.irprune.select;

/**
 * How to choose the channels to remove: the criterion, the policy, an optional rounding of every
 * group's kept channels to a multiple ({@link Rounding}; 0 or 1: none), how many training images
 * form the analysis set (activations are measured on the first ones, the reference's 10,000) and
 * on how many of them HRank measures feature-map ranks.
 */
public record PruningConfig(Criteria criterion, PolicySpec policy, int roundTo, int analysisSamples, int rankImages) {
    public static final int DEFAULT_ANALYSIS = 10_000;
    /** HRank's own setting: ranks of 500 images' maps (Lin et al. 2020, section 4.1). */
    public static final int DEFAULT_RANK_IMAGES = 500;

    public PruningConfig {
        if (criterion == null || policy == null) {
            throw new IllegalArgumentException("a criterion and a policy are required");
        }
        if (criterion == Criteria.SEED && policy.kind() != PolicySpec.Kind.THRESHOLDS) {
            throw new IllegalArgumentException("the seed criterion is the reference rule: it takes the thresholds E and S, not "
                    + policy.describe() + " (use --criterion entropy or redundancy for one of its parts)");
        }
        if (criterion != Criteria.SEED && policy.kind() == PolicySpec.Kind.THRESHOLDS) {
            throw new IllegalArgumentException("thresholds E and S belong to the seed criterion; with --criterion "
                    + criterion.cliName() + " give --ratio R or --widths-from REPORT");
        }
        Rounding.checkMultiple(roundTo);
        if (analysisSamples < 2) {
            throw new IllegalArgumentException("the analysis set needs at least 2 images, got " + analysisSamples);
        }
        if (rankImages < 1) {
            throw new IllegalArgumentException("HRank needs at least 1 image, got " + rankImages);
        }
    }

    /** The reference rule with thresholds E and S, no rounding, the reference's 10,000 analysis images. */
    public static PruningConfig seed(double entropy, double similarity) {
        return new PruningConfig(Criteria.SEED, PolicySpec.thresholds(entropy, similarity), 0, DEFAULT_ANALYSIS,
                DEFAULT_RANK_IMAGES);
    }

    public PruningConfig withAnalysisSamples(int n) {
        return new PruningConfig(criterion, policy, roundTo, n, rankImages);
    }
}
