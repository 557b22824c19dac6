package dev.irprune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A network built from a {@link NetworkSpec}: a flat DJL {@link SequentialBlock} of single layers
 * (convolution, batch norm, ReLU, dropout, pooling, flatten, dense), with its parameters named
 * after the spec ({@code conv1_1.weight}, {@code conv1_1.bn.gamma}, {@code fc1.bias}, ...). It can
 * run to the end or stop after any spec layer.
 */
public final class Network implements AutoCloseable {
    private final NetworkSpec spec;
    private final NDManager manager;
    private final SequentialBlock block;
    private final List<Block> children;
    private final int[] lastChild;
    private final Map<String, Parameter> parameters;

    private Network(NetworkSpec spec, NDManager manager, SequentialBlock block, int[] lastChild,
            Map<String, Parameter> parameters) {
        this.spec = spec;
        this.manager = manager;
        this.block = block;
        this.children = new ArrayList<>();
        block.getChildren().values().forEach(children::add);
        this.lastChild = lastChild;
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /** Builds the network with the given weights, which must match the spec's names and shapes. */
    public static Network create(NetworkSpec spec, Map<String, Tensor> weights, NDManager parent) {
        Weights.check(spec, weights);
        NDManager manager = parent.newSubManager();
        SequentialBlock block = new SequentialBlock();
        int[] lastChild = new int[spec.layers().size()];
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            layer.accept(new Builder(block, params));
            lastChild[i] = block.getChildren().size() - 1;
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor t = weights.get(e.getKey());
            NDArray array = manager.create(FloatBuffer.wrap(t.data()), shapeOf(t.shape()));
            e.getValue().setArray(array);
        }
        InputSpec in = spec.input();
        block.initialize(manager, DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, in.channels(), in.height(), in.width()));
        return new Network(spec, manager, block, lastChild, params);
    }

    public NetworkSpec spec() {
        return spec;
    }

    public NDManager manager() {
        return manager;
    }

    /** The parameters by their spec names, in network order. */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** Runs the whole network: logits (the softmax is left to the loss or the caller). */
    public NDArray forward(ParameterStore store, NDArray images, boolean training) {
        return block.forward(store, new NDList(images), training).singletonOrThrow();
    }

    /** Runs the network in inference mode up to and including spec layer {@code layerIndex}. */
    public NDArray forwardTo(ParameterStore store, NDArray images, int layerIndex) {
        NDList x = new NDList(images);
        for (int c = 0; c <= lastChild[layerIndex]; c++) {
            x = children.get(c).forward(store, x, false);
        }
        return x.singletonOrThrow();
    }

    /**
     * The first spec layer whose output, in training mode, holds a non-finite value for these
     * images (NCHW), if any: a diagnosis after a non-finite loss, not for normal runs (batch-norm
     * running statistics move as in a training step).
     */
    public Optional<String> firstNonFinite(ParameterStore store, NDArray images) {
        NDList x = new NDList(images);
        for (int c = 0; c < children.size(); c++) {
            x = children.get(c).forward(store, x, true);
            if (!Float.isFinite(x.singletonOrThrow().abs().max().getFloat())) {
                int layer = 0;
                while (lastChild[layer] < c) {
                    layer++;
                }
                return Optional.of(spec.layers().get(layer).name());
            }
        }
        return Optional.empty();
    }

    /** Copies every parameter out of the engine, by spec name. */
    public Map<String, Tensor> weights() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            out.put(e.getKey(), toTensor(e.getValue().getArray()));
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

    static ai.djl.ndarray.types.Shape shapeOf(int[] dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return new ai.djl.ndarray.types.Shape(l);
    }

    /** Adds the DJL blocks of one spec layer and records their parameters under spec names. */
    private record Builder(SequentialBlock block, Map<String, Parameter> params) implements LayerSpec.Visitor<Void> {
        @Override
        public Void conv(ConvSpec c) {
            Conv2d conv = Conv2d.builder()
                    .setKernelShape(new ai.djl.ndarray.types.Shape(c.kernel(), c.kernel()))
                    .optPadding(new ai.djl.ndarray.types.Shape(c.kernel() / 2, c.kernel() / 2))
                    .setFilters(c.filters())
                    .build();
            add(c.name(), conv);
            if (c.batchNorm()) {
                BatchNorm bn = BatchNorm.builder().build();
                block.add(bn);
                String p = c.name() + ".bn.";
                params.put(p + "gamma", bn.getParameters().get("gamma"));
                params.put(p + "beta", bn.getParameters().get("beta"));
                params.put(p + "running_mean", bn.getParameters().get("runningMean"));
                params.put(p + "running_var", bn.getParameters().get("runningVar"));
            }
            block.add(Activation.reluBlock());
            return null;
        }

        @Override
        public Void pool(PoolSpec p) {
            block.add(new MaxPoolBlock(p.size()));
            return null;
        }

        @Override
        public Void dropout(DropoutSpec d) {
            block.add(new DropoutBlock(d.rate()));
            return null;
        }

        @Override
        public Void flatten(FlattenSpec f) {
            block.add(Blocks.batchFlattenBlock());
            return null;
        }

        @Override
        public Void dense(DenseSpec d) {
            add(d.name(), Linear.builder().setUnits(d.units()).build());
            if (!d.isOutput()) {
                block.add(Activation.reluBlock());
            }
            return null;
        }

        private void add(String name, Block b) {
            block.add(b);
            params.put(name + ".weight", b.getParameters().get("weight"));
            params.put(name + ".bias", b.getParameters().get("bias"));
        }
    }
}
