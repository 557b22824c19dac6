package dev.irprune.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * VGG networks for small images, built as the reference program builds VGG16: 3x3 convolutions
 * with ReLU and L2 5e-4, dropout after every convolution of a block but the last, 2x2 max-pooling
 * after each block, then two ReLU dense layers (L2 0.1) each followed by dropout, and a softmax
 * output layer without L2.
 */
public final class Vgg {
    public static final double CONV_L2 = 5e-4;
    public static final double DENSE_L2 = 0.1;

    /** The VGG depths: filters per convolution, block by block. */
    public enum Arch {
        VGG11(new int[][] {{64}, {128}, {256, 256}, {512, 512}, {512, 512}}),
        VGG13(new int[][] {{64, 64}, {128, 128}, {256, 256}, {512, 512}, {512, 512}}),
        VGG16(new int[][] {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}}),
        VGG19(new int[][] {{64, 64}, {128, 128}, {256, 256, 256, 256}, {512, 512, 512, 512}, {512, 512, 512, 512}});

        private final int[][] blocks;

        Arch(int[][] blocks) {
            this.blocks = blocks;
        }

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Arch parse(String s) {
            for (Arch a : values()) {
                if (a.cliName().equalsIgnoreCase(s)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown architecture '" + s + "' (expected vgg11, vgg13, vgg16 or vgg19)");
        }
    }

    /** How to build a VGG: depth, width multiplier, dense width, batch norm, dropout rate. */
    public record Options(Arch arch, double width, int denseWidth, boolean batchNorm, double dropout, int classes) {
        public Options {
            if (arch == null) {
                throw new IllegalArgumentException("architecture is required");
            }
            if (!(width > 0) || Double.isInfinite(width)) {
                throw new IllegalArgumentException("width must be a positive number, got " + width);
            }
            if (denseWidth < 1) {
                throw new IllegalArgumentException("dense width must be at least 1, got " + denseWidth);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
            if (classes < 2) {
                throw new IllegalArgumentException("at least 2 classes are needed, got " + classes);
            }
        }

        /** The reference network: VGG16, full width, dense 4096, no batch norm, dropout 0.5, 10 classes. */
        public static Options reference() {
            return new Options(Arch.VGG16, 1.0, 4096, false, 0.5, 10);
        }
    }

    private Vgg() {}

    public static NetworkSpec build(Options o, InputSpec input) {
        List<LayerSpec> layers = new ArrayList<>();
        int[][] blocks = o.arch().blocks;
        for (int b = 0; b < blocks.length; b++) {
            for (int i = 0; i < blocks[b].length; i++) {
                String id = (b + 1) + "_" + (i + 1);
                layers.add(new ConvSpec("conv" + id, scale(blocks[b][i], o.width()), 3, o.batchNorm(), CONV_L2));
                if (i < blocks[b].length - 1 && o.dropout() > 0) {
                    layers.add(new DropoutSpec("drop" + id, o.dropout()));
                }
            }
            layers.add(new PoolSpec("pool" + (b + 1), 2));
        }
        layers.add(new FlattenSpec("flatten"));
        for (int i = 1; i <= 2; i++) {
            layers.add(new DenseSpec("fc" + i, scale(o.denseWidth(), o.width()), DenseSpec.Activation.RELU, DENSE_L2));
            if (o.dropout() > 0) {
                layers.add(new DropoutSpec("drop_fc" + i, o.dropout()));
            }
        }
        layers.add(new DenseSpec("output", o.classes(), DenseSpec.Activation.SOFTMAX, 0));
        String arch = o.arch().cliName() + (o.batchNorm() ? "-bn" : "");
        return new NetworkSpec(arch, input, layers);
    }

    static int scale(int width, double factor) {
        return Math.max(1, (int) Math.round(width * factor));
    }
}
