package dev.irprune.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.interop.NodeNames;
import dev.irprune.io.InputException;
import dev.irprune.model.Activation;
import dev.irprune.model.ActivationSpec;
import dev.irprune.model.BatchNormSpec;
import dev.irprune.model.ConvSpec;
import dev.irprune.model.DenseSpec;
import dev.irprune.model.DropoutSpec;
import dev.irprune.model.FlattenSpec;
import dev.irprune.model.GlobalPoolSpec;
import dev.irprune.model.InputSpec;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.NodeSpec;
import dev.irprune.model.OutputSpec;
import dev.irprune.model.Padding;
import dev.irprune.model.PoolSpec;
import dev.irprune.model.Preprocess;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Keras Sequential model config (what {@code model.to_json()} writes, a Keras 2 {@code .h5}'s
 * {@code model_config}, a {@code .keras} archive's {@code config.json}) as an IRPrune
 * {@link NetworkSpec} in Keras' own view: flattens are {@link FlattenSpec.Layout#NHWC}, as Keras
 * flattens a channels_last map, so Keras' dense kernels fit it unpermuted (the importer then turns
 * it into NCHW with {@code FlattenLayouts.toNchw}).
 *
 * <p>Layers, with Keras' semantics (keras/src/layers): {@code InputLayer} (its
 * {@code batch_input_shape} or {@code batch_shape} (batch, H, W, C), or (batch, H, W) for one
 * channel, gives the input; else the first layer's), {@code Conv2D} (filters, kernel_size, strides,
 * padding "valid" or "same" (TensorFlow's SAME: the extra row and column at the bottom and right),
 * use_bias, activation; dilation and groups 1), {@code MaxPooling2D} and {@code AveragePooling2D}
 * (pool_size, strides defaulting to pool_size, padding; an average leaves padded positions out),
 * {@code GlobalAveragePooling2D}, {@code Flatten}, {@code Dense} (units, activation, use_bias),
 * {@code Dropout} (rate), {@code BatchNormalization} (epsilon, default 1e-3, and momentum, default
 * 0.99, the share of the running statistics kept: IRPrune's convention too; on the channel axis),
 * {@code Activation} and {@code ReLU}. Activations: linear, relu, tanh, sigmoid, and softmax on the
 * last layer only (the output is then {@code softmax}, else {@code logits}). An L2
 * {@code kernel_regularizer} becomes the node's {@code l2} (Keras adds l2 * sum(w^2) to the loss, as
 * IRPrune does). Only channels_last data is accepted. A layer's activation becomes its own node
 * {@code <layer>_<activation>}, except on Dense layers, which carry it. Node names are the Keras
 * layer names ({@link NodeNames}).
 */
public final class KerasSequential {
    private static final String SUPPORTED = "InputLayer, Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, Flatten, "
            + "Dense, Dropout, BatchNormalization, Activation, ReLU";

    private KerasSequential() {}

    /**
     * The network the config describes, its input preprocessed as {@code scale255} until told
     * otherwise.
     *
     * @param where names the file in messages
     * @throws InputException (one line) if it is not a Sequential model, a layer is not supported
     *     or its settings are, or the layers do not fit together
     */
    public static NetworkSpec toSpec(JsonNode model, String where) {
        String kind = KerasConfig.className(model);
        if (!kind.equals("Sequential")) {
            throw new InputException(where + ": a Keras " + (kind.isEmpty() ? "config without class_name" : kind + " model")
                    + "; IRPrune imports Sequential models (layers one after another)");
        }
        List<JsonNode> layers = KerasConfig.layers(model);
        if (layers.isEmpty()) {
            throw new InputException(where + ": the Keras model config lists no layers");
        }
        Builder b = new Builder(where, inputShape(model, layers, where));
        for (int i = 0; i < layers.size(); i++) {
            b.layer(layers.get(i), i == layers.size() - 1);
        }
        return b.build(model.path("config").path("name").asText("keras-sequential"));
    }

    /** (C, H, W) from the first shape given: InputLayer, first layer, or the model's build shape. */
    private static int[] inputShape(JsonNode model, List<JsonNode> layers, String where) {
        JsonNode first = layers.get(0).path("config");
        for (JsonNode s : new JsonNode[] {first.path("batch_input_shape"), first.path("batch_shape"),
            model.path("config").path("build_input_shape"), model.path("build_config").path("input_shape")}) {
            if (s.isArray() && (s.size() == 4 || s.size() == 3)) {
                int h = s.get(1).asInt();
                int w = s.get(2).asInt();
                int c = s.size() == 4 ? s.get(3).asInt() : 1;
                if (h < 1 || w < 1 || c < 1) {
                    throw new InputException(where + ": the Keras input shape " + s + " is not fixed (height, width and channels are needed)");
                }
                return new int[] {c, h, w};
            }
        }
        throw new InputException(where + ": the Keras config gives no image input shape (batch_input_shape or batch_shape "
                + "of rank 3 or 4 on the InputLayer or first layer)");
    }

