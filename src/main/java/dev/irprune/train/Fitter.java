package dev.irprune.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.irprune.data.Batches;
import dev.irprune.data.ImageSet;
import dev.irprune.io.Progress;
import dev.irprune.model.Network;
import dev.irprune.model.Weights;
import dev.irprune.run.Interrupts;
import java.util.Map;
import java.util.Random;

/**
 * Trains a network epoch by epoch: reshuffled every epoch, cross-entropy plus the spec's L2
 * penalties (as Keras adds them to the loss; their gradient is applied inside the {@link Adam}
 * update), Adam. The shuffle and the engine's dropout noise are seeded from (seed, epoch), so a
 * resumed run repeats exactly what an uninterrupted one does.
 *
 * <p>Every step checks the loss and, after the update, every trainable tensor: a non-finite value
 * stops training with a {@link TrainingDivergedException} naming the epoch, the step and the
 * layer, before anything is written. Closing the fitter frees the optimiser's state.
 */
public final class Fitter implements AutoCloseable {
    private final Network net;
    private final TrainConfig config;
    private final long seed;
    private final Adam adam;
    private final Map<String, Double> l2;
    /** Runs between the forward pass and the backward pass: a test's way to provoke a collection there. */
    Runnable beforeBackward = () -> { };

    /** A fitter with a fresh optimiser (moments and step count at zero); {@code seed} is the run's. */
    public Fitter(Network net, TrainConfig config, long seed) {
        this.net = net;
        this.config = config;
        this.seed = seed;
        this.l2 = Weights.l2(net.spec());
        this.adam = new Adam(net.trainable(), l2, config, net.manager());
    }

    public Adam optimizer() {
        return adam;
    }

    /** One pass over {@code train}; {@code epoch} counts from 1 and seeds the shuffle. */
    public EpochStats epoch(ImageSet train, int epoch, Progress progress) {
        long start = System.nanoTime();
        int n = train.size();
        int[] order = shuffled(n, new Random(seed * 1_000_003L + epoch));
        Engine.getInstance().setRandomSeed((int) (seed * 7919 + epoch));
        Batches batches = new Batches(train, net.spec().input(), config.batchSize());
        double penalty = checked(WeightNorms.of(adam.parameters()), epoch, 0);
        double lossSum = 0;
        long correct = 0;
        int step = 0;
        for (int from = 0; from < n; from += config.batchSize()) {
            int to = Math.min(n, from + config.batchSize());
            step++;
            Interrupts.check();
            try (NDManager m = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                NDArray x = batches.images(m, order, from, to);
                NDArray y = batches.labels(m, order, from, to);
                float crossEntropy;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = net.forward(x, true);
                    NDArray loss = Losses.crossEntropy(logits, y);
                    crossEntropy = loss.getFloat();
                    if (!Float.isFinite(crossEntropy)) {
                        throw new TrainingDivergedException(String.format("training diverged at epoch %d, step %d: the loss is %s%s",
                                epoch, step, crossEntropy, net.firstNonFinite(x).map(l -> " (first non-finite output: " + l + ")").orElse("")));
                    }
                    beforeBackward.run();
                    gc.backward(loss);
                    correct += Losses.correct(logits, y);
                }
                lossSum += (crossEntropy + penalty) * (to - from);
                penalty = checked(adam.step(), epoch, step);
                scope.suppressNotUsedWarning();
            }
            progress.step(to - from, String.format("loss %.4f acc %.4f", lossSum / to, (double) correct / to));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochStats(epoch, n == 0 ? 0 : lossSum / n, n == 0 ? 0 : (double) correct / n, null, null, seconds);
    }

    /** The L2 penalty of the weights now; a non-finite tensor stops training (step 0: before the epoch's first update). */
    private double checked(WeightNorms norms, int epoch, int step) {
        norms.firstNonFinite().ifPresent(tensor -> {
            throw new TrainingDivergedException(String.format("training diverged at epoch %d, step %d: %s holds a non-finite value%s",
                    epoch, step, tensor, step == 0 ? " before the epoch's first step" : " after the update"));
        });
        return norms.penalty(l2);
    }

    /** Frees the optimiser's moments. */
    @Override
    public void close() {
        adam.close();
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
