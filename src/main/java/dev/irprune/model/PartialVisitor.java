package dev.irprune.model;

/**
 * A {@link NodeSpec.Visitor} whose every method answers {@link #otherwise(NodeSpec)} unless
 * overridden: for questions about one or two kinds (is this a convolution whose output channels
 * can absorb a scale?) where every other kind, a future one included, safely gets the same
 * answer. Where each kind needs its own answer, implement {@link NodeSpec.Visitor} itself, so that
 * a new kind does not compile until it is handled.
 */
public abstract class PartialVisitor<R> implements NodeSpec.Visitor<R> {
    /** The answer for every kind not overridden. */
    protected abstract R otherwise(NodeSpec n);

    @Override
    public R conv(ConvSpec n) {
        return otherwise(n);
    }

    @Override
    public R batchNorm(BatchNormSpec n) {
        return otherwise(n);
    }

    @Override
    public R activation(ActivationSpec n) {
        return otherwise(n);
    }

    @Override
    public R pool(PoolSpec n) {
        return otherwise(n);
    }

    @Override
    public R globalPool(GlobalPoolSpec n) {
        return otherwise(n);
    }

    @Override
    public R flatten(FlattenSpec n) {
        return otherwise(n);
    }

    @Override
    public R dense(DenseSpec n) {
        return otherwise(n);
    }

    @Override
    public R dropout(DropoutSpec n) {
        return otherwise(n);
    }

    @Override
    public R add(AddSpec n) {
        return otherwise(n);
    }

    @Override
    public R padChannels(PadChannelsSpec n) {
        return otherwise(n);
    }

    @Override
    public R output(OutputSpec n) {
        return otherwise(n);
    }
}
