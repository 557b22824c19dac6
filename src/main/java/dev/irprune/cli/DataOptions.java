package dev.irprune.cli;

import dev.irprune.data.DataConfig;
import dev.irprune.data.DatasetName;
import java.nio.file.Path;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** The options that choose the data: a picocli mixin ({@code @Mixin DataOptions data;}). */
public final class DataOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "cifar10",
            converter = DatasetConverter.class, completionCandidates = DatasetNames.class,
            description = "Data set: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "demo is a bundled subset of Fashion-MNIST that needs no download.")
    DatasetName dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with the data set's files. Default for cifar10: "
                    + "$XDG_CACHE_HOME/irprune/cifar10 or ~/.cache/irprune/cifar10, where the files are "
                    + "downloaded if missing. Default for fashion-mnist: /usr/share/datasets/fashion-mnist "
                    + "(Debian package dataset-fashion-mnist). Not for demo.")
    Path dataDir;

    @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0", converter = Ranges.ImageLimit.class,
            description = "Use only the first N training images (default: 0 = all).")
    int trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", defaultValue = "0", converter = Ranges.ImageLimit.class,
            description = "Use only the first N test images (default: 0 = all).")
    int testLimit;

    /** The options as a config record; a combination that makes no sense is a usage error. */
    public DataConfig config() {
        try {
            return new DataConfig(dataset, dataDir, trainLimit, testLimit);
        } catch (IllegalArgumentException e) {
            if (mixee == null) {
                throw e;
            }
            throw new ParameterException(mixee.commandLine(), "invalid data options: " + e.getMessage());
        }
    }

    /** Parses {@code --dataset} values by their command-line names. */
    static final class DatasetConverter implements ITypeConverter<DatasetName> {
        @Override
        public DatasetName convert(String value) {
            try {
                return DatasetName.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The command-line names of the data sets, for help and completion. */
    static final class DatasetNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return DatasetName.cliNames().iterator();
        }
    }
}
