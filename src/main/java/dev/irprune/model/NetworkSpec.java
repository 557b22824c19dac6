package dev.irprune.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network's architecture as data (spec.json, version 2): the input and a directed acyclic graph
 * of named nodes in topological order, each naming the nodes it reads ({@link #INPUT} for the
 * network's input); the last node is the {@link OutputSpec}. It builds the engine's network
 * ({@link Network}) and gives shapes, MACs and parameters ({@link Costs}) from the spec alone; a
 * pruned network is {@link #withWidths(Map)} of the original. Version-1 files (a plain list of
 * layers) are read by {@link SpecJson}.
 */
public record NetworkSpec(int version, String arch, InputSpec input, List<NodeSpec> nodes) {
    /** The name by which nodes refer to the network's input. */
    public static final String INPUT = "input";
    /** The spec.json format this record writes. */
    public static final int VERSION = 2;

    public NetworkSpec {
        if (version != VERSION) {
            throw new IllegalArgumentException("spec version " + version + " is not supported (this is version " + VERSION + ")");
        }
        if (arch == null || input == null || nodes == null || nodes.isEmpty()) {
            throw new IllegalArgumentException("a network needs a name, an input and at least one node");
        }
        nodes = List.copyOf(nodes);
        Map<String, Shape> shapes = new HashMap<>();
        shapes.put(INPUT, input.shape());
        Set<String> used = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeSpec n = nodes.get(i);
            if (shapes.containsKey(n.name())) {
                throw new IllegalArgumentException("duplicate node name: " + n.name());
            }
            List<Shape> in = new ArrayList<>();
            for (String from : n.inputs()) {
                Shape s = shapes.get(from);
                if (s == null) {
                    throw new IllegalArgumentException(n.name() + ": input '" + from + "' is not the network input or an earlier node");
                }
                used.add(from);
                in.add(s);
            }
            if (n instanceof OutputSpec != (i == nodes.size() - 1)) {
                throw new IllegalArgumentException("the last node, and only it, must be the output: " + n.name());
            }
            shapes.put(n.name(), n.outputShape(in));
        }
        for (NodeSpec n : nodes.subList(0, nodes.size() - 1)) {
            if (!used.contains(n.name())) {
                throw new IllegalArgumentException(n.name() + ": its output is never used");
            }
        }
    }

    public NetworkSpec(String arch, InputSpec input, List<NodeSpec> nodes) {
        this(VERSION, arch, input, nodes);
    }

    /** The output shape of every node, the input's first (under {@link #INPUT}), in network order. */
    public Map<String, Shape> shapes() {
        Map<String, Shape> out = new LinkedHashMap<>();
        out.put(INPUT, input.shape());
        for (NodeSpec n : nodes) {
            out.put(n.name(), n.outputShape(n.inputs().stream().map(out::get).toList()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The output shape of node {@code name} (or of the input). */
    public Shape shape(String name) {
        Shape s = shapes().get(name);
        if (s == null) {
            throw new IllegalArgumentException("no node named " + name);
        }
        return s;
    }

    /** The shape of a node's first input. */
    public Shape inputShape(NodeSpec n) {
        return shape(n.inputs().get(0));
    }

    public NodeSpec node(String name) {
        return nodes.get(indexOf(name));
    }

    public int indexOf(String name) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no node named " + name);
    }

    /** Whether a node of this name exists. */
    public boolean has(String name) {
        return nodes.stream().anyMatch(n -> n.name().equals(name));
    }

    /** The nodes that read node {@code name}'s output, in network order. */
    public List<NodeSpec> consumers(String name) {
        return nodes.stream().filter(n -> n.inputs().contains(name)).toList();
    }

    /** The output node. */
    @JsonIgnore
    public OutputSpec output() {
        return (OutputSpec) nodes.get(nodes.size() - 1);
    }

    /** The number of classes: the size of the output. */
    public int classes() {
        return shape(output().name()).dim(0);
    }

    /** The width (filters or units) of a convolution or dense node. */
    public int width(String name) {
        NodeSpec n = node(name);
        if (n instanceof ConvSpec c) {
            return c.filters();
        }
        if (n instanceof DenseSpec d) {
            return d.units();
        }
        throw new IllegalArgumentException(name + " is not a convolution or dense node: it has no width of its own");
    }

    /** The same network with other widths for the named convolution and dense nodes. */
    public NetworkSpec withWidths(Map<String, Integer> widths) {
        List<NodeSpec> out = new ArrayList<>(nodes.size());
        Set<String> done = new HashSet<>();
        for (NodeSpec n : nodes) {
            Integer w = widths.get(n.name());
            if (w == null) {
                out.add(n);
            } else if (n instanceof ConvSpec c) {
                out.add(c.withFilters(w));
                done.add(n.name());
            } else if (n instanceof DenseSpec d) {
                out.add(d.withUnits(w));
                done.add(n.name());
            } else {
                throw new IllegalArgumentException(n.name() + " has no width to change");
            }
        }
        if (done.size() != widths.size()) {
            throw new IllegalArgumentException("unknown nodes in " + widths.keySet());
        }
        return new NetworkSpec(arch, input, out);
    }

    public NetworkSpec withInput(InputSpec newInput) {
        return new NetworkSpec(arch, newInput, nodes);
    }
}
