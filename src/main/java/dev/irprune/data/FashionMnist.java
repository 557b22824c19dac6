package dev.irprune.data;

import dev.irprune.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fashion-MNIST from its four IDX files, gzipped or not. The 28×28 images are zero-padded to
 * 32×32 (2 pixels on every side), one channel, so that VGG16's geometry is the same as for CIFAR-10.
 */
public final class FashionMnist {
    /** Where the Debian package dataset-fashion-mnist installs the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** Side of the stored images. */
    public static final int SIZE = 28;
    /** Side of the images after padding. */
    public static final int PADDED_SIZE = 32;
    public static final int CLASSES = 10;

    private FashionMnist() {}

    /** The 60,000 training images of the files in {@code dir}, 1×28×28. */
    public static ImageSet readTrain(Path dir) {
        return read(locate(dir, TRAIN_IMAGES), locate(dir, TRAIN_LABELS));
    }

    /** The 10,000 test images of the files in {@code dir}, 1×28×28. */
    public static ImageSet readTest(Path dir) {
        return read(locate(dir, TEST_IMAGES), locate(dir, TEST_LABELS));
    }

    /** Reads one image file and its label file. */
    public static ImageSet read(Path images, Path labels) {
        return combine(IdxReader.read(images, 3), images.toString(), IdxReader.read(labels, 1), labels.toString());
    }

    /** The training files (images, labels) in {@code dir}. */
    public static java.util.List<Path> trainFiles(Path dir) {
        return java.util.List.of(locate(dir, TRAIN_IMAGES), locate(dir, TRAIN_LABELS));
    }

    /** The test files (images, labels) in {@code dir}. */
    public static java.util.List<Path> testFiles(Path dir) {
        return java.util.List.of(locate(dir, TEST_IMAGES), locate(dir, TEST_LABELS));
    }

    /** The file {@code base.gz} or {@code base} in {@code dir} (the gzipped one if both exist). */
    static Path locate(Path dir, String base) {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new InputException(gz + ": missing file (nor " + base + " there); install the Debian package"
                + " dataset-fashion-mnist, or put the four Fashion-MNIST IDX files (gzipped or not) from"
                + " https://github.com/zalandoresearch/fashion-mnist into " + dir + " and pass --data-dir " + dir);
    }

    /** Checks that images and labels match and are valid: 1×28×28 images, as stored. */
    static ImageSet combine(IdxReader.Idx images, String imagesName, IdxReader.Idx labels, String labelsName) {
        int[] d = images.dims();
        if (d[1] != SIZE || d[2] != SIZE) {
            throw new InputException(imagesName + ": images are " + d[1] + "x" + d[2] + ", expected "
                    + SIZE + "x" + SIZE);
        }
        if (images.count() != labels.count()) {
            throw new InputException(imagesName + ": image/label count mismatch: " + images.count()
                    + " images but " + labels.count() + " labels in " + labelsName);
        }
        byte[] raw = labels.data();
        int[] classes = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            int label = raw[i] & 0xFF;
            if (label >= CLASSES) {
                throw new InputException(labelsName + ": label " + label + " of item " + i + " is outside 0-"
                        + (CLASSES - 1));
            }
            classes[i] = label;
        }
        return new ImageSet(images.data(), classes, 1, SIZE, SIZE);
    }

}
