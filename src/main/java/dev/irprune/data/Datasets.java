package dev.irprune.data;

import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads a data set as configured: reads (or fetches) it, applies the limits, fits the normalisation. */
public final class Datasets {
    private static final Logger log = LoggerFactory.getLogger(Datasets.class);
    /** The {@code source} of the bundled demo set. */
    public static final String DEMO_SOURCE = "bundled demo";

    private Datasets() {}

    /**
     * Loads the data set of {@code config}: the first {@code trainLimit} training and
     * {@code testLimit} test images (all for 0), with the normalisation fitted on the training
     * images used. CIFAR-10 is downloaded first if its files are missing.
     *
     * @throws dev.irprune.io.InputException with a one-line message if the files are missing or malformed
     */
    public static DataSplit load(DataConfig config) {
        return load(config, new Cifar10Download());
    }

    /** As {@link #load(DataConfig)}, fetching missing CIFAR-10 files with {@code download}. */
    static DataSplit load(DataConfig config, Cifar10Download download) {
        long start = System.nanoTime();
        DatasetName dataset = config.dataset();
        Path dir = config.dataDir() != null ? config.dataDir() : defaultDataDir(dataset);
        ImageSet train;
        ImageSet test;
        String source;
        switch (dataset) {
            case CIFAR10 -> {
                Path found = Cifar10.ensure(dir, download);
                train = Cifar10.readTrain(found);
                test = Cifar10.readTest(found);
                source = found.toString();
            }
            case FASHION_MNIST -> {
                train = FashionMnist.readTrain(dir);
                test = FashionMnist.readTest(dir);
                source = dir.toString();
            }
            case DEMO -> {
                train = DemoData.train();
                test = DemoData.test();
                source = DEMO_SOURCE;
            }
            default -> throw new IllegalStateException("unknown data set " + dataset);
        }
        train = limit(train, config.trainLimit());
        test = limit(test, config.testLimit());
        if (train.size() == 0 || test.size() == 0) {
            throw new dev.irprune.io.InputException(source + ": the " + dataset.cliName() + " "
                    + (train.size() == 0 ? "training" : "test") + " files hold no images");
        }
        DataSplit split = new DataSplit(dataset.cliName(), source, train, test);
        log.info("Loaded {} from {}: {} training and {} test images of {}x{}x{}, mean {}, std {} ({} ms)",
                dataset.cliName(), source, train.size(), test.size(), train.channels(), train.height(),
                train.width(), (float) split.normalization().mean(), (float) split.normalization().std(),
                (System.nanoTime() - start) / 1_000_000);
        return split;
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
            case DEMO -> null;
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
