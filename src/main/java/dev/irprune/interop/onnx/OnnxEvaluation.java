package dev.irprune.interop.onnx;

import dev.irprune.data.Batches;
import dev.irprune.data.ImageSet;
import dev.irprune.model.InputSpec;
import dev.irprune.run.Interrupts;

/** An ONNX model's logits on a set of images in ONNX Runtime, the pixels preprocessed as {@code input} says. */
public final class OnnxEvaluation {
    /** Images per run. */
    public static final int BATCH = 250;

    private OnnxEvaluation() {}

    /**
     * The N x classes logits, row-major.
     *
     * @throws dev.irprune.io.InputException if the images are not of the input's shape
     */
    public static float[] logits(OnnxRuntime runtime, InputSpec input, ImageSet images, int classes) {
        Batches batches = new Batches(images, input, BATCH);
        float[] out = new float[images.size() * classes];
        for (int from = 0; from < images.size(); from += BATCH) {
            int to = Math.min(images.size(), from + BATCH);
            Interrupts.check();
            float[] x = batches.floats(from, to);
            float[] y = runtime.run(x, to - from, images.channels(), images.height(), images.width());
            if (y.length != (to - from) * classes) {
                throw new IllegalStateException("ONNX Runtime gave " + y.length + " outputs for " + (to - from) + " images of "
                        + classes + " classes");
            }
            System.arraycopy(y, 0, out, from * classes, y.length);
        }
        return out;
    }
}
