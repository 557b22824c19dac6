package dev.irprune.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Flattens a C x H x W map into C*H*W features in the order its consumer's weights expect:
 * {@code nchw} is channel-major (feature c*H*W + h*W + w, PyTorch's and IRPrune's own networks),
 * {@code nhwc} is channel-minor (feature (h*W + w)*C + c, as Keras flattens). A flat input passes
 * through unchanged.
 */
public record FlattenSpec(String name, String input, Layout layout) implements SingleInput {
    /** The order of the flattened features. */
    public enum Layout {
        @JsonProperty("nchw") NCHW,
        @JsonProperty("nhwc") NHWC
    }

    public FlattenSpec {
        NodeSpec.checkName(name);
        NodeSpec.checkInput(name, input);
        if (layout == null) {
            throw new IllegalArgumentException(name + ": the layout (nchw or nhwc) is required");
        }
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape s = NodeSpec.single(name, in, 0, "flatten");
        return new Shape(Math.toIntExact(s.size()));
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.flatten(this);
    }

    /**
     * The feature index of channel {@code c} at pixel {@code p} (p = h*W + w) of a map with
     * {@code channels} channels and {@code pixels} pixels.
     */
    public int feature(int c, int p, int channels, int pixels) {
        return layout == Layout.NCHW ? c * pixels + p : p * channels + c;
    }
}
