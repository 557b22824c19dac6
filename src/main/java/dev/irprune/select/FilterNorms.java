package dev.irprune.select;

import dev.irprune.model.Tensor;
import java.util.List;

/**
 * Norms of each channel's filters (Li et al., ICLR 2017, "Pruning Filters for Efficient
 * ConvNets": the sum of absolute kernel weights), summed over the producers of a coupled group.
 */
final class FilterNorms {
    private FilterNorms() {}

    /** Per channel: sum over producers of sum |w| (p = 1) or sqrt(sum w^2) (p = 2) of its filter. */
    static double[] of(List<Tensor> kernels, int channels, int p) {
        double[] out = new double[channels];
        for (Tensor k : kernels) {
            if (k.dim(0) != channels) {
                throw new IllegalArgumentException("a kernel with " + k.dim(0) + " filters in a group of " + channels + " channels");
            }
            float[] d = k.data();
            int inner = d.length / channels;
            for (int c = 0; c < channels; c++) {
                double s = 0;
                for (int i = c * inner; i < (c + 1) * inner; i++) {
                    s += p == 1 ? Math.abs(d[i]) : (double) d[i] * d[i];
                }
                out[c] += p == 1 ? s : Math.sqrt(s);
            }
        }
        return out;
    }

    /** Per channel: sum over the group's batch normalisations of |gamma| (Liu et al., ICCV 2017, "Network Slimming"). */
    static double[] bnScales(List<float[]> scales, int channels) {
        if (scales.isEmpty()) {
            throw new IllegalArgumentException("the bn-scale criterion needs batch normalisation on every pruned group");
        }
        double[] out = new double[channels];
        for (float[] g : scales) {
            for (int c = 0; c < channels; c++) {
                out[c] += Math.abs(g[c]);
            }
        }
        return out;
    }
}
