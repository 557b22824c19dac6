package dev.irprune.model;

/**
 * What a node does to the channels it carries, for analyses that treat kinds alike: it makes
 * channels (a convolution or dense layer), transforms each channel on its own (batch norm,
 * activation), passes them on changing only their size or order (pooling, flatten, dropout),
 * joins branches (addition), widens them with zeros (channel padding), or ends the network.
 */
public enum NodeRole {
    PRODUCER, PER_CHANNEL, PASS, JOIN, PAD, OUTPUT;

    /** The role of node {@code n}. */
    public static NodeRole of(NodeSpec n) {
        return n.accept(new NodeSpec.Visitor<>() {
            @Override
            public NodeRole conv(ConvSpec c) {
                return PRODUCER;
            }

            @Override
            public NodeRole batchNorm(BatchNormSpec b) {
                return PER_CHANNEL;
            }

            @Override
            public NodeRole activation(ActivationSpec a) {
                return PER_CHANNEL;
            }

            @Override
            public NodeRole pool(PoolSpec p) {
                return PASS;
            }

            @Override
            public NodeRole globalPool(GlobalPoolSpec g) {
                return PASS;
            }

            @Override
            public NodeRole flatten(FlattenSpec f) {
                return PASS;
            }

            @Override
            public NodeRole dense(DenseSpec d) {
                return PRODUCER;
            }

            @Override
            public NodeRole dropout(DropoutSpec d) {
                return PASS;
            }

            @Override
            public NodeRole add(AddSpec a) {
                return JOIN;
            }

            @Override
            public NodeRole padChannels(PadChannelsSpec p) {
                return PAD;
            }

            @Override
            public NodeRole output(OutputSpec o) {
                return OUTPUT;
            }
        });
    }
}
