package dev.irprune.select;

import dev.irprune.model.Tensor;
import java.util.List;

/**
 * What a criterion sees of one channel group: numbers the pipeline extracted, never the engine.
 * Only the parts the criterion declared ({@link Criteria#needs()}) are filled; the others are null.
 *
 * @param group the group's name
 * @param mode convolution channels or dense units (the seed's rules differ)
 * @param channels C, the group's channels
 * @param activations N x C: per analysis image, each channel's output at the evidence node averaged
 *     over height and width (a dense layer's outputs as they are)
 * @param mapRank C values: each channel's feature-map rank averaged over the analysis images
 * @param kernels the producers' kernels, each with its channels on axis 0: (C, in, kh, kw) or (C, in)
 * @param bnScales the group's batch-norm scales gamma, C values each
 * @param seed a seed for criteria that draw at random, fixed by the run's seed and the group
 */
public record Evidence(String group, Mode mode, int channels, double[][] activations, double[] mapRank, List<Tensor> kernels,
        List<float[]> bnScales, long seed) {
    public Evidence {
        if (channels < 1) {
            throw new IllegalArgumentException(group + ": evidence for " + channels + " channels");
        }
        if (activations != null && activations.length > 0 && activations[0].length != channels) {
            throw new IllegalArgumentException(group + ": activations have " + activations[0].length + " columns for "
                    + channels + " channels");
        }
        if (mapRank != null && mapRank.length != channels) {
            throw new IllegalArgumentException(group + ": " + mapRank.length + " map ranks for " + channels + " channels");
        }
    }

    /** The part of kind {@code kind}, or a clear failure if the pipeline did not extract it. */
    <T> T require(T part, EvidenceKind kind) {
        if (part == null) {
            throw new IllegalStateException(group + ": the criterion needs " + kind + ", which was not extracted");
        }
        return part;
    }
}
