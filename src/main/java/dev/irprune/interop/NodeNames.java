package dev.irprune.interop;

import dev.irprune.model.NetworkSpec;
import java.util.HashSet;
import java.util.Set;

/**
 * IRPrune node names made from another tool's names (a Keras layer's, an ONNX node's or weight's):
 * letters, digits and '_' (each run of other characters becomes one '_', none at either end),
 * never the reserved {@link NetworkSpec#INPUT}, and unique within one network ({@code name},
 * {@code name_1}, {@code name_2}, ...).
 */
public final class NodeNames {
    private final Set<String> used = new HashSet<>();

    /** A new name from {@code raw}; {@code fallback} prefixes it when nothing usable is left (or it is "input"). */
    public String add(String raw, String fallback) {
        String base = raw.replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        if (base.isEmpty() || base.equals(NetworkSpec.INPUT)) {
            base = fallback + (base.isEmpty() ? "" : "_" + base);
        }
        String n = base;
        for (int k = 1; !used.add(n); k++) {
            n = base + "_" + k;
        }
        return n;
    }
}
