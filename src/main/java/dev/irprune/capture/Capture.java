package dev.irprune.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import dev.irprune.data.ImageSet;
import dev.irprune.io.Progress;
import dev.irprune.model.Network;
import dev.irprune.model.NonFiniteException;
import dev.irprune.train.Batches;

/**
 * Runs images through a network up to one layer and keeps, per image, each filter's output after
 * ReLU averaged over height and width (a dense layer's units as they are). Batches stream through;
 * only the pooled values are kept, in an N x C matrix built here and returned whole.
 */
public final class Capture {
    /** Images per forward pass; it changes speed only (inference mode), not the values. */
    public static final int BATCH = 250;

    private Capture() {}

    public static double[][] pooled(Network net, ImageSet images, String layer, Progress progress) {
        int index = net.spec().indexOf(layer);
        int n = images.size();
        double[][] out = new double[n][];
        Batches batches = new Batches(images, net.spec().input(), BATCH);
        ParameterStore store = new ParameterStore(net.manager(), false);
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            try (NDManager m = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                NDArray y = net.forwardTo(store, batches.images(m, null, from, to), index);
                if (y.getShape().dimension() == 4) {
                    y = y.mean(new int[] {3}).mean(new int[] {2});
                }
                int c = (int) y.getShape().get(1);
                float[] values = y.toFloatArray();
                for (int i = 0; i < to - from; i++) {
                    double[] row = new double[c];
                    for (int j = 0; j < c; j++) {
                        row[j] = values[i * c + j];
                        if (!Double.isFinite(row[j])) {
                            throw new NonFiniteException("the activations of " + layer + " for analysis images " + from + ".."
                                    + (to - 1) + " are non-finite (" + row[j] + " at image " + (from + i) + ", filter " + j
                                    + "): the network's weights are too large or training diverged");
                        }
                    }
                    out[from + i] = row;
                }
                scope.suppressNotUsedWarning();
            }
            progress.step(to - from, null);
        }
        return out;
    }
}
