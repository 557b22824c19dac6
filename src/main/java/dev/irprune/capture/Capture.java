package dev.irprune.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.irprune.data.Batches;
import dev.irprune.data.ImageSet;
import dev.irprune.io.Progress;
import dev.irprune.model.Network;
import dev.irprune.model.NonFiniteException;
import dev.irprune.score.MatrixRank;

/**
 * Runs images through a network, in inference mode, up to one node and accumulates what the
 * criteria need from its output, batch by batch, never holding more than a batch of feature maps:
 * per image, each channel's output averaged over height and width (a flat output's values as they
 * are), an N x C matrix in image order; and per channel, the rank of its H x W feature map
 * averaged over the first {@code rankImages} images (HRank's measure, {@link MatrixRank}). The
 * values do not depend on the batch size.
 */
public final class Capture {
    /** Images per forward pass. Other sizes give the same values up to the engine's rounding (its kernels may differ in the last bits); this fixed size makes captures reproducible. */
    public static final int BATCH = 250;

    /** What a capture returns: N x C pooled outputs and C mean ranks; either is null if not asked for. */
    public record Result(double[][] pooled, double[] meanRank) {}

    private Capture() {}

    /** The pooled outputs of node {@code node} for every image: N x C. */
    public static double[][] pooled(Network net, ImageSet images, String node, Progress progress) {
        return run(net, images, node, true, 0, BATCH, progress).pooled();
    }

    /**
     * Captures node {@code node}'s output: pooled values if {@code pooled}, mean feature-map ranks
     * over the first {@code rankImages} images if it is positive (the node's output must then be
     * N x C x H x W, or N x C: a dense unit counts as a 1 x 1 map, of rank 1 where it is non-zero).
     *
     * @throws NonFiniteException naming the node and the images if an output is not finite
     */
    public static Result run(Network net, ImageSet images, String node, boolean pooled, int rankImages, int batch,
            Progress progress) {
        int n = pooled ? images.size() : Math.min(rankImages, images.size());
        double[][] out = pooled ? new double[n][] : null;
        double[] rankSum = null;
        int ranked = 0;
        Batches batches = new Batches(images, net.spec().input(), batch);
        double[] work = null;
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            try (NDManager m = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                NDArray y = net.forwardTo(batches.images(m, null, from, to), node);
                int c = (int) y.getShape().get(1);
                if (rankImages > from) {
                    int dims = y.getShape().dimension();
                    if (dims != 4 && dims != 2) {
                        throw new IllegalArgumentException(node + ": feature-map ranks need N x C x H x W maps or N x C units, got "
                                + y.getShape());
                    }
                    // A dense unit is a 1 x 1 map: rank 1 where it is non-zero, so its mean rank is
                    // the share of images that activate it.
                    int h = dims == 4 ? (int) y.getShape().get(2) : 1;
                    int w = dims == 4 ? (int) y.getShape().get(3) : 1;
                    float[] maps = y.toFloatArray();
                    int upto = Math.min(to, rankImages) - from;
                    if (rankSum == null) {
                        rankSum = new double[c];
                        work = new double[h * w];
                    }
                    for (int i = 0; i < upto; i++) {
                        for (int j = 0; j < c; j++) {
                            rankSum[j] += MatrixRank.of(maps, (i * c + j) * h * w, h, w, work);
                        }
                    }
                    ranked += upto;
                }
                if (pooled) {
                    NDArray p = y.getShape().dimension() == 4 ? y.mean(new int[] {3}).mean(new int[] {2}) : y;
                    store(p.toFloatArray(), c, from, to, out, node);
                }
                scope.suppressNotUsedWarning();
            }
            progress.step(to - from, null);
        }
        double[] meanRank = null;
        if (rankImages > 0 && rankSum != null) {
            meanRank = new double[rankSum.length];
            for (int j = 0; j < rankSum.length; j++) {
                meanRank[j] = rankSum[j] / ranked;
            }
        }
        return new Result(out, meanRank);
    }

    private static void store(float[] values, int c, int from, int to, double[][] out, String node) {
        for (int i = 0; i < to - from; i++) {
            double[] row = new double[c];
            for (int j = 0; j < c; j++) {
                row[j] = values[i * c + j];
                if (!Double.isFinite(row[j])) {
                    throw new NonFiniteException("the activations of " + node + " for analysis images " + from + ".." + (to - 1)
                            + " are non-finite (" + row[j] + " at image " + (from + i) + ", channel " + j
                            + "): the network's weights are too large or training diverged");
                }
            }
            out[from + i] = row;
        }
    }
}
