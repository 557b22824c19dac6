package dev.irprune.cli;

import dev.irprune.data.DatasetName;
import dev.irprune.model.InputSpec;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Vgg;
import picocli.CommandLine.Option;

/** Options that choose a new network's architecture. */
final class ModelOptions {
    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "vgg16", converter = ArchConverter.class,
            description = "Network depth: vgg11, vgg13, vgg16 or vgg19 (default: ${DEFAULT-VALUE}).")
    Vgg.Arch arch;

    @Option(names = "--width", paramLabel = "F", defaultValue = "1", converter = Ranges.Width.class,
            description = "Multiplies every convolution and dense hidden width, at least 1 filter; > 0 and <= 8 (e.g. 0.25 for a quarter; default: ${DEFAULT-VALUE}).")
    double width;

    @Option(names = "--dense-width", paramLabel = "N", defaultValue = "4096", converter = Ranges.DenseWidth.class,
            description = "Units of the two hidden dense layers before --width, 1 .. 32768, and at most 32768 after it (default: ${DEFAULT-VALUE}; 512 is common for CIFAR).")
    int denseWidth;

    @Option(names = "--batch-norm", description = "Batch normalisation after each convolution (trains much faster; not in the reference).")
    boolean batchNorm;

    @Option(names = "--dropout", paramLabel = "RATE", defaultValue = "0.5", converter = Ranges.Dropout.class,
            description = "Dropout rate, >= 0 and < 1, 0 for none (default: ${DEFAULT-VALUE}).")
    double dropout;

    /**
     * The network for images of the given data set. Each option has its range (see {@link Ranges});
     * the dense width after {@code --width} must also stay within {@link Ranges#MAX_UNITS}, so
     * that every weight tensor fits a Java array and every count a {@code long}.
     */
    NetworkSpec spec(DatasetName dataset) {
        long units = Math.round(denseWidth * width);
        if (units > Ranges.MAX_UNITS) {
            throw new dev.irprune.io.InputException("--dense-width " + denseWidth + " at --width " + width + " gives "
                    + units + " units per dense layer; at most " + Ranges.MAX_UNITS + " are supported");
        }
        Vgg.Options o;
        try {
            o = new Vgg.Options(arch, width, denseWidth, batchNorm, dropout, 10);
        } catch (IllegalArgumentException e) {
            throw new dev.irprune.io.InputException(e.getMessage());
        }
        int channels = dataset == DatasetName.CIFAR10 ? 3 : 1;
        return Vgg.build(o, InputSpec.of(channels, 32, 32));
    }

    static final class ArchConverter implements picocli.CommandLine.ITypeConverter<Vgg.Arch> {
        @Override
        public Vgg.Arch convert(String value) {
            try {
                return Vgg.Arch.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
