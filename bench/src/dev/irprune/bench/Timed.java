package dev.irprune.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.irprune.capture.Capture;
import dev.irprune.data.Batches;
import dev.irprune.data.ImageSet;
import dev.irprune.interop.onnx.OnnxEvaluation;
import dev.irprune.interop.onnx.OnnxRuntime;
import dev.irprune.io.Progress;
import dev.irprune.model.Network;
import dev.irprune.model.NetworkSpec;
import dev.irprune.train.Evaluator;
import dev.irprune.train.Fitter;
import dev.irprune.train.TrainConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The timed operations, each through IRPrune's own code path; every method returns seconds. */
final class Timed {
    private Timed() {}

    /** One {@link Fitter#epoch} over {@code images}: shuffle, batches, forward, loss + L2, backward, Adam. */
    static double train(Fitter fitter, ImageSet images, int epoch) {
        long t = System.nanoTime();
        fitter.epoch(images, epoch, Progress.silent("train", images.size()));
        return since(t);
    }

    static Fitter fitter(Network net, int batch) {
        return new Fitter(net, TrainConfig.of(1, batch, TrainConfig.DEFAULT_LR), 0);
    }

    /**
     * {@code iters} inference passes of one batch (all of {@code images}) as {@link Evaluator} runs
     * them: bytes to normalised floats, forward in inference mode, logits copied out. Returns each
     * pass's seconds.
     */
    static double[] infer(Network net, ImageSet images, int iters) {
        Batches batches = new Batches(images, net.spec().input(), images.size());
        double[] passes = new double[iters];
        for (int i = 0; i < iters; i++) {
            long t = System.nanoTime();
            pass(net, batches, images.size());
            passes[i] = since(t);
        }
        return passes;
    }

    /** One inference pass of the first {@code n} images of {@code batches}, logits copied out. */
    static void pass(Network net, Batches batches, int n) {
        try (NDManager m = net.manager().newSubManager(); NDScope scope = new NDScope()) {
            NDArray logits = net.forward(batches.images(m, null, 0, n), false);
            logits.toFloatArray();
            scope.suppressNotUsedWarning();
        }
    }

    /**
     * {@code iters} inference passes of one batch (all of {@code images}) in ONNX Runtime, as
     * {@code irprune eval --runtime onnxruntime} runs them ({@link OnnxEvaluation#logits}): bytes to
     * normalised floats, the session's run, logits copied out; the same work as {@link #infer}.
     * Returns each pass's seconds.
     */
    static double[] onnxRuntime(OnnxRuntime ort, NetworkSpec spec, ImageSet images, int iters) {
        double[] passes = new double[iters];
        for (int i = 0; i < iters; i++) {
            long t = System.nanoTime();
            OnnxEvaluation.logits(ort, spec.input(), images, spec.classes());
            passes[i] = since(t);
        }
        return passes;
    }

    /** The sum of {@code passes}, and their median. */
    static Map<String, Object> passes(double[] passes) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seconds", Arrays.stream(passes).sum());
        r.put("passMedian", median(passes));
        return r;
    }

    /** The median of {@code v} (the mean of the middle two for an even count). */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** {@link Capture#pooled}: the layer's pooled activations of every image, as an N x C matrix. */
    static double capture(Network net, ImageSet images, String layer) {
        long t = System.nanoTime();
        double[][] out = Capture.pooled(net, images, layer, Progress.silent("capture", images.size()));
        double s = since(t);
        if (out.length != images.size()) {
            throw new IllegalStateException("capture returned " + out.length + " rows");
        }
        return s;
    }

    /** The same batches as {@link Capture} (250 images), run to the same layer, the output left in the engine. */
    static double forwardTo(Network net, ImageSet images, String layer) {
        Batches batches = new Batches(images, net.spec().input(), Capture.BATCH);
        long t = System.nanoTime();
        for (int from = 0; from < images.size(); from += Capture.BATCH) {
            int to = Math.min(images.size(), from + Capture.BATCH);
            try (NDManager m = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                net.forwardTo(batches.images(m, null, from, to), layer);
                scope.suppressNotUsedWarning();
            }
        }
        return since(t);
    }

    /** {@link Evaluator#evaluate}: the whole network, batches of 250, accuracy and loss. */
    static double evaluate(Network net, ImageSet images) {
        long t = System.nanoTime();
        Evaluator.evaluate(net, images);
        return since(t);
    }

    /** One n x n float32 product through the engine, waited for by reading one value. */
    static double matmul(NDManager manager, int n) {
        try (NDManager m = manager.newSubManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
            long t = System.nanoTime();
            NDArray c = a.matMul(b);
            c.getFloat(0, 0);
            return since(t);
        }
    }

    static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
