package dev.irprune.cli;

import dev.irprune.io.InputException;
import dev.irprune.model.Arch;
import dev.irprune.model.InputSpec;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.ResNet;
import dev.irprune.model.Vgg;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options that choose a new network's architecture. */
final class ModelOptions {
    static final String[] VGG_ONLY = {"--dense-width", "--batch-norm", "--dropout"};

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "vgg16", converter = ArchConverter.class,
            description = "Network: vgg11, vgg13, vgg16, vgg19 (as the reference builds VGG16), or resnet20, resnet32, resnet44, resnet56, resnet110 (He et al. 2016, CIFAR) (default: ${DEFAULT-VALUE}).")
    Arch arch;

    @Option(names = "--width", paramLabel = "F", defaultValue = "1", converter = Ranges.Width.class,
            description = "Multiplies every convolution and dense hidden width, at least 1 filter; > 0 and <= 8 (e.g. 0.25 for a quarter; default: ${DEFAULT-VALUE}).")
    double width;

    @Option(names = "--dense-width", paramLabel = "N", defaultValue = "4096", converter = Ranges.DenseWidth.class,
            description = "VGG: units of the two hidden dense layers before --width, 1 .. 32768, and at most 32768 after it (default: ${DEFAULT-VALUE}; 512 is common for CIFAR).")
    int denseWidth;

    @Option(names = "--batch-norm", description = "VGG: batch normalisation after each convolution (trains much faster; not in the reference). ResNets always have it.")
    boolean batchNorm;

    @Option(names = "--dropout", paramLabel = "RATE", defaultValue = "0.5", converter = Ranges.Dropout.class,
            description = "VGG: dropout rate, >= 0 and < 1, 0 for none (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--shortcut", paramLabel = "A|B", defaultValue = "A",
            description = "ResNet: where a stage widens, A = identity subsampled and zero-padded (the paper's; default), B = 1x1 projection and batch norm.")
    String shortcut;

    /** The network for images of {@code channels x 32 x 32} and {@code classes} classes. */
    NetworkSpec spec(int channels, int classes) {
        long units = Math.round(denseWidth * width);
        if (!arch.isResNet() && units > Ranges.MAX_UNITS) {
            throw new InputException("--dense-width " + denseWidth + " at --width " + width + " gives "
                    + units + " units per dense layer; at most " + Ranges.MAX_UNITS + " are supported");
        }
        try {
            InputSpec input = InputSpec.of(channels, 32, 32);
            if (arch.isResNet()) {
                TrainedWith.reject(mixee, "applies to VGG networks only", VGG_ONLY);
                ResNet.Shortcut s = switch (shortcut.toUpperCase(java.util.Locale.ROOT)) {
                    case "A" -> ResNet.Shortcut.A;
                    case "B" -> ResNet.Shortcut.B;
                    default -> throw new IllegalArgumentException("--shortcut must be A or B, got " + shortcut);
                };
                return ResNet.build(new ResNet.Options(arch.depth(), s, width, classes), input);
            }
            TrainedWith.reject(mixee, "applies to ResNets only", "--shortcut");
            return Vgg.build(new Vgg.Options(arch.vgg(), width, denseWidth, batchNorm, dropout, classes), input);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InputException(e.getMessage());
        }
    }

    static final class ArchConverter implements picocli.CommandLine.ITypeConverter<Arch> {
        @Override
        public Arch convert(String value) {
            try {
                return Arch.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