    /** Adds the nodes of each layer in turn. */
    private static final class Builder {
        private final String where;
        private final int[] input;
        private final List<NodeSpec> nodes = new ArrayList<>();
        private final NodeNames names = new NodeNames();
        private String last = NetworkSpec.INPUT;
        private boolean flat;
        private boolean softmax;

        Builder(String where, int[] input) {
            this.where = where;
            this.input = input;
        }

        void layer(JsonNode layer, boolean isLast) {
            try {
                map(layer, isLast);
            } catch (IllegalArgumentException e) {
                throw new InputException(where + ": layer '" + KerasConfig.name(layer) + "': " + e.getMessage());
            }
        }

        private void map(JsonNode layer, boolean isLast) {
            String cls = KerasConfig.className(layer);
            JsonNode c = layer.path("config");
            String name = KerasConfig.name(layer);
            switch (cls) {
                case "InputLayer" -> { }
                case "Conv2D", "Convolution2D" -> conv(name, c, isLast);
                case "MaxPooling2D", "MaxPool2D" -> pool(name, c, PoolSpec.Kind.MAX);
                case "AveragePooling2D", "AvgPool2D" -> pool(name, c, PoolSpec.Kind.AVG);
                case "GlobalAveragePooling2D", "GlobalAvgPool2D" -> {
                    needMap(name, cls);
                    channelsLast(name, c);
                    String pooled = add(new GlobalPoolSpec(unique(name), last));
                    add(new FlattenSpec(unique(name + "_flatten"), pooled, FlattenSpec.Layout.NHWC));
                    flat = true;
                }
                case "Flatten" -> {
                    channelsLast(name, c);
                    add(new FlattenSpec(unique(name), last, FlattenSpec.Layout.NHWC));
                    flat = true;
                }
                case "Dense" -> dense(name, c, isLast);
                case "Dropout" -> add(new DropoutSpec(unique(name), last, c.path("rate").asDouble(0)));
                case "BatchNormalization" -> batchNorm(name, c);
                case "Activation" -> activation(name, activationOf(c.path("activation")), isLast);
                case "ReLU" -> {
                    if (c.path("max_value").isNumber() || c.path("negative_slope").asDouble(0) != 0 || c.path("threshold").asDouble(0) != 0) {
                        throw unsupported(name, "a ReLU with max_value, negative_slope or threshold");
                    }
                    activation(name, "relu", isLast);
                }
                default -> throw new InputException(where + ": layer '" + name + "' is a " + (cls.isEmpty() ? "layer without class_name" : cls)
                        + ", which IRPrune does not import (supported: " + SUPPORTED + ")");
            }
        }

        private void conv(String name, JsonNode c, boolean isLast) {
            needMap(name, "Conv2D");
            channelsLast(name, c);
            int[] k = pair(name, c.path("kernel_size"), null);
            int[] s = pair(name, c.path("strides"), new int[] {1, 1});
            int[] d = pair(name, c.path("dilation_rate"), new int[] {1, 1});
            if (d[0] != 1 || d[1] != 1 || c.path("groups").asInt(1) != 1) {
                throw unsupported(name, "a dilated or grouped convolution");
            }
            add(new ConvSpec(unique(name), last, c.path("filters").asInt(), k[0], k[1], s[0], s[1], padding(name, c),
                    c.path("use_bias").asBoolean(true), l2(c)));
            activation(name, activationOf(c.path("activation")), isLast);
        }

        private void pool(String name, JsonNode c, PoolSpec.Kind kind) {
            needMap(name, kind == PoolSpec.Kind.MAX ? "MaxPooling2D" : "AveragePooling2D");
            channelsLast(name, c);
            int[] size = pair(name, c.path("pool_size"), new int[] {2, 2});
            int[] s = pair(name, c.path("strides"), size);
            add(new PoolSpec(unique(name), last, kind, size[0], size[1], s[0], s[1], padding(name, c), false));
        }

