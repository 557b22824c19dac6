package dev.irprune.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MACs and parameters computed from a spec alone. A convolution costs kh*kw*Cin*Hout*Wout*Cout
 * MACs and kh*kw*Cin*Cout (+ Cout with a bias) parameters; batch normalisation has 4*C parameters
 * (scale, shift and the two running statistics, as Keras counts them), 2*C of them trainable; a
 * dense layer costs in*units MACs and in*units (+ units) parameters. Activations, pooling,
 * dropout, flatten, additions, channel padding and the output count as zero MACs. All sums are
 * exact: an overflow of a long is an error, never a wrong number.
 *
 * @param convMacs MACs of the convolutions alone
 * @param totalMacs MACs of convolutions and dense layers
 * @param params all parameters, running statistics included
 * @param trainableParams parameters that training changes (no running statistics)
 */
public record Costs(List<NodeCost> nodes, long convMacs, long totalMacs, long params, long trainableParams) {

    public static Costs of(NetworkSpec spec) {
        List<NodeCost> out = new ArrayList<>();
        Map<String, Shape> shapes = spec.shapes();
        long convMacs = 0;
        long totalMacs = 0;
        long params = 0;
        long trainable = 0;
        for (NodeSpec n : spec.nodes()) {
            Shape in = shapes.get(n.inputs().get(0));
            NodeCost c = n.accept(new CostVisitor(in, shapes.get(n.name())));
            out.add(c);
            totalMacs = Math.addExact(totalMacs, c.macs());
            params = Math.addExact(params, c.params());
            trainable = Math.addExact(trainable, n instanceof BatchNormSpec ? c.params() / 2 : c.params());
            if (n instanceof ConvSpec) {
                convMacs = Math.addExact(convMacs, c.macs());
            }
        }
        return new Costs(List.copyOf(out), convMacs, totalMacs, params, trainable);
    }

    public NodeCost node(String name) {
        return nodes.stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node named " + name));
    }

    /** A product of sizes, exact or an {@link ArithmeticException}. */
    static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            p = Math.multiplyExact(p, f);
        }
        return p;
    }

    private record CostVisitor(Shape in, Shape out) implements NodeSpec.Visitor<NodeCost> {
        @Override
        public NodeCost conv(ConvSpec c) {
            long weights = product(c.kernelH(), c.kernelW(), in.dim(0), c.filters());
            long macs = product(weights, out.dim(1), out.dim(2));
            return new NodeCost(c.name(), "conv", out, macs, Math.addExact(weights, c.bias() ? c.filters() : 0));
        }

        @Override
        public NodeCost batchNorm(BatchNormSpec b) {
            return new NodeCost(b.name(), "batchnorm", out, 0, product(4, in.dim(0)));
        }

        @Override
        public NodeCost activation(ActivationSpec a) {
            return free(a, a.function().name().toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public NodeCost pool(PoolSpec p) {
            return free(p, p.kind() == PoolSpec.Kind.MAX ? "maxpool" : "avgpool");
        }

        @Override
        public NodeCost globalPool(GlobalPoolSpec g) {
            return free(g, "globalavgpool");
        }

        @Override
        public NodeCost flatten(FlattenSpec f) {
            return free(f, "flatten");
        }

        @Override
        public NodeCost dense(DenseSpec d) {
            long macs = product(in.dim(0), d.units());
            return new NodeCost(d.name(), "dense", out, macs, Math.addExact(macs, d.bias() ? d.units() : 0));
        }

        @Override
        public NodeCost dropout(DropoutSpec d) {
            return free(d, "dropout");
        }

        @Override
        public NodeCost add(AddSpec a) {
            return free(a, "add");
        }

        @Override
        public NodeCost padChannels(PadChannelsSpec p) {
            return free(p, "padchannels");
        }

        @Override
        public NodeCost output(OutputSpec o) {
            return free(o, o.kind() == OutputSpec.Kind.SOFTMAX ? "softmax" : "logits");
        }

        private NodeCost free(NodeSpec n, String kind) {
            return new NodeCost(n.name(), kind, out, 0, 0);
        }
    }
}
