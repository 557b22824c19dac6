package dev.irprune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.irprune.data.Batches;
import dev.irprune.data.ImageSet;
import dev.irprune.model.Network;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Tensor;
import dev.irprune.run.Engines;
import dev.irprune.run.Interrupts;
import dev.irprune.run.RunContext;
import java.util.Map;

/** IRPrune's own forward pass, in inference mode, over a set of images: their logits as plain floats. */
public final class Inference {
    private Inference() {}

    /**
     * The N x classes logits (row-major) of the images, preprocessed as the spec's input says, in
     * batches of {@link Evaluator#BATCH}.
     */
    public static float[] logits(NetworkSpec spec, Map<String, Tensor> weights, ImageSet images, RunContext ctx) {
        int classes = spec.classes();
        float[] out = new float[images.size() * classes];
        try (NDManager manager = Engines.manager(ctx); Network net = Network.create(spec, weights, manager)) {
            Batches batches = new Batches(images, spec.input(), Evaluator.BATCH);
            for (int from = 0; from < images.size(); from += Evaluator.BATCH) {
                int to = Math.min(images.size(), from + Evaluator.BATCH);
                Interrupts.check();
                try (NDManager m = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                    NDArray logits = net.forward(batches.images(m, null, from, to), false);
                    System.arraycopy(logits.toFloatArray(), 0, out, from * classes, (to - from) * classes);
                    scope.suppressNotUsedWarning();
                }
            }
        }
        return out;
    }
}
