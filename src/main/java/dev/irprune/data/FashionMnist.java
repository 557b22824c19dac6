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

    /** The 60,000 training images of the files in {@code dir}, padded to 1×32×32. */
    public static ImageSet readTrain(Path dir) {
        return read(locate(dir, TRAIN_IMAGES), locate(dir, TRAIN_LABELS));
    }

    /** The 10,000 test images of the files in {@code dir}, padded to 1×32×32. */
    public static ImageSet readTest(Path dir) {
        return read(locate(dir, TEST_IMAGES), locate(dir, TEST_LABELS));
    }

    /** Reads one image file and its label file. */
    public static ImageSet read(Path images, Path labels) {
        return combine(IdxReader.read(images, 3), images.toString(), IdxReader.read(labels, 1), labels.toString());
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

    /** Checks that images and labels match and are valid, and pads the images to 32×32. */
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
        return new ImageSet(pad(images.data(), images.count()), classes, 1, PADDED_SIZE, PADDED_SIZE);
    }

    /** Places each 28×28 image in the middle of a zero 32×32 image. */
    static byte[] pad(byte[] images, int count) {
        int margin = (PADDED_SIZE - SIZE) / 2;
        int in = SIZE * SIZE;
        int out = PADDED_SIZE * PADDED_SIZE;
        byte[] padded = new byte[count * out];
        for (int i = 0; i < count; i++) {
            for (int row = 0; row < SIZE; row++) {
                System.arraycopy(images, i * in + row * SIZE, padded,
                        i * out + (row + margin) * PADDED_SIZE + margin, SIZE);
            }
        }
        return padded;
    }
}
