package dev.irprune.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.irprune.data.ImageSet;
import dev.irprune.io.Progress;
import dev.irprune.model.Network;
import dev.irprune.model.Weights;
import java.util.Map;
import java.util.Random;

/**
 * Trains a network epoch by epoch: reshuffled every epoch, cross-entropy plus the spec's L2
 * penalties (as Keras adds them to the loss), Adam. The shuffle and the engine's dropout noise are
 * seeded from (seed, epoch), so a resumed run repeats exactly what an uninterrupted one does.
 */
public final class Fitter {
    private final Network net;
    private final TrainConfig config;
    private final Adam adam;
    private final Map<String, Double> l2;

    public Fitter(Network net, TrainConfig config) {
        this.net = net;
        this.config = config;
        this.adam = new Adam(net.parameters(), config, net.manager());
        this.l2 = Weights.l2(net.spec());
    }

    public Adam optimizer() {
        return adam;
    }

    /** One pass over {@code train}; {@code epoch} counts from 1 and seeds the shuffle. */
    public EpochStats epoch(ImageSet train, int epoch, Progress progress) {
        long start = System.nanoTime();
        int n = train.size();
        int[] order = shuffled(n, new Random(config.seed() * 1_000_003L + epoch));
        Engine.getInstance().setRandomSeed((int) (config.seed() * 7919 + epoch));
        Batches batches = new Batches(train, net.spec().input(), config.batchSize());
        ParameterStore store = new ParameterStore(net.manager(), false);
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < n; from += config.batchSize()) {
            int to = Math.min(n, from + config.batchSize());
            try (NDManager m = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                NDArray x = batches.images(m, order, from, to);
                NDArray y = batches.labels(m, order, from, to);
                float loss;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = net.forward(store, x, true);
                    NDArray total = Losses.crossEntropy(logits, y).add(Losses.l2Penalty(net.parameters(), l2, logits));
                    gc.backward(total);
                    loss = total.getFloat();
                    correct += Losses.correct(logits, y);
                }
                adam.step();
                lossSum += (double) loss * (to - from);
                scope.suppressNotUsedWarning();
            }
            progress.step(to - from, String.format("loss %.4f acc %.4f", lossSum / to, (double) correct / to));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochStats(epoch, n == 0 ? 0 : lossSum / n, n == 0 ? 0 : (double) correct / n, null, null, seconds);
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
