package dev.irprune.interop.onnx;

import dev.irprune.io.InputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of an ONNX graph ({@code NodeProto}): operator type and domain, name, inputs and outputs by
 * value name ("" for an omitted optional input), attributes in file order.
 */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
        List<OnnxAttribute> attributes) {
    public OnnxNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opType, "opType");
        Objects.requireNonNull(domain, "domain");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
        if (opType.isEmpty()) {
            throw new IllegalArgumentException("node '" + name + "' has no op_type");
        }
    }

    public Optional<OnnxAttribute> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }

    /** An INT attribute, or {@code fallback} if absent. */
    public long intAttribute(String attributeName, long fallback) {
        return typed(attributeName, OnnxAttribute.Int.class).map(OnnxAttribute.Int::value).orElse(fallback);
    }

    /** An INTS attribute, or an empty list if absent. */
    public List<Long> intsAttribute(String attributeName) {
        return typed(attributeName, OnnxAttribute.Ints.class).map(OnnxAttribute.Ints::values).orElse(List.of());
    }

    /** A FLOAT attribute, or {@code fallback} if absent. */
    public float floatAttribute(String attributeName, float fallback) {
        return typed(attributeName, OnnxAttribute.Float.class).map(OnnxAttribute.Float::value).orElse(fallback);
    }

    /** A STRING attribute, or {@code fallback} if absent. */
    public String stringAttribute(String attributeName, String fallback) {
        return typed(attributeName, OnnxAttribute.Str.class).map(OnnxAttribute.Str::value).orElse(fallback);
    }

    /**
     * @throws InputException naming the node if the attribute is present with another kind
     */
    private <T extends OnnxAttribute> Optional<T> typed(String attributeName, Class<T> kind) {
        Optional<OnnxAttribute> a = attribute(attributeName);
        if (a.isPresent() && !kind.isInstance(a.get())) {
            throw new InputException("node '" + name + "' (" + opType + "): attribute '" + attributeName + "' is "
                    + a.get().getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT) + ", not "
                    + kind.getSimpleName().toUpperCase(java.util.Locale.ROOT));
        }
        return a.map(kind::cast);
    }
}
