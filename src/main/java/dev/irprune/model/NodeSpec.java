package dev.irprune.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One node of a network graph, as data: its name, the names of the nodes it reads (or
 * {@link NetworkSpec#INPUT} for the network's input), and its kind's settings. Sealed, with a
 * {@link Visitor}: Java 17 has no exhaustive type switch, and a visitor gives the same guarantee,
 * so a new kind does not compile until every visitor handles it. Shapes exclude the batch axis:
 * feature maps are C x H x W (NCHW with the batch), flat vectors have one dimension.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ConvSpec.class, name = "conv"),
    @JsonSubTypes.Type(value = BatchNormSpec.class, name = "batchnorm"),
    @JsonSubTypes.Type(value = ActivationSpec.class, name = "activation"),
    @JsonSubTypes.Type(value = PoolSpec.class, name = "pool"),
    @JsonSubTypes.Type(value = GlobalPoolSpec.class, name = "globalavgpool"),
    @JsonSubTypes.Type(value = FlattenSpec.class, name = "flatten"),
    @JsonSubTypes.Type(value = DenseSpec.class, name = "dense"),
    @JsonSubTypes.Type(value = DropoutSpec.class, name = "dropout"),
    @JsonSubTypes.Type(value = AddSpec.class, name = "add"),
    @JsonSubTypes.Type(value = PadChannelsSpec.class, name = "padchannels"),
    @JsonSubTypes.Type(value = OutputSpec.class, name = "output")
})
public sealed interface NodeSpec permits SingleInput, AddSpec {
    String name();

    /** The nodes this one reads, in order. */
    List<String> inputs();

    /**
     * The output shape for the given input shapes (one per input, batch axis excluded).
     *
     * @throws IllegalArgumentException naming the node if the inputs do not fit
     */
    Shape outputShape(List<Shape> in);

    /** Calls the visitor's method for this node's kind. */
    <R> R accept(Visitor<R> visitor);

    /** One method per node kind. */
    interface Visitor<R> {
        R conv(ConvSpec n);

        R batchNorm(BatchNormSpec n);

        R activation(ActivationSpec n);

        R pool(PoolSpec n);

        R globalPool(GlobalPoolSpec n);

        R flatten(FlattenSpec n);

        R dense(DenseSpec n);

        R dropout(DropoutSpec n);

        R add(AddSpec n);

        R padChannels(PadChannelsSpec n);

        R output(OutputSpec n);
    }

    /** Node names are letters, digits and '_' (they prefix weight names such as {@code conv1.weight}). */
    static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("node name must be letters, digits or '_': " + name);
        }
        if (name.equals(NetworkSpec.INPUT)) {
            throw new IllegalArgumentException("'" + NetworkSpec.INPUT + "' names the network's input, not a node");
        }
    }

    /** Fails unless {@code input} is a non-empty node name. */
    static String checkInput(String node, String input) {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException(node + ": the input node is required");
        }
        return input;
    }

    /** Fails unless there is exactly one input shape and it has {@code rank} dimensions (C x H x W is 3). */
    static Shape single(String node, List<Shape> in, int rank, String what) {
        if (in.size() != 1) {
            throw new IllegalArgumentException(node + ": takes one input, got " + in.size());
        }
        Shape s = in.get(0);
        if (rank > 0 && s.rank() != rank) {
            throw new IllegalArgumentException(node + ": " + what + " needs a " + (rank == 3 ? "CxHxW" : "flat") + " input, got " + s);
        }
        return s;
    }

    /** Fails unless {@code v} is a finite number >= 0 (an L2 coefficient, say). */
    static double checkNonNegative(String node, String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(node + ": " + what + " must be finite and >= 0, got " + v);
        }
        return v;
    }
}
