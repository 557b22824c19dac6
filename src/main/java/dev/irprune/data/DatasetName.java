package dev.irprune.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The data sets IRPrune reads, with their command-line names. */
public enum DatasetName {
    /** CIFAR-10, official binary version: 50,000 + 10,000 colour images, 3×32×32. */
    CIFAR10("cifar10"),
    /** Fashion-MNIST in IDX format: 60,000 + 10,000 grey images, 1×28×28. */
    FASHION_MNIST("fashion-mnist"),
    /** MNIST in IDX format (same files as Fashion-MNIST): 60,000 + 10,000 grey images, 1×28×28. */
    MNIST("mnist"),
    /** The bundled subset of Fashion-MNIST: 12,000 + 2,000 images, 1×28×28. */
    DEMO("demo");

    private final String cliName;

    DatasetName(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line and in results: cifar10, fashion-mnist, demo. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /** Colour channels of the images: 3 for CIFAR-10, 1 for the Fashion-MNIST sets. */
    public int channels() {
        return this == CIFAR10 ? 3 : 1;
    }

    /** The number of classes: 10 for every data set here. */
    public int classes() {
        return 10;
    }

    /** The images' own height and width: 32 for CIFAR-10, 28 for the MNIST-style sets (padded to a network's 32×32 if it needs). */
    public int size() {
        return this == CIFAR10 ? 32 : 28;
    }

    /** The command-line names of all data sets, in declaration order. */
    public static List<String> cliNames() {
        return Arrays.stream(values()).map(DatasetName::cliName).collect(Collectors.toList());
    }

    /** The data set with this command-line name (case-insensitive; the enum constant name is also accepted). */
    @JsonCreator
    public static DatasetName parse(String text) {
        if (text != null) {
            String t = text.trim();
            for (DatasetName d : values()) {
                if (d.cliName.equalsIgnoreCase(t) || d.name().equalsIgnoreCase(t)) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException("unknown data set '" + text + "', expected one of "
                + String.join(", ", cliNames()));
    }
}