        private void dense(String name, JsonNode c, boolean isLast) {
            if (!flat) {
                throw unsupported(name, "a Dense layer on an image map (put a Flatten before it)");
            }
            String act = activationOf(c.path("activation"));
            if (act.equals("softmax")) {
                softmaxLast(name, isLast);
            }
            Activation f = act.equals("softmax") ? Activation.IDENTITY : function(name, act);
            add(new DenseSpec(unique(name), last, c.path("units").asInt(), f, c.path("use_bias").asBoolean(true), l2(c)));
        }

        private void batchNorm(String name, JsonNode c) {
            JsonNode axis = c.path("axis");
            int a = axis.isArray() && axis.size() == 1 ? axis.get(0).asInt() : axis.asInt(-1);
            if (a != -1 && a != (flat ? 1 : 3)) {
                throw unsupported(name, "batch normalisation over axis " + axis + " (only the channel axis, -1)");
            }
            add(new BatchNormSpec(unique(name), last, c.path("epsilon").asDouble(1e-3), c.path("momentum").asDouble(0.99)));
        }

        private void activation(String name, String act, boolean isLast) {
            if (act.equals("linear")) {
                return;
            }
            if (act.equals("softmax")) {
                softmaxLast(name, isLast);
                return;
            }
            add(new ActivationSpec(unique(name + "_" + act), last, function(name, act)));
        }

        private void softmaxLast(String name, boolean isLast) {
            if (!isLast) {
                throw unsupported(name, "a softmax before the last layer");
            }
            softmax = true;
        }

        NetworkSpec build(String arch) {
            String out = unique(softmax ? "probabilities" : "logits");
            nodes.add(new OutputSpec(out, last, softmax ? OutputSpec.Kind.SOFTMAX : OutputSpec.Kind.LOGITS));
            try {
                return new NetworkSpec(arch, new InputSpec(input[0], input[1], input[2], Preprocess.SCALE255, 0, 1), nodes);
            } catch (IllegalArgumentException e) {
                throw new InputException(where + ": " + e.getMessage());
            }
        }

        private String add(NodeSpec n) {
            nodes.add(n);
            last = n.name();
            return last;
        }

        private String unique(String keras) {
            return names.add(keras, "layer");
        }

        private void needMap(String name, String cls) {
            if (flat) {
                throw unsupported(name, "a " + cls + " after Flatten");
            }
        }

        private void channelsLast(String name, JsonNode c) {
            String f = c.path("data_format").asText("channels_last");
            if (!f.equals("channels_last") && !c.path("data_format").isNull()) {
                throw unsupported(name, "data_format " + f + " (only channels_last)");
            }
        }

        private Padding padding(String name, JsonNode c) {
            return switch (c.path("padding").asText("valid").toLowerCase(Locale.ROOT)) {
                case "valid" -> Padding.VALID;
                case "same" -> Padding.SAME;
                default -> throw unsupported(name, "padding '" + c.path("padding").asText() + "' (only valid and same)");
            };
        }

        private Activation function(String name, String act) {
            return switch (act) {
                case "relu" -> Activation.RELU;
                case "tanh" -> Activation.TANH;
                case "sigmoid" -> Activation.SIGMOID;
                case "linear" -> Activation.IDENTITY;
                default -> throw unsupported(name, "activation '" + act + "' (only linear, relu, tanh, sigmoid, and softmax last)");
            };
        }

        private int[] pair(String name, JsonNode v, int[] fallback) {
            if (v.isInt()) {
                return new int[] {v.asInt(), v.asInt()};
            }
            if (v.isArray() && v.size() == 2 && v.get(0).isInt() && v.get(1).isInt()) {
                return new int[] {v.get(0).asInt(), v.get(1).asInt()};
            }
            if (fallback != null && (v.isMissingNode() || v.isNull())) {
                return fallback;
            }
            throw new InputException(where + ": layer '" + name + "': expected two whole numbers, got " + v);
        }

        private InputException unsupported(String name, String what) {
            return new InputException(where + ": layer '" + name + "' is " + what + ", which IRPrune does not import");
        }
    }

    /** The activation's name: a string, or Keras 3's serialized function object. */
    static String activationOf(JsonNode a) {
        if (a.isMissingNode() || a.isNull()) {
            return "linear";
        }
        if (a.isTextual()) {
            return a.asText();
        }
        JsonNode c = a.path("config");
        return c.isTextual() ? c.asText() : a.path("class_name").asText("").toLowerCase(Locale.ROOT);
    }

    /** The L2 coefficient of a kernel_regularizer (L2 or L1L2; any L1 part is left out), 0 without one. */
    static double l2(JsonNode layer) {
        JsonNode r = layer.path("kernel_regularizer");
        return r.isObject() ? r.path("config").path("l2").asDouble(0) : 0;
    }
}
