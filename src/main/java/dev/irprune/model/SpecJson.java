package dev.irprune.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads spec.json: version 2 (a graph of nodes, {@link NetworkSpec}) or version 1, the plain list
 * of layers IRPrune 0.1 wrote (convolutions with an optional batch norm and ReLU, max-pools,
 * dropout, flatten, dense layers ending with a softmax layer), which is turned into the same
 * graph: {@code convX} becomes {@code convX}, {@code convX_bn}, {@code convX_relu}; the softmax
 * layer becomes a dense layer and the output {@code probabilities}. A version-1 model's weight
 * names change accordingly ({@code convX.bn.gamma} becomes {@code convX_bn.gamma}: {@link #renameV1}).
 */
public final class SpecJson {
    private SpecJson() {}

    /** The spec in {@code file}; a missing, malformed or invalid file is an {@link InputException} naming it. */
    public static NetworkSpec read(Path file) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": file not found");
        } catch (IOException e) {
            throw new InputException(file + ": unreadable: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (tree != null && tree.has("layers") && !tree.has("version")) {
            try {
                return fromV1(tree);
            } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
                throw new InputException(file + ": invalid: " + e.getMessage());
            }
        }
        return Json.readFile(file, NetworkSpec.class);
    }

    /** Whether {@code file} holds a version-1 spec (whose weights need {@link #renameV1}). */
    public static boolean isV1(Path file) {
        try {
            JsonNode tree = Json.MAPPER.readTree(Files.readAllBytes(file));
            return tree != null && tree.has("layers") && !tree.has("version");
        } catch (IOException e) {
            return false;
        }
    }

    /** Version-1 weight names in version-2 form: {@code X.bn.P} becomes {@code X_bn.P}. */
    public static <T> Map<String, T> renameV1(Map<String, T> weights) {
        Map<String, T> out = new LinkedHashMap<>();
        weights.forEach((k, v) -> out.put(k.replace(".bn.", "_bn."), v));
        return out;
    }

    static NetworkSpec fromV1(JsonNode tree) {
        JsonNode in = tree.path("input");
        InputSpec input = new InputSpec(in.path("channels").asInt(), in.path("height").asInt(), in.path("width").asInt(),
                in.path("mean").asDouble(), in.path("std").asDouble(1));
        List<NodeSpec> nodes = new ArrayList<>();
        String last = NetworkSpec.INPUT;
        for (JsonNode l : tree.path("layers")) {
            String name = l.path("name").asText();
            switch (l.path("type").asText()) {
                case "conv" -> {
                    nodes.add(ConvSpec.same(name, last, l.path("filters").asInt(), l.path("kernel").asInt(), true, l.path("l2").asDouble()));
                    last = name;
                    if (l.path("batchNorm").asBoolean()) {
                        nodes.add(BatchNormSpec.of(name + "_bn", last));
                        last = name + "_bn";
                    }
                    nodes.add(new ActivationSpec(name + "_relu", last, Activation.RELU));
                    last = name + "_relu";
                }
                case "maxpool" -> {
                    nodes.add(PoolSpec.max(name, last, l.path("size").asInt()));
                    last = name;
                }
                case "dropout" -> {
                    nodes.add(new DropoutSpec(name, last, l.path("rate").asDouble()));
                    last = name;
                }
                case "flatten" -> {
                    nodes.add(new FlattenSpec(name, last, FlattenSpec.Layout.NCHW));
                    last = name;
                }
                case "dense" -> {
                    boolean softmax = "SOFTMAX".equalsIgnoreCase(l.path("activation").asText());
                    nodes.add(new DenseSpec(name, last, l.path("units").asInt(), softmax ? Activation.IDENTITY : Activation.RELU,
                            true, l.path("l2").asDouble()));
                    last = name;
                    if (softmax) {
                        nodes.add(new OutputSpec("probabilities", last, OutputSpec.Kind.SOFTMAX));
                    }
                }
                default -> throw new IllegalArgumentException("unknown layer type '" + l.path("type").asText() + "' in a version-1 spec");
            }
        }
        return new NetworkSpec(tree.path("arch").asText("network"), input, nodes);
    }
}
