package dev.irprune.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The bundled demo set: the first 12,000 training and the first 2,000 test images of Fashion-MNIST,
 * stored as gzipped IDX class-path resources (made by {@code scripts/make-demo-data.py}; MIT licence
 * beside them). Works from the jar, with no network and no installed data.
 */
public final class DemoData {
    /** Class-path folder of the resources. */
    public static final String RESOURCE_DIR = "/dev/irprune/data/demo/";
    public static final int TRAIN_SIZE = 12_000;
    public static final int TEST_SIZE = 2_000;

    private DemoData() {}

    /** The 12,000 training images, 1×28×28. */
    public static ImageSet train() {
        return read(FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS);
    }

    /** The 2,000 test images, 1×28×28. */
    public static ImageSet test() {
        return read(FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS);
    }

    private static ImageSet read(String images, String labels) {
        String imagesName = RESOURCE_DIR + images + ".gz";
        String labelsName = RESOURCE_DIR + labels + ".gz";
        return FashionMnist.combine(resource(imagesName, 3), "bundled " + imagesName,
                resource(labelsName, 1), "bundled " + labelsName);
    }

    /** The digests of the bundled files: training files, or test files. */
    static java.util.List<DataFile> files(boolean train) {
        java.util.List<DataFile> out = new java.util.ArrayList<>();
        String[] names = train ? new String[] {FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS}
                : new String[] {FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS};
        for (String n : names) {
            String name = RESOURCE_DIR + n + ".gz";
            try (InputStream in = DemoData.class.getResourceAsStream(name)) {
                out.add(DataFile.of("bundled " + name, in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static IdxReader.Idx resource(String name, int dimensions) {
        try (InputStream in = DemoData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the bundled demo file " + name + " is missing from the class path");
            }
            return IdxReader.read(in, "bundled " + name, dimensions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + name + ": " + e.getMessage(), e);
        }
    }
}
