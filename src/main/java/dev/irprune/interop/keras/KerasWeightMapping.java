package dev.irprune.interop.keras;

import dev.irprune.interop.FloatTensor;
import dev.irprune.io.InputException;
import dev.irprune.model.BatchNormSpec;
import dev.irprune.model.ConvSpec;
import dev.irprune.model.DenseSpec;
import dev.irprune.model.FlattenLayouts;
import dev.irprune.model.FlattenSpec;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.NodeSpec;
import dev.irprune.model.PartialVisitor;
import dev.irprune.model.Shape;
import dev.irprune.model.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keras-layout weights (a TF checkpoint's, a Keras file's) onto the nodes of a spec, by order and
 * shape: the k-th layer with weights in the file gives the k-th node with weights in the spec
 * (convolution, dense, batch normalisation). Within a layer, variables are found by name where the
 * file names them ({@code kernel}, {@code bias}, {@code gamma}, {@code beta}, {@code moving_mean},
 * {@code moving_variance}; a Keras 2 {@code conv2d/kernel:0} counts as {@code kernel}), else by
 * position in Keras' order. Batch normalisation saved without {@code gamma} or {@code beta}
 * (Keras' scale=False, center=False) gets 1 and 0.
 *
 * <p>Layouts: a convolution kernel {@code [kh, kw, in, out]} becomes IRPrune's (out, in, kh, kw), a
 * dense kernel {@code [in, out]} becomes (units, in); biases and batch-norm vectors are copied.
 * Dense kernels after a flatten keep Keras' NHWC feature order: map onto a spec whose flattens are
 * NHWC ({@code FlattenLayouts.relabel}), then convert ({@code FlattenLayouts.toNchw}).
 */
public final class KerasWeightMapping {
    private KerasWeightMapping() {}

    /** One layer's weights as a file holds them; {@code label} names it in messages (a key prefix, a layer name). */
    public record Layer(String label, List<Named> weights) {
        public Layer {
            Objects.requireNonNull(label, "label");
            weights = List.copyOf(weights);
        }
    }

    /** A variable: its name within the layer ("" when the file gives positions only) and values. */
    public record Named(String name, FloatTensor tensor) {
        public Named {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(tensor, "tensor");
        }
    }

    /** What one spec tensor takes from a Keras variable. */
    private record Slot(String keras, String param, int[] kerasShape, Convert convert, float fill) {}

    private enum Convert { CONV_KERNEL, DENSE_KERNEL, COPY }

    /**
     * The spec's weights, named {@code <node>.<param>}.
     *
     * @param where names the file in messages
     * @throws InputException (one line) if the layer counts differ, or naming the node, the expected
     *     and the found shape of the first variable that does not fit
     */
    public static Map<String, Tensor> map(NetworkSpec spec, List<Layer> layers, String where) {
        Map<String, Shape> shapes = spec.shapes();
        List<NodeSpec> weighted = new ArrayList<>();
        List<List<Slot>> slots = new ArrayList<>();
        for (NodeSpec n : spec.nodes()) {
            List<Slot> s = n.accept(new Slots(shapes.get(n.inputs().get(0))));
            if (!s.isEmpty()) {
                weighted.add(n);
                slots.add(s);
            }
        }
        if (weighted.size() != layers.size()) {
            throw new InputException(where + " holds " + layers.size() + " layers with weights, but the architecture has "
                    + weighted.size() + " (" + String.join(", ", weighted.stream().map(NodeSpec::name).toList())
                    + "): give the architecture it was saved from");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < weighted.size(); i++) {
            mapLayer(weighted.get(i).name(), slots.get(i), layers.get(i), where, out);
        }
        return out;
    }

    private static void mapLayer(String node, List<Slot> slots, Layer layer, String where, Map<String, Tensor> out) {
        boolean named = !layer.weights().isEmpty() && layer.weights().stream().noneMatch(w -> w.name().isEmpty());
        List<Named> left = new ArrayList<>(layer.weights());
        for (int j = 0; j < slots.size(); j++) {
            Slot s = slots.get(j);
            Named found = named ? left.stream().filter(w -> shortName(w.name()).equals(s.keras())).findFirst().orElse(null)
                    : j < layer.weights().size() ? layer.weights().get(j) : null;
            if (found == null && named && !Float.isNaN(s.fill())) {
                float[] v = new float[s.kerasShape()[0]];
                Arrays.fill(v, s.fill());
                out.put(node + "." + s.param(), new Tensor(s.kerasShape(), v));
                continue;
            }
            if (found == null) {
                throw new InputException(node + ": the architecture expects " + s.keras() + " " + Arrays.toString(s.kerasShape())
                        + ", " + where + " has none (" + layer.label() + ")");
            }
            left.remove(found);
            if (!Arrays.equals(found.tensor().shape(), s.kerasShape())) {
                throw new InputException(node + ": the architecture expects " + s.keras() + " " + Arrays.toString(s.kerasShape())
                        + ", " + where + " has " + Arrays.toString(found.tensor().shape()) + " (" + layer.label() + ")");
            }
            out.put(node + "." + s.param(), convert(found.tensor(), s.convert()));
        }
        if (named ? !left.isEmpty() : layer.weights().size() > slots.size()) {
            Named extra = named ? left.get(0) : layer.weights().get(slots.size());
            throw new InputException(node + ": " + where + " has " + (extra.name().isEmpty() ? "another variable" : extra.name()) + " "
                    + Arrays.toString(extra.tensor().shape()) + " (" + layer.label() + "), which the architecture does not have");
        }
    }

    /**
     * The network {@code architecture} describes with the weights of {@code layers}, its flattens
     * NCHW: the architecture is read in Keras' view (flattens NHWC), the weights mapped onto it
     * ({@link #map}), then the dense columns after each flatten permuted to NCHW.
     *
     * @throws InputException as {@link #map}
     */
    public static ModelFolder.Contents onto(NetworkSpec architecture, List<Layer> layers, String where) {
        NetworkSpec keras = FlattenLayouts.relabel(architecture, FlattenSpec.Layout.NHWC);
        try {
            return FlattenLayouts.toNchw(keras, map(keras, layers, where));
        } catch (IllegalArgumentException e) {
            throw new InputException(where + ": " + e.getMessage());
        }
    }

    /** {@code conv2d/kernel:0} -> {@code kernel}. */
    static String shortName(String name) {
        String s = name.substring(name.lastIndexOf('/') + 1);
        int colon = s.indexOf(':');
        return colon < 0 ? s : s.substring(0, colon);
    }

    private static Tensor convert(FloatTensor t, Convert c) {
        int[] s = t.shape();
        float[] v = t.values();
        return switch (c) {
            case COPY -> new Tensor(s, v);
            case DENSE_KERNEL -> {
                int in = s[0];
                int units = s[1];
                float[] d = new float[v.length];
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < units; o++) {
                        d[o * in + i] = v[i * units + o];
                    }
                }
                yield new Tensor(new int[] {units, in}, d);
            }
            case CONV_KERNEL -> {
                int kh = s[0];
                int kw = s[1];
                int in = s[2];
                int outCh = s[3];
                float[] d = new float[v.length];
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        for (int i = 0; i < in; i++) {
                            for (int o = 0; o < outCh; o++) {
                                d[((o * in + i) * kh + y) * kw + x] = v[((y * kw + x) * in + i) * outCh + o];
                            }
                        }
                    }
                }
                yield new Tensor(new int[] {outCh, in, kh, kw}, d);
            }
        };
    }

    /** The Keras variables of one node, in Keras' order; none for nodes without weights. */
    private static final class Slots extends PartialVisitor<List<Slot>> {
        private final Shape in;

        Slots(Shape in) {
            this.in = in;
        }

        @Override
        protected List<Slot> otherwise(NodeSpec n) {
            return List.of();
        }

        @Override
        public List<Slot> conv(ConvSpec c) {
            List<Slot> s = new ArrayList<>();
            s.add(new Slot("kernel", "weight", new int[] {c.kernelH(), c.kernelW(), in.dim(0), c.filters()}, Convert.CONV_KERNEL, Float.NaN));
            if (c.bias()) {
                s.add(new Slot("bias", "bias", new int[] {c.filters()}, Convert.COPY, Float.NaN));
            }
            return s;
        }

        @Override
        public List<Slot> dense(DenseSpec d) {
            List<Slot> s = new ArrayList<>();
            s.add(new Slot("kernel", "weight", new int[] {in.dim(0), d.units()}, Convert.DENSE_KERNEL, Float.NaN));
            if (d.bias()) {
                s.add(new Slot("bias", "bias", new int[] {d.units()}, Convert.COPY, Float.NaN));
            }
            return s;
        }

        @Override
        public List<Slot> batchNorm(BatchNormSpec b) {
            int[] c = {in.dim(0)};
            return List.of(new Slot("gamma", "gamma", c, Convert.COPY, 1f), new Slot("beta", "beta", c, Convert.COPY, 0f),
                    new Slot("moving_mean", "running_mean", c, Convert.COPY, Float.NaN),
                    new Slot("moving_variance", "running_var", c, Convert.COPY, Float.NaN));
        }
    }
}
