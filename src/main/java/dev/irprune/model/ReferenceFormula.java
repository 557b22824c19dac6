package dev.irprune.model;

/**
 * The MAC ratio as the reference program computes it, quirks included, for comparison with the
 * exact figure of {@link Costs}: both totals start at 1; only convolutions (9 * Cin * H * W * Cout)
 * and hidden dense layers (inputs * units) count, not the output layer; and for the first dense
 * layer the pruned count takes its inputs from the last convolution's output before pooling
 * (e.g. 2x2xC instead of 1x1xC).
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
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            Shape in = spec.inputShape(i);
            if (layer instanceof ConvSpec c) {
                Shape out = c.outputShape(in);
                total += (double) c.kernel() * c.kernel() * in.dim(0) * out.dim(1) * out.dim(2) * c.filters();
                lastConvOut = out;
            } else if (layer instanceof DenseSpec d && !d.isOutput()) {
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
