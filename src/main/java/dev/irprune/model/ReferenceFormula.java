package dev.irprune.model;

import java.util.Map;

/**
 * The MAC ratio as the reference program computes it, quirks included, for comparison with the
 * exact figure of {@link Costs}: both totals start at 1; only convolutions (kh * kw * Cin * Hout *
 * Wout * Cout, 9 * Cin * H * W * Cout for VGG) and hidden dense layers (inputs * units) count, not
 * the output layer; and for the first dense layer the pruned count takes its inputs from the last
 * convolution's output before pooling (e.g. 2x2xC instead of 1x1xC).
 */
public final class ReferenceFormula {
    private ReferenceFormula() {}

    /** Unpruned total over pruned total, as the reference reports it. */
    public static double ratio(NetworkSpec original, NetworkSpec pruned) {
        return total(original, false) / total(pruned, true);
    }

    static double total(NetworkSpec spec, boolean prunedQuirk) {
        double total = 1;
        Shape lastConvOut = null;
        boolean firstDense = true;
        Map<String, Shape> shapes = spec.shapes();
        String classifier = spec.output().input();
        for (NodeSpec n : spec.nodes()) {
            Shape in = shapes.get(n.inputs().get(0));
            if (n instanceof ConvSpec c) {
                Shape out = shapes.get(c.name());
                total += (double) c.kernelH() * c.kernelW() * in.dim(0) * out.dim(1) * out.dim(2) * c.filters();
                lastConvOut = out;
            } else if (n instanceof DenseSpec d && !d.name().equals(classifier)) {
                double inputs = in.dim(0);
                if (firstDense && prunedQuirk && lastConvOut != null) {
                    inputs = lastConvOut.size();
                }
                total += inputs * d.units();
                firstDense = false;
            }
        }
        return total;
    }
}
