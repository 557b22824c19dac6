package dev.irprune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.irprune.data.Batches;
import dev.irprune.data.ImageSet;
import dev.irprune.model.Network;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.NonFiniteException;
import dev.irprune.model.Tensor;
import dev.irprune.run.Engines;
import dev.irprune.run.Interrupts;
import dev.irprune.run.RunContext;
import java.util.Map;

/**
 * Accuracy and mean cross-entropy of a network on a set of images, in inference mode. Outputs that
 * are not finite are a {@link NonFiniteException} naming the images, never a NaN loss.
 */
public final class Evaluator {
    public static final int BATCH = 250;

    private Evaluator() {}

    /** Builds the network from its spec and weights, evaluates it, and releases it. */
    public static Evaluation evaluate(NetworkSpec spec, Map<String, Tensor> weights, ImageSet set, RunContext ctx) {
        try (NDManager manager = Engines.manager(ctx); Network net = Network.create(spec, weights, manager)) {
            return evaluate(net, set);
        }
    }

    public static Evaluation evaluate(Network net, ImageSet set) {
        Batches batches = new Batches(set, net.spec().input(), BATCH);
        long correct = 0;
        double lossSum = 0;
        int n = set.size();
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            Interrupts.check();
            try (NDManager m = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                NDArray x = batches.images(m, null, from, to);
                NDArray y = batches.labels(m, null, from, to);
                NDArray logits = net.forward(x, false);
                NonFiniteException.check(logits, "the network's outputs for test images " + from + ".." + (to - 1));
                correct += Losses.correct(logits, y);
                lossSum += Losses.crossEntropy(logits, y).getFloat() * (to - from);
                scope.suppressNotUsedWarning();
            }
        }
        return new Evaluation(n == 0 ? 0 : (double) correct / n, n == 0 ? 0 : lossSum / n, n);
    }
}
