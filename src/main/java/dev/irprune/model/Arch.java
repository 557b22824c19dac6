package dev.irprune.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The architectures IRPrune builds: VGG 11 to 19 ({@link Vgg}) and the CIFAR ResNets ({@link ResNet}). */
public enum Arch {
    VGG11, VGG13, VGG16, VGG19, RESNET20, RESNET32, RESNET44, RESNET56, RESNET110;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isResNet() {
        return name().startsWith("RESNET");
    }

    /** The ResNet depth (20, 32, ...); only for ResNets. */
    public int depth() {
        return Integer.parseInt(name().substring("RESNET".length()));
    }

    /** The VGG configuration; only for VGGs. */
    public Vgg.Arch vgg() {
        return Vgg.Arch.valueOf(name());
    }

    public static Arch parse(String s) {
        for (Arch a : values()) {
            if (a.cliName().equalsIgnoreCase(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + s + "' (expected "
                + Arrays.stream(values()).map(Arch::cliName).collect(Collectors.joining(", ")) + ")");
    }
}
