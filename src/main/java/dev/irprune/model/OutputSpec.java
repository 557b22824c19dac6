package dev.irprune.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The network's output: class scores from a flat input of one value per class. {@code softmax}
 * networks are trained with softmax cross-entropy (the softmax is folded into the loss);
 * {@code logits} networks output raw scores. Either way IRPrune's forward pass returns the logits.
 */
public record OutputSpec(String name, String input, Kind kind) implements SingleInput {
    /** What the output means. */
    public enum Kind {
        @JsonProperty("softmax") SOFTMAX,
        @JsonProperty("logits") LOGITS
    }

    public OutputSpec {
        NodeSpec.checkName(name);
        NodeSpec.checkInput(name, input);
        if (kind == null) {
            throw new IllegalArgumentException(name + ": the output kind (softmax or logits) is required");
        }
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape s = NodeSpec.single(name, in, 1, "the output");
        if (s.dim(0) < 2) {
            throw new IllegalArgumentException(name + ": at least 2 classes are needed, got " + s.dim(0));
        }
        return s;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.output(this);
    }
}
