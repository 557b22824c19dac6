package dev.irprune.model;

/** Flattens a CxHxW map into C*H*W features, channel-major (index c*H*W + h*W + w). */
public record FlattenSpec(String name) implements LayerSpec {
    public FlattenSpec {
        LayerSpec.checkName(name);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.flatten(this);
    }

    @Override
    public Shape outputShape(Shape input) {
        return new Shape(Math.toIntExact(input.size()));
    }
}
