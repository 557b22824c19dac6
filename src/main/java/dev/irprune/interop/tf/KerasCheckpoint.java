package dev.irprune.interop.tf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model variables of a Keras checkpoint (TF2 object-based, {@code model.save_weights} or
 * {@code ModelCheckpoint(save_weights_only=True)}, or a SavedModel's variables), grouped by layer:
 * keys {@code layer_with_weights-N/<name>/.ATTRIBUTES/VARIABLE_VALUE} or
 * {@code layer-N/<name>/.ATTRIBUTES/VARIABLE_VALUE}. Layers come in order of N (numerically; all
 * {@code layer_with_weights-N} first should a file mix both kinds), variables in Keras' order.
 *
 * <p>Left out, as state that is not the model: optimizer slots ({@code .../.OPTIMIZER_SLOT/...},
 * TF up to 2.10), optimizer variables ({@code optimizer/...}, including Keras 2.11+
 * {@code optimizer/_variables/K}), {@code save_counter}, {@code keras_api/metrics/...},
 * {@code _CHECKPOINTABLE_OBJECT_GRAPH} and other {@code .ATTRIBUTES} than {@code VARIABLE_VALUE}.
 * Keys that fit neither are listed in {@link #otherKeys()} (a TF1 checkpoint has only those).
 *
 * @param layers the model's layers with variables, in order
 * @param otherKeys keys neither model variables nor known non-model state, in file order
 */
public record KerasCheckpoint(List<CheckpointLayer> layers, List<String> otherKeys) {
    private static final Pattern MODEL_VARIABLE =
            Pattern.compile("(layer_with_weights|layer)-(\\d{1,9})/(.+)/\\.ATTRIBUTES/VARIABLE_VALUE");
    private static final List<String> VARIABLE_ORDER = List.of(
            "kernel", "depthwise_kernel", "pointwise_kernel", "bias", "gamma", "beta", "moving_mean", "moving_variance");

    public KerasCheckpoint {
        layers = List.copyOf(layers);
        otherKeys = List.copyOf(otherKeys);
    }

    /** Sorts the keys of {@code bundle} into model variables by layer, non-model state and others. */
    public static KerasCheckpoint of(TensorBundle bundle) {
        Map<String, List<CheckpointVariable>> byLayer = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (String key : bundle.keys()) {
            if (isNotModelState(key)) {
                continue;
            }
            Matcher m = MODEL_VARIABLE.matcher(key);
            if (m.matches()) {
                String id = m.group(1) + "-" + m.group(2);
                byLayer.computeIfAbsent(id, k -> new ArrayList<>()).add(new CheckpointVariable(m.group(3), key, bundle.entry(key)));
            } else {
                others.add(key);
            }
        }
        List<CheckpointLayer> layers = new ArrayList<>();
        for (Map.Entry<String, List<CheckpointVariable>> e : byLayer.entrySet()) {
            String id = e.getKey();
            List<CheckpointVariable> vars = new ArrayList<>(e.getValue());
            vars.sort(Comparator.comparingInt(KerasCheckpoint::rank));
            int dash = id.lastIndexOf('-');
            layers.add(new CheckpointLayer(id, Integer.parseInt(id.substring(dash + 1)), id.startsWith("layer_with_weights"), vars));
        }
        layers.sort(Comparator.comparing((CheckpointLayer l) -> !l.weightedOnly()).thenComparingInt(CheckpointLayer::index));
        return new KerasCheckpoint(layers, others);
    }

    /** Known variable names first, in Keras' order; others keep their key order (the sort is stable). */
    private static int rank(CheckpointVariable v) {
        int i = VARIABLE_ORDER.indexOf(v.name());
        return i < 0 ? VARIABLE_ORDER.size() : i;
    }

    static boolean isNotModelState(String key) {
        return key.contains("/.OPTIMIZER_SLOT/")
                || key.startsWith("optimizer/")
                || key.startsWith("save_counter/")
                || key.startsWith("keras_api/")
                || key.equals("_CHECKPOINTABLE_OBJECT_GRAPH")
                || (key.contains("/.ATTRIBUTES/") && !key.endsWith("/.ATTRIBUTES/VARIABLE_VALUE"));
    }

    /** Every model variable, layer after layer. */
    public List<CheckpointVariable> variables() {
        return layers.stream().flatMap(l -> l.variables().stream()).toList();
    }

    /** The number of values in all model variables. */
    public long parameterCount() {
        return layers.stream().mapToLong(CheckpointLayer::parameterCount).sum();
    }
}
