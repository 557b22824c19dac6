package dev.irprune.model;

import java.util.ArrayList;
import java.util.List;

/**
 * MACs and parameters computed from a spec alone. A convolution costs k*k*Cin*H*W*Cout MACs and
 * k*k*Cin*Cout + Cout parameters (batch normalisation adds 4*Cout: scale, shift and the two
 * running statistics, as Keras counts them); a dense layer costs in*units MACs and in*units + units
 * parameters. Pooling, dropout, flatten and activations count as zero.
 */
public record Costs(List<LayerCost> layers, long convMacs, long totalMacs, long params) {

    public static Costs of(NetworkSpec spec) {
        List<LayerCost> out = new ArrayList<>();
        List<Shape> shapes = spec.outputShapes();
        long convMacs = 0;
        long totalMacs = 0;
        long params = 0;
        for (int i = 0; i < spec.layers().size(); i++) {
            Shape in = spec.inputShape(i);
            Shape outShape = shapes.get(i);
            LayerCost c = spec.layers().get(i).accept(new CostVisitor(in, outShape));
            out.add(c);
            totalMacs += c.macs();
            params += c.params();
            if ("conv".equals(c.kind())) {
                convMacs += c.macs();
            }
        }
        return new Costs(List.copyOf(out), convMacs, totalMacs, params);
    }

    public LayerCost layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layer named " + name));
    }

    private record CostVisitor(Shape in, Shape out) implements LayerSpec.Visitor<LayerCost> {
        @Override
        public LayerCost conv(ConvSpec c) {
            long k2cin = (long) c.kernel() * c.kernel() * in.dim(0);
            long macs = k2cin * out.dim(1) * out.dim(2) * c.filters();
            long params = k2cin * c.filters() + c.filters() + (c.batchNorm() ? 4L * c.filters() : 0);
            return new LayerCost(c.name(), "conv", out, macs, params);
        }

        @Override
        public LayerCost pool(PoolSpec p) {
            return new LayerCost(p.name(), "maxpool", out, 0, 0);
        }

        @Override
        public LayerCost dropout(DropoutSpec d) {
            return new LayerCost(d.name(), "dropout", out, 0, 0);
        }

        @Override
        public LayerCost flatten(FlattenSpec f) {
            return new LayerCost(f.name(), "flatten", out, 0, 0);
        }

        @Override
        public LayerCost dense(DenseSpec d) {
            long macs = (long) in.dim(0) * d.units();
            return new LayerCost(d.name(), "dense", out, macs, macs + d.units());
        }
    }
}
