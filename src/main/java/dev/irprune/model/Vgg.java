package dev.irprune.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * VGG networks for small images (Simonyan and Zisserman 2015), built as the reference program
 * builds VGG16: 3x3 convolutions with ReLU and L2 5e-4, dropout after every convolution of a block
 * but the last, 2x2 max-pooling after each block, then two ReLU dense layers (L2 0.1) each
 * followed by dropout, and a softmax output layer without L2.
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

    /**
     * The graph: per convolution {@code convB_I} (3x3, stride 1, same padding, bias), then
     * {@code convB_I_bn} with batch norm, {@code convB_I_relu}, and {@code dropB_I} between the
     * convolutions of a block; {@code poolB} after each block; {@code flatten} (NCHW); {@code fc1},
     * {@code fc2} (ReLU) each with {@code drop_fcN}; {@code output} (one unit per class) and the
     * softmax {@code probabilities}.
     */
    public static NetworkSpec build(Options o, InputSpec input) {
        List<NodeSpec> nodes = new ArrayList<>();
        String last = NetworkSpec.INPUT;
        int[][] blocks = o.arch().blocks;
        for (int b = 0; b < blocks.length; b++) {
            for (int i = 0; i < blocks[b].length; i++) {
                String id = (b + 1) + "_" + (i + 1);
                String conv = "conv" + id;
                nodes.add(ConvSpec.same(conv, last, scale(blocks[b][i], o.width()), 3, true, CONV_L2));
                last = conv;
                if (o.batchNorm()) {
                    nodes.add(BatchNormSpec.of(conv + "_bn", last));
                    last = conv + "_bn";
                }
                nodes.add(new ActivationSpec(conv + "_relu", last, Activation.RELU));
                last = conv + "_relu";
                if (i < blocks[b].length - 1 && o.dropout() > 0) {
                    nodes.add(new DropoutSpec("drop" + id, last, o.dropout()));
                    last = "drop" + id;
                }
            }
            nodes.add(PoolSpec.max("pool" + (b + 1), last, 2));
            last = "pool" + (b + 1);
        }
        nodes.add(new FlattenSpec("flatten", last, FlattenSpec.Layout.NCHW));
        last = "flatten";
        for (int i = 1; i <= 2; i++) {
            nodes.add(new DenseSpec("fc" + i, last, scale(o.denseWidth(), o.width()), Activation.RELU, true, DENSE_L2));
            last = "fc" + i;
            if (o.dropout() > 0) {
                nodes.add(new DropoutSpec("drop_fc" + i, last, o.dropout()));
                last = "drop_fc" + i;
            }
        }
        nodes.add(new DenseSpec("output", last, o.classes(), Activation.IDENTITY, true, 0));
        nodes.add(new OutputSpec("probabilities", "output", OutputSpec.Kind.SOFTMAX));
        String arch = o.arch().cliName() + (o.batchNorm() ? "-bn" : "");
        return new NetworkSpec(arch, input, nodes);
    }

    static int scale(int width, double factor) {
        return Math.max(1, Math.toIntExact(Math.round(width * factor)));
    }
}
