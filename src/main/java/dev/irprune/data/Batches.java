package dev.irprune.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.irprune.model.InputSpec;
import java.nio.FloatBuffer;
import java.util.Arrays;

/** Turns raw images into preprocessed float batches (N x C x H x W) on the engine, through a 256-entry table ({@link InputSpec#table()}). */
public final class Batches {
    private final ImageSet images;
    private final float[] table;
    private final float[] buffer;
    private final int[] labelBuffer;

    public Batches(ImageSet images, InputSpec input, int maxBatch) {
        check(images, input);
        this.images = images;
        this.table = input.table();
        this.buffer = new float[maxBatch * images.imageBytes()];
        this.labelBuffer = new int[maxBatch];
    }

    /** Fails with one line if the images are not of the shape the network takes. */
    public static void check(ImageSet images, InputSpec input) {
        if (images.channels() != input.channels() || images.height() != input.height() || images.width() != input.width()) {
            throw new dev.irprune.io.InputException("the data's images are " + images.channels() + "x" + images.height() + "x"
                    + images.width() + " but the network expects " + input.shape());
        }
    }

    public int size() {
        return images.size();
    }

    /** Images {@code order[from..to)} (or {@code from..to} when {@code order} is null) as N x C x H x W. */
    public NDArray images(NDManager manager, int[] order, int from, int to) {
        int n = fill(order, from, to);
        Shape shape = new Shape(to - from, images.channels(), images.height(), images.width());
        return manager.create(FloatBuffer.wrap(buffer, 0, n), shape);
    }

    /** Images {@code from..to} as a new N x C x H x W row-major array of floats, for runtimes other than the engine. */
    public float[] floats(int from, int to) {
        return Arrays.copyOf(buffer, fill(null, from, to));
    }

    /** Preprocesses the images into the buffer; returns how many floats it filled. */
    private int fill(int[] order, int from, int to) {
        int per = images.imageBytes();
        byte[] px = images.pixels();
        for (int i = from; i < to; i++) {
            int src = (order == null ? i : order[i]) * per;
            int dst = (i - from) * per;
            for (int k = 0; k < per; k++) {
                buffer[dst + k] = table[px[src + k] & 0xff];
            }
        }
        return (to - from) * per;
    }

    /** Labels of the same images, as int32. */
    public NDArray labels(NDManager manager, int[] order, int from, int to) {
        for (int i = from; i < to; i++) {
            labelBuffer[i - from] = images.labels()[order == null ? i : order[i]];
        }
        return manager.create(java.nio.IntBuffer.wrap(labelBuffer, 0, to - from), new Shape(to - from));
    }
}
