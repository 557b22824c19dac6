package dev.irprune.model;

import java.util.List;

/** The element-wise sum of two or more inputs of one shape (a residual connection). */
public record AddSpec(String name, List<String> inputs) implements NodeSpec {
    public AddSpec {
        NodeSpec.checkName(name);
        if (inputs == null || inputs.size() < 2) {
            throw new IllegalArgumentException(name + ": an add needs at least two inputs");
        }
        inputs = List.copyOf(inputs);
        inputs.forEach(i -> NodeSpec.checkInput(name, i));
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        for (Shape s : in) {
            if (!s.equals(in.get(0))) {
                throw new IllegalArgumentException(name + ": added inputs must have one shape, got " + in);
            }
        }
        return in.get(0);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.add(this);
    }
}
