package dev.irprune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A network built from a {@link NetworkSpec} on the engine: its parameters as engine arrays named
 * after the spec ({@code conv1_1.weight}, {@code conv1_1_bn.gamma}, {@code fc1.bias}, ...) and a
 * forward pass that runs the graph node by node with the engine's functional operations. One pass
 * can stop early and return any nodes' outputs (for capture). Inputs are N x C x H x W images,
 * already preprocessed; the result is N x classes logits. Intermediate outputs are released as
 * soon as no later node reads them.
 */
public final class Network implements AutoCloseable {
    private final NetworkSpec spec;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;
    private final Map<String, Integer> lastUse;
    private final Map<String, Shape> shapes;

    private Network(NetworkSpec spec, NDManager manager, Map<String, NDArray> parameters) {
        this.spec = spec;
        this.manager = manager;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.lastUse = new HashMap<>();
        List<NodeSpec> nodes = spec.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).inputs()) {
                lastUse.put(in, i);
            }
        }
        Map<String, Shape> s = new HashMap<>();
        spec.shapes().forEach((k, v) -> s.put(k, toShape(v.dims())));
        this.shapes = s;
    }

    /**
     * Builds the network with the given weights, which must match the spec's names and shapes
     * ({@link Weights#check}); its arrays live in a new sub-manager of {@code parent}.
     */
    public static Network create(NetworkSpec spec, Map<String, Tensor> weights, NDManager parent) {
        Weights.check(spec, weights);
        NDManager manager = parent.newSubManager();
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (String name : Weights.shapes(spec).keySet()) {
            Tensor t = weights.get(name);
            NDArray array = manager.create(FloatBuffer.wrap(t.data()), toShape(t.shape()));
            array.setName(name);
            if (Weights.trainable(name)) {
                array.setRequiresGradient(true);
            }
            params.put(name, array);
        }
        return new Network(spec, manager, params);
    }

    public NetworkSpec spec() {
        return spec;
    }

    public NDManager manager() {
        return manager;
    }

    /** Every parameter by its spec name, in network order (running statistics included). */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /** The parameters training changes through gradients, in network order. */
    public Map<String, NDArray> trainable() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        parameters.forEach((k, v) -> {
            if (Weights.trainable(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Runs the whole network on N x C x H x W images: N x classes logits (the softmax is the loss's). */
    public NDArray forward(NDArray images, boolean training) {
        String out = spec.output().name();
        return run(images, training, Set.of(out), out).get(out);
    }

    /** Runs the network in inference mode up to node {@code node} and returns its output. */
    public NDArray forwardTo(NDArray images, String node) {
        return run(images, false, Set.of(node), node).get(node);
    }

    /**
     * Runs the network on {@code images} until every node in {@code wanted} has run and returns
     * their outputs by name. Nodes after the last wanted one are not run.
     */
    public Map<String, NDArray> outputs(NDArray images, boolean training, Set<String> wanted) {
        String last = null;
        for (NodeSpec n : spec.nodes()) {
            if (wanted.contains(n.name())) {
                last = n.name();
            }
        }
        if (last == null || wanted.stream().anyMatch(w -> !spec.has(w))) {
            throw new IllegalArgumentException("no such nodes in the network: " + wanted);
        }
        return run(images, training, wanted, last);
    }

    private Map<String, NDArray> run(NDArray images, boolean training, Set<String> wanted, String stopAfter) {
        Map<String, NDArray> values = new HashMap<>();
        values.put(NetworkSpec.INPUT, images);
        Map<String, NDArray> out = new LinkedHashMap<>();
        Set<String> keep = new HashSet<>(wanted);
        keep.add(NetworkSpec.INPUT);
        List<NodeSpec> nodes = spec.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            NodeSpec n = nodes.get(i);
            NDArray y = n.accept(new Forward(n.inputs().stream().map(values::get).toList(), shapes.get(n.inputs().get(0)),
                    parameters, training));
            values.put(n.name(), y);
            if (wanted.contains(n.name())) {
                out.put(n.name(), y);
            }
            for (String in : n.inputs()) {
                if (lastUse.get(in) == i && !keep.contains(in)) {
                    NDArray old = values.remove(in);
                    // By identity: NDArray.equals compares contents in the engine (torch.equal), a
                    // pass over both arrays for every live value of the same shape.
                    if (!holds(values, old) && !holds(out, old)) {
                        old.close();
                    }
                }
            }
            if (n.name().equals(stopAfter)) {
                break;
            }
        }
        return out;
    }

    /** Whether {@code map} holds this very array (not an equal one) as a value. */
    private static boolean holds(Map<String, NDArray> map, NDArray array) {
        for (NDArray v : map.values()) {
            if (v == array) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first node whose output, in training mode, holds a non-finite value for these images,
     * if any: a diagnosis after a non-finite loss, not for normal runs (batch-norm running
     * statistics move as in a training step).
     */
    public Optional<String> firstNonFinite(NDArray images) {
        for (NodeSpec n : spec.nodes()) {
            NDArray y = run(images, true, Set.of(n.name()), n.name()).get(n.name());
            if (!Float.isFinite(y.abs().max().getFloat())) {
                return Optional.of(n.name());
            }
        }
        return Optional.empty();
    }

    /** Copies every parameter out of the engine, by spec name. */
    public Map<String, Tensor> weights() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            out.put(e.getKey(), toTensor(e.getValue()));
        }
        return out;
    }

    /** Copies an engine array into a {@link Tensor}. */
    public static Tensor toTensor(NDArray a) {
        long[] s = a.getShape().getShape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = Math.toIntExact(s[i]);
        }
        return new Tensor(shape, a.toFloatArray());
    }

    @Override
    public void close() {
        manager.close();
    }

    static Shape toShape(int[] dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return new Shape(l);
    }

    /** One node's computation on its inputs' outputs. */
    private record Forward(List<NDArray> in, Shape inShape, Map<String, NDArray> params, boolean training)
            implements NodeSpec.Visitor<NDArray> {
        @Override
        public NDArray conv(ConvSpec c) {
            NDArray x = in.get(0);
            int[] p = c.padding().resolve((int) inShape.get(1), (int) inShape.get(2), c.kernelH(), c.kernelW(), c.strideH(),
                    c.strideW());
            Shape pad;
            if (p[0] == p[1] && p[2] == p[3]) {
                pad = new Shape(p[0], p[2]);
            } else {
                x = x.pad(new Shape(p[2], p[3], p[0], p[1]), 0);
                pad = new Shape(0, 0);
            }
            return Conv2d.conv2d(x, params.get(c.name() + ".weight"), c.bias() ? params.get(c.name() + ".bias") : null,
                    new Shape(c.strideH(), c.strideW()), pad, new Shape(1, 1), 1).singletonOrThrow();
        }

        @Override
        public NDArray batchNorm(BatchNormSpec b) {
            String n = b.name() + ".";
            // Axis -1 takes the engine's batch_norm as it is: it normalises axis 1 (NCHW channels or N x C features).
            return BatchNorm.batchNorm(in.get(0), params.get(n + "running_mean"), params.get(n + "running_var"),
                    params.get(n + "gamma"), params.get(n + "beta"), -1, (float) b.momentum(), (float) b.epsilon(), training)
                    .singletonOrThrow();
        }

        @Override
        public NDArray activation(ActivationSpec a) {
            return activate(in.get(0), a.function());
        }

        @Override
        public NDArray pool(PoolSpec p) {
            NDArray x = in.get(0);
            int[] pad = p.padding().resolve((int) inShape.get(1), (int) inShape.get(2), p.sizeH(), p.sizeW(), p.strideH(),
                    p.strideW());
            Shape k = new Shape(p.sizeH(), p.sizeW());
            Shape s = new Shape(p.strideH(), p.strideW());
            if (p.kind() == PoolSpec.Kind.MAX) {
                if ((pad[0] | pad[1] | pad[2] | pad[3]) != 0) {
                    x = x.pad(new Shape(pad[2], pad[3], pad[0], pad[1]), Float.NEGATIVE_INFINITY);
                }
                return Ops.maxPool(x, p.sizeH(), p.sizeW(), p.strideH(), p.strideW(), training);
            }
            if (pad[0] == pad[1] && pad[2] == pad[3]) {
                return Pool.avgPool2d(x, k, s, new Shape(pad[0], pad[2]), false, p.countPadding());
            }
            if (!p.countPadding()) {
                throw new IllegalArgumentException(p.name() + ": average pooling with uneven padding that is not counted is not supported");
            }
            return Pool.avgPool2d(x.pad(new Shape(pad[2], pad[3], pad[0], pad[1]), 0), k, s, new Shape(0, 0), false, true);
        }

        @Override
        public NDArray globalPool(GlobalPoolSpec g) {
            return in.get(0).mean(new int[] {3}, true).mean(new int[] {2}, true);
        }

        @Override
        public NDArray flatten(FlattenSpec f) {
            NDArray x = in.get(0);
            if (x.getShape().dimension() == 2) {
                return x;
            }
            if (f.layout() == FlattenSpec.Layout.NHWC) {
                x = x.transpose(0, 2, 3, 1);
            }
            return x.reshape(x.getShape().get(0), -1);
        }

        @Override
        public NDArray dense(DenseSpec d) {
            NDArray y = Linear.linear(in.get(0), params.get(d.name() + ".weight"), d.bias() ? params.get(d.name() + ".bias") : null)
                    .singletonOrThrow();
            return activate(y, d.activation());
        }

        @Override
        public NDArray dropout(DropoutSpec d) {
            return Ops.dropout(in.get(0), d.rate(), training);
        }

        @Override
        public NDArray add(AddSpec a) {
            NDArray sum = in.get(0).add(in.get(1));
            for (int i = 2; i < in.size(); i++) {
                sum = sum.add(in.get(i));
            }
            return sum;
        }

        @Override
        public NDArray padChannels(PadChannelsSpec p) {
            return in.get(0).pad(new Shape(0, 0, 0, 0, p.before(), p.after()), 0);
        }

        @Override
        public NDArray output(OutputSpec o) {
            return in.get(0);
        }

        private static NDArray activate(NDArray x, Activation f) {
            return switch (f) {
                case RELU -> ai.djl.nn.Activation.relu(x);
                case TANH -> ai.djl.nn.Activation.tanh(x);
                case SIGMOID -> ai.djl.nn.Activation.sigmoid(x);
                case IDENTITY -> x;
            };
        }
    }
}
