package dev.irprune.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads a data set as configured: reads (or fetches) it, applies the limits, fits the normalisation. */
public final class Datasets {
    private static final Logger log = LoggerFactory.getLogger(Datasets.class);
    /** The {@code source} of the bundled demo set. */
    public static final String DEMO_SOURCE = "bundled demo";

    private Datasets() {}

    /** IRPrune's own networks take 32×32 images: the MNIST-style sets are padded to it. */
    public static final int OWN_SIZE = 32;

    /**
     * Loads the data set of {@code config} at IRPrune's own 32×32 (see {@link #load(DataConfig, int, int)}).
     *
     * @throws dev.irprune.io.InputException with a one-line message if the files are missing or malformed
     */
    public static DataSplit load(DataConfig config) {
        return load(config, OWN_SIZE, OWN_SIZE);
    }

    /**
     * Loads the data set of {@code config}: the first {@code trainLimit} training and
     * {@code testLimit} test images (all for 0), brought to {@code height x width} (28×28 images
     * are zero-padded to a larger size, never cut), with the normalisation fitted on the training
     * images used. CIFAR-10 is downloaded first if its files are missing.
     *
     * @throws dev.irprune.io.InputException with a one-line message if the files are missing or
     *     malformed, or the images cannot have that size
     */
    public static DataSplit load(DataConfig config, int height, int width) {
        return load(config, height, width, true, new Cifar10Download());
    }

    /** The test images alone (enough for evaluation: a folder with only the test files will do). */
    public static DataSplit loadTest(DataConfig config, int height, int width) {
        return load(config, height, width, false, new Cifar10Download());
    }

    /** As {@link #load(DataConfig)}, fetching missing CIFAR-10 files with {@code download}. */
    static DataSplit load(DataConfig config, Cifar10Download download) {
        return load(config, OWN_SIZE, OWN_SIZE, true, download);
    }

    private static DataSplit load(DataConfig config, int height, int width, boolean withTrain, Cifar10Download download) {
        long start = System.nanoTime();
        DatasetName dataset = config.dataset();
        Path dir = config.dataDir() != null ? config.dataDir() : defaultDataDir(dataset);
        ImageSet train = null;
        ImageSet test;
        String source;
        List<DataFile> files = new ArrayList<>();
        switch (dataset) {
            case CIFAR10 -> {
                Path found = withTrain ? Cifar10.ensure(dir, download) : dir;
                if (withTrain) {
                    train = Cifar10.readTrain(found);
                    Cifar10.TRAIN_FILES.forEach(f -> files.add(DataFile.of(found.resolve(f))));
                }
                test = Cifar10.readTest(found);
                files.add(DataFile.of(found.resolve(Cifar10.TEST_FILE)));
                source = found.toString();
            }
            case FASHION_MNIST, MNIST -> {
                if (dir == null) {
                    throw new dev.irprune.io.InputException("--dataset mnist needs --data-dir: a folder with the MNIST IDX files "
                            + "(t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz], and the train-* files to train)");
                }
                if (withTrain) {
                    needTrainFiles(dir, dataset);
                    train = FashionMnist.readTrain(dir);
                    FashionMnist.trainFiles(dir).forEach(f -> files.add(DataFile.of(f)));
                }
                test = FashionMnist.readTest(dir);
                FashionMnist.testFiles(dir).forEach(f -> files.add(DataFile.of(f)));
                source = dir.toString();
            }
            case DEMO -> {
                if (withTrain) {
                    train = DemoData.train();
                    files.addAll(DemoData.files(true));
                }
                test = DemoData.test();
                files.addAll(DemoData.files(false));
                source = DEMO_SOURCE;
            }
            default -> throw new IllegalStateException("unknown data set " + dataset);
        }
        test = resize(limit(test, config.testLimit()), height, width, dataset);
        if (train != null) {
            train = resize(limit(train, config.trainLimit()), height, width, dataset);
        } else {
            train = new ImageSet(new byte[0], new int[0], test.channels(), test.height(), test.width());
        }
        if ((withTrain && train.size() == 0) || test.size() == 0) {
            throw new dev.irprune.io.InputException(source + ": the " + dataset.cliName() + " "
                    + (test.size() > 0 ? "training" : "test") + " files hold no images");
        }
        DataSplit split = new DataSplit(dataset.cliName(), source, train, test).withFiles(files);
        log.info("Loaded {} from {}: {} training and {} test images of {}x{}x{} ({} ms)", dataset.cliName(), source, train.size(),
                test.size(), test.channels(), test.height(), test.width(), (System.nanoTime() - start) / 1_000_000);
        return split;
    }

    /** One clear line when a folder holds only an IDX test set (as the shared MNIST folder does). */
    private static void needTrainFiles(Path dir, DatasetName dataset) {
        if (!hasIdx(dir, FashionMnist.TRAIN_IMAGES) && hasIdx(dir, FashionMnist.TEST_IMAGES)) {
            throw new dev.irprune.io.InputException(dir + ": only the " + dataset.cliName() + " test files are here; training, "
                    + "pruning and fine-tuning need the training images too (" + FashionMnist.TRAIN_IMAGES + "[.gz] and "
                    + FashionMnist.TRAIN_LABELS + "[.gz]); eval needs only the test files");
        }
    }

    private static boolean hasIdx(Path dir, String base) {
        return java.nio.file.Files.isRegularFile(dir.resolve(base + ".gz")) || java.nio.file.Files.isRegularFile(dir.resolve(base));
    }

    private static ImageSet resize(ImageSet set, int height, int width, DatasetName dataset) {
        if (set.height() > height || set.width() > width) {
            throw new dev.irprune.io.InputException("the network takes " + height + "x" + width + " images but "
                    + dataset.cliName() + "'s are " + set.height() + "x" + set.width());
        }
        return set.padTo(height, width);
    }

    /**
     * The folder a data set is read from when none is given: for CIFAR-10
     * {@code $XDG_CACHE_HOME/irprune/cifar10} (or {@code ~/.cache/irprune/cifar10}), for
     * Fashion-MNIST {@code /usr/share/datasets/fashion-mnist} (the Debian package
     * dataset-fashion-mnist); null for the bundled demo set.
     */
    public static Path defaultDataDir(DatasetName dataset) {
        return defaultDataDir(dataset, System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultDataDir(DatasetName dataset, Map<String, String> env, String userHome) {
        return switch (dataset) {
            case CIFAR10 -> cacheDir(env, userHome).resolve("irprune").resolve("cifar10");
            case FASHION_MNIST -> FashionMnist.DEFAULT_DIR;
            case MNIST, DEMO -> null;
        };
    }

    /** {@code $XDG_CACHE_HOME} if set to an absolute path (as the XDG spec asks), else {@code ~/.cache}. */
    private static Path cacheDir(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        return Path.of(userHome, ".cache");
    }

    private static ImageSet limit(ImageSet set, int limit) {
        return limit == 0 ? set : set.head(limit);
    }
}
