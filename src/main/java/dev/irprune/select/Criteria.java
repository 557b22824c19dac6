package dev.irprune.select;

import dev.irprune.score.Correlation;
import dev.irprune.score.Entropy;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The built-in criteria, each a {@link Criterion} with the evidence it needs. Scores are higher
 * for channels more worth keeping.
 */
public enum Criteria implements Criterion {
    /**
     * The reference method: entropy importance (the seed's histogram entropy of each channel's
     * pooled output), then correlation redundancy with its budget schedule. Its scores are the
     * entropies; the rest of the rule is its policy ({@link Thresholds}).
     */
    SEED(EnumSet.of(EvidenceKind.ACTIVATIONS)) {
        @Override
        public double[] scores(Evidence e) {
            return Entropy.ofColumns(e.require(e.activations(), EvidenceKind.ACTIVATIONS));
        }
    },
    /** Importance alone: the seed's entropy of each channel's pooled output. */
    ENTROPY(EnumSet.of(EvidenceKind.ACTIVATIONS)) {
        @Override
        public double[] scores(Evidence e) {
            return Entropy.ofColumns(e.require(e.activations(), EvidenceKind.ACTIVATIONS));
        }
    },
    /**
     * Redundancy alone: |Pearson correlation| of the pooled outputs, ranked by {@link RedundancyOrder}
     * (on all analysis images for convolutions, the first 300 for dense layers, as the seed does).
     */
    REDUNDANCY(EnumSet.of(EvidenceKind.ACTIVATIONS)) {
        @Override
        public double[] scores(Evidence e) {
            double[][] a = e.require(e.activations(), EvidenceKind.ACTIVATIONS);
            int rows = e.mode() == Mode.DENSE ? Math.min(Mode.DENSE_ROWS, a.length) : a.length;
            return RedundancyOrder.scores(Correlation.absolutePearson(a, rows));
        }
    },
    /** The L1 norm of each filter (Li et al., ICLR 2017). */
    L1(EnumSet.of(EvidenceKind.KERNELS)) {
        @Override
        public double[] scores(Evidence e) {
            return FilterNorms.of(e.require(e.kernels(), EvidenceKind.KERNELS), e.channels(), 1);
        }
    },
    /** The L2 norm of each filter. */
    L2(EnumSet.of(EvidenceKind.KERNELS)) {
        @Override
        public double[] scores(Evidence e) {
            return FilterNorms.of(e.require(e.kernels(), EvidenceKind.KERNELS), e.channels(), 2);
        }
    },
    /** |gamma| of the batch normalisation (Liu et al., ICCV 2017, "Learning Efficient Convolutional Networks through Network Slimming"). */
    BN_SCALE(EnumSet.of(EvidenceKind.BN_SCALES)) {
        @Override
        public double[] scores(Evidence e) {
            return FilterNorms.bnScales(e.require(e.bnScales(), EvidenceKind.BN_SCALES), e.channels());
        }
    },
    /** The average rank of each channel's feature maps over the analysis images (Lin et al., CVPR 2020, "HRank"). */
    HRANK(EnumSet.of(EvidenceKind.MAP_RANK)) {
        @Override
        public double[] scores(Evidence e) {
            return e.require(e.mapRank(), EvidenceKind.MAP_RANK).clone();
        }
    },
    /** Uniform random scores, seeded by the run's seed and the group: the baseline of baselines. */
    RANDOM(EnumSet.noneOf(EvidenceKind.class)) {
        @Override
        public double[] scores(Evidence e) {
            SplittableRandom r = new SplittableRandom(e.seed());
            double[] out = new double[e.channels()];
            for (int i = 0; i < out.length; i++) {
                out[i] = r.nextDouble();
            }
            return out;
        }
    };

    private final EnumSet<EvidenceKind> needs;

    Criteria(EnumSet<EvidenceKind> needs) {
        this.needs = needs;
    }

    /** The evidence this criterion needs. */
    public Set<EvidenceKind> needs() {
        return EnumSet.copyOf(needs);
    }

    /** The name on the command line and in reports: seed, entropy, redundancy, l1, l2, bn-scale, hrank, random. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The criterion named {@code s}. */
    public static Criteria parse(String s) {
        for (Criteria c : values()) {
            if (c.cliName().equalsIgnoreCase(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown criterion '" + s + "' (expected seed, entropy, redundancy, l1, l2, bn-scale, hrank or random)");
    }
}
