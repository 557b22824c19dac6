package dev.irprune.model;

import java.util.function.UnaryOperator;

/**
 * A node with the names of the nodes it reads changed, everything else kept: for transformations
 * that remove a node and connect its readers to what it read ({@link BatchNormFolding}).
 */
public final class NodeInputs {
    private NodeInputs() {}

    /** {@code n} reading {@code rename.apply(x)} wherever it read {@code x}. */
    public static NodeSpec rename(NodeSpec n, UnaryOperator<String> rename) {
        return n.accept(new Rename(rename));
    }

    private record Rename(UnaryOperator<String> r) implements NodeSpec.Visitor<NodeSpec> {
        @Override
        public NodeSpec conv(ConvSpec n) {
            return new ConvSpec(n.name(), r.apply(n.input()), n.filters(), n.kernelH(), n.kernelW(), n.strideH(), n.strideW(),
                    n.padding(), n.bias(), n.l2());
        }

        @Override
        public NodeSpec batchNorm(BatchNormSpec n) {
            return new BatchNormSpec(n.name(), r.apply(n.input()), n.epsilon(), n.momentum());
        }

        @Override
        public NodeSpec activation(ActivationSpec n) {
            return new ActivationSpec(n.name(), r.apply(n.input()), n.function());
        }

        @Override
        public NodeSpec pool(PoolSpec n) {
            return new PoolSpec(n.name(), r.apply(n.input()), n.kind(), n.sizeH(), n.sizeW(), n.strideH(), n.strideW(), n.padding(),
                    n.countPadding());
        }

        @Override
        public NodeSpec globalPool(GlobalPoolSpec n) {
            return new GlobalPoolSpec(n.name(), r.apply(n.input()));
        }

        @Override
        public NodeSpec flatten(FlattenSpec n) {
            return new FlattenSpec(n.name(), r.apply(n.input()), n.layout());
        }

        @Override
        public NodeSpec dense(DenseSpec n) {
            return new DenseSpec(n.name(), r.apply(n.input()), n.units(), n.activation(), n.bias(), n.l2());
        }

        @Override
        public NodeSpec dropout(DropoutSpec n) {
            return new DropoutSpec(n.name(), r.apply(n.input()), n.rate());
        }

        @Override
        public NodeSpec add(AddSpec n) {
            return new AddSpec(n.name(), n.inputs().stream().map(r).toList());
        }

        @Override
        public NodeSpec padChannels(PadChannelsSpec n) {
            return new PadChannelsSpec(n.name(), r.apply(n.input()), n.before(), n.after());
        }

        @Override
        public NodeSpec output(OutputSpec n) {
            return new OutputSpec(n.name(), r.apply(n.input()), n.kind());
        }
    }
}
