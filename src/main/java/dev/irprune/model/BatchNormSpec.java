package dev.irprune.model;

import java.util.List;

/**
 * Batch normalisation over the channels of a C x H x W map (or the features of a flat vector):
 * y = gamma * (x - mean) / sqrt(var + epsilon) + beta. In training, mean and var are the batch's
 * and the running statistics move as {@code running = running * momentum + batch * (1 - momentum)}
 * (Keras' convention: momentum is the share kept); in inference the running statistics are used.
 * Weights: {@code .gamma}, {@code .beta}, {@code .running_mean}, {@code .running_var} (C each).
 */
public record BatchNormSpec(String name, String input, double epsilon, double momentum) implements SingleInput {
    /** The engine defaults IRPrune's own networks use: epsilon 1e-5, momentum 0.9. */
    public static final double EPSILON = 1e-5;
    public static final double MOMENTUM = 0.9;

    public BatchNormSpec {
        NodeSpec.checkName(name);
        NodeSpec.checkInput(name, input);
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException(name + ": epsilon must be a positive number, got " + epsilon);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException(name + ": momentum must be in [0, 1), got " + momentum);
        }
    }

    public static BatchNormSpec of(String name, String input) {
        return new BatchNormSpec(name, input, EPSILON, MOMENTUM);
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        return NodeSpec.single(name, in, 0, "batch normalisation");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.batchNorm(this);
    }
}
