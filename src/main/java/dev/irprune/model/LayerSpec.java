package dev.irprune.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One layer of a network, as data. Sealed, so that every {@code switch} over layer kinds is
 * checked by the compiler when a kind is added.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ConvSpec.class, name = "conv"),
    @JsonSubTypes.Type(value = PoolSpec.class, name = "maxpool"),
    @JsonSubTypes.Type(value = DropoutSpec.class, name = "dropout"),
    @JsonSubTypes.Type(value = FlattenSpec.class, name = "flatten"),
    @JsonSubTypes.Type(value = DenseSpec.class, name = "dense")
})
public sealed interface LayerSpec permits ConvSpec, PoolSpec, DropoutSpec, FlattenSpec, DenseSpec {
    String name();

    /** The output shape of this layer for the given input shape (without the batch axis). */
    Shape outputShape(Shape input);

    /** Calls the visitor's method for this layer's kind. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per layer kind. Java 17 has no exhaustive type switch; a visitor gives the same
     * guarantee: a new kind does not compile until every visitor handles it.
     */
    interface Visitor<R> {
        R conv(ConvSpec conv);

        R pool(PoolSpec pool);

        R dropout(DropoutSpec dropout);

        R flatten(FlattenSpec flatten);

        R dense(DenseSpec dense);
    }

    static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("layer name must be letters, digits or '_': " + name);
        }
    }
}
