package dev.irprune.model;

/** Dropout, active during training only. */
public record DropoutSpec(String name, double rate) implements LayerSpec {
    public DropoutSpec {
        LayerSpec.checkName(name);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name + ": dropout rate must be in [0, 1), got " + rate);
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.dropout(this);
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }
}
