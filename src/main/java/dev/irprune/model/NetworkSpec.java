package dev.irprune.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network's architecture as data: the input and an ordered list of layers. It builds the DJL
 * block ({@link Network}) and counts MACs and parameters ({@link Costs}); a pruned network is
 * {@link #withWidths(Map)} of the original.
 */
public record NetworkSpec(String arch, InputSpec input, List<LayerSpec> layers) {
    public NetworkSpec {
        if (input == null || layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs an input and at least one layer");
        }
        layers = List.copyOf(layers);
        Set<String> names = new HashSet<>();
        Shape shape = input.shape();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            if (!names.add(layer.name())) {
                throw new IllegalArgumentException("duplicate layer name: " + layer.name());
            }
            if (layer instanceof DenseSpec d && d.isOutput() && i != layers.size() - 1) {
                throw new IllegalArgumentException(layer.name() + ": only the last layer may be a softmax output layer");
            }
            shape = layer.outputShape(shape);
        }
        if (!(layers.get(layers.size() - 1) instanceof DenseSpec last) || !last.isOutput()) {
            throw new IllegalArgumentException("the last layer must be a softmax dense layer");
        }
    }

    /** Output shape of every layer, in order. */
    public List<Shape> outputShapes() {
        List<Shape> shapes = new ArrayList<>(layers.size());
        Shape shape = input.shape();
        for (LayerSpec layer : layers) {
            shape = layer.outputShape(shape);
            shapes.add(shape);
        }
        return shapes;
    }

    /** The input shape of the layer at {@code index}. */
    public Shape inputShape(int index) {
        return index == 0 ? input.shape() : outputShapes().get(index - 1);
    }

    public int indexOf(String name) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no layer named " + name);
    }

    /** The number of classes: units of the output layer. */
    public int classes() {
        return ((DenseSpec) layers.get(layers.size() - 1)).units();
    }

    /** Names of the layers that have filters or units to prune: convolutions and hidden dense layers. */
    public List<String> prunableLayers() {
        List<String> names = new ArrayList<>();
        for (LayerSpec layer : layers) {
            if (layer instanceof ConvSpec || (layer instanceof DenseSpec d && !d.isOutput())) {
                names.add(layer.name());
            }
        }
        return names;
    }

    /** The width (filters or units) of a prunable layer. */
    public int width(String name) {
        LayerSpec layer = layers.get(indexOf(name));
        if (layer instanceof ConvSpec c) {
            return c.filters();
        }
        if (layer instanceof DenseSpec d && !d.isOutput()) {
            return d.units();
        }
        throw new IllegalArgumentException(name + " has no width");
    }

    /** The same network with other widths for the named layers. */
    public NetworkSpec withWidths(Map<String, Integer> widths) {
        List<LayerSpec> out = new ArrayList<>(layers.size());
        Set<String> used = new HashSet<>();
        for (LayerSpec layer : layers) {
            Integer w = widths.get(layer.name());
            if (w == null) {
                out.add(layer);
                continue;
            }
            used.add(layer.name());
            if (layer instanceof ConvSpec c) {
                out.add(c.withFilters(w));
            } else if (layer instanceof DenseSpec d && !d.isOutput()) {
                out.add(d.withUnits(w));
            } else {
                throw new IllegalArgumentException(layer.name() + " has no width to change");
            }
        }
        if (used.size() != widths.size()) {
            throw new IllegalArgumentException("unknown layers in " + widths.keySet());
        }
        return new NetworkSpec(arch, input, out);
    }

    public NetworkSpec withInput(InputSpec newInput) {
        return new NetworkSpec(arch, newInput, layers);
    }
}
