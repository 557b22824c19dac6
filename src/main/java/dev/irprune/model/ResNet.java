package dev.irprune.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Residual networks for CIFAR as in He et al. 2016, "Deep Residual Learning for Image Recognition",
 * section 4.2: a 3x3 convolution of 16 filters, three stages of n basic blocks with 16, 32 and 64
 * filters (stride 2 at the first block of stages 2 and 3), global average pooling and a dense
 * output; depth 6n + 2 (20, 32, 44, 56, 110). Every convolution is 3x3 with one pixel of padding,
 * no bias, followed by batch normalisation. A basic block is conv, BN, ReLU, conv, BN, added to
 * its shortcut, then ReLU. Where a stage widens, the shortcut is option A (the paper's choice, used
 * by the HRank, CHIP and DepGraph results): the identity subsampled by 2 (a 1x1 max-pool of stride
 * 2 picks every other pixel) with zero channels added on both sides; or option B: a 1x1
 * convolution of stride 2 and batch normalisation.
 *
 * <p>Node names follow the usual PyTorch ones with '_' for '.': {@code conv1}, {@code bn1},
 * {@code relu1}, then per block {@code layerS_B_conv1 .. layerS_B_bn2}, the shortcut
 * ({@code layerS_B_down} and {@code layerS_B_pad}, or {@code layerS_B_shortcut} and
 * {@code layerS_B_shortcut_bn}), {@code layerS_B_add} and {@code layerS_B_relu}; then {@code pool},
 * {@code flatten}, {@code fc} and {@code probabilities}. Convolutions and the dense layer carry an
 * L2 of 5e-5 (its gradient 1e-4 * w is the paper's weight decay).
 */
public final class ResNet {
    /** The L2 coefficient lambda: loss += lambda * sum(w^2), so the decay of the gradient is 2 * lambda = 1e-4. */
    public static final double L2 = 5e-5;

    /** How a block's shortcut changes width and resolution. */
    public enum Shortcut { A, B }

    /** Depth 6n + 2, shortcut option, width multiplier (16, 32, 64 filters times it), classes. */
    public record Options(int depth, Shortcut shortcut, double width, int classes) {
        public Options {
            if (depth < 8 || (depth - 2) % 6 != 0) {
                throw new IllegalArgumentException("a CIFAR ResNet has depth 6n + 2 (20, 32, 44, 56, 110), got " + depth);
            }
            if (shortcut == null) {
                throw new IllegalArgumentException("the shortcut option (A or B) is required");
            }
            if (!(width > 0) || Double.isInfinite(width)) {
                throw new IllegalArgumentException("width must be a positive number, got " + width);
            }
            if (classes < 2) {
                throw new IllegalArgumentException("at least 2 classes are needed, got " + classes);
            }
        }

        /** Basic blocks per stage. */
        public int blocks() {
            return (depth - 2) / 6;
        }
    }

    private ResNet() {}

    public static NetworkSpec build(Options o, InputSpec input) {
        List<NodeSpec> nodes = new ArrayList<>();
        int planes = Vgg.scale(16, o.width());
        String last = convBnRelu(nodes, "", "conv1", "bn1", "relu1", NetworkSpec.INPUT, planes, 1);
        int inPlanes = planes;
        for (int stage = 1; stage <= 3; stage++) {
            planes = Vgg.scale(16 << (stage - 1), o.width());
            for (int b = 0; b < o.blocks(); b++) {
                int stride = stage > 1 && b == 0 ? 2 : 1;
                last = block(nodes, "layer" + stage + "_" + b + "_", last, inPlanes, planes, stride, o.shortcut());
                inPlanes = planes;
            }
        }
        nodes.add(new GlobalPoolSpec("pool", last));
        nodes.add(new FlattenSpec("flatten", "pool", FlattenSpec.Layout.NCHW));
        nodes.add(new DenseSpec("fc", "flatten", o.classes(), Activation.IDENTITY, true, L2));
        nodes.add(new OutputSpec("probabilities", "fc", OutputSpec.Kind.SOFTMAX));
        String arch = "resnet" + o.depth() + (o.shortcut() == Shortcut.B ? "-b" : "")
                + (o.width() == 1 ? "" : "-w" + o.width());
        return new NetworkSpec(arch, input, nodes);
    }

    private static String block(List<NodeSpec> nodes, String p, String in, int inPlanes, int planes, int stride, Shortcut option) {
        String inner = convBnRelu(nodes, p, "conv1", "bn1", "relu1", in, planes, stride);
        nodes.add(conv(p + "conv2", inner, planes, 3, 1));
        nodes.add(BatchNormSpec.of(p + "bn2", p + "conv2"));
        String shortcut = in;
        if (stride != 1 || inPlanes != planes) {
            if (option == Shortcut.A) {
                String down = in;
                if (stride != 1) {
                    nodes.add(new PoolSpec(p + "down", in, PoolSpec.Kind.MAX, 1, 1, stride, stride, Padding.VALID, false));
                    down = p + "down";
                }
                int extra = planes - inPlanes;
                nodes.add(new PadChannelsSpec(p + "pad", down, extra / 2, extra - extra / 2));
                shortcut = p + "pad";
            } else {
                nodes.add(conv(p + "shortcut", in, planes, 1, stride));
                nodes.add(BatchNormSpec.of(p + "shortcut_bn", p + "shortcut"));
                shortcut = p + "shortcut_bn";
            }
        }
        nodes.add(new AddSpec(p + "add", List.of(p + "bn2", shortcut)));
        nodes.add(new ActivationSpec(p + "relu", p + "add", Activation.RELU));
        return p + "relu";
    }

    private static String convBnRelu(List<NodeSpec> nodes, String p, String conv, String bn, String relu, String in, int planes,
            int stride) {
        nodes.add(conv(p + conv, in, planes, 3, stride));
        nodes.add(BatchNormSpec.of(p + bn, p + conv));
        nodes.add(new ActivationSpec(p + relu, p + bn, Activation.RELU));
        return p + relu;
    }

    private static ConvSpec conv(String name, String in, int filters, int k, int stride) {
        return new ConvSpec(name, in, filters, k, k, stride, stride, Padding.symmetric(k / 2, k / 2), false, L2);
    }
}
