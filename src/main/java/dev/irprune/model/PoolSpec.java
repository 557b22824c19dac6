package dev.irprune.model;

/** Max-pooling with a square window whose stride equals its size. */
public record PoolSpec(String name, int size) implements LayerSpec {
    public PoolSpec {
        LayerSpec.checkName(name);
        if (size < 1) {
            throw new IllegalArgumentException(name + ": pool size must be positive, got " + size);
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.pool(this);
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 3 || input.dim(1) < size || input.dim(2) < size) {
            throw new IllegalArgumentException(name + ": cannot pool " + input + " by " + size);
        }
        return Shape.chw(input.dim(0), input.dim(1) / size, input.dim(2) / size);
    }
}
