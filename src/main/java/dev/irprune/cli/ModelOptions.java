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

    @Option(names = "--width", paramLabel = "F", defaultValue = "1",
            description = "Multiplies every convolution and dense hidden width, at least 1 filter (e.g. 0.25 for a quarter; default: ${DEFAULT-VALUE}).")
    double width;

    @Option(names = "--dense-width", paramLabel = "N", defaultValue = "4096",
            description = "Units of the two hidden dense layers before --width (default: ${DEFAULT-VALUE}; 512 is common for CIFAR).")
    int denseWidth;

    @Option(names = "--batch-norm", description = "Batch normalisation after each convolution (trains much faster; not in the reference).")
    boolean batchNorm;

    @Option(names = "--dropout", paramLabel = "RATE", defaultValue = "0.5", description = "Dropout rate, 0 for none (default: ${DEFAULT-VALUE}).")
    double dropout;

    /** The network for images of the given data set. */
    NetworkSpec spec(DatasetName dataset) {
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
