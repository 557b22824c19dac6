package dev.irprune.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Max- or average-pooling of {@code sizeH x sizeW} windows with strides and padding, channel by
 * channel. Padded positions never win a maximum; an average counts them only if
 * {@code countPadding} (PyTorch's count_include_pad; Keras and ONNX leave them out).
 */
public record PoolSpec(String name, String input, Kind kind, int sizeH, int sizeW, int strideH, int strideW, Padding padding,
        boolean countPadding) implements SingleInput {
    /** Which pooling. */
    public enum Kind {
        @JsonProperty("max") MAX,
        @JsonProperty("avg") AVG
    }

    public PoolSpec {
        NodeSpec.checkName(name);
        NodeSpec.checkInput(name, input);
        if (kind == null || padding == null) {
            throw new IllegalArgumentException(name + ": pooling kind and padding are required");
        }
        Padding.checkWindow(name, sizeH, sizeW, strideH, strideW);
        if (countPadding && kind == Kind.MAX) {
            throw new IllegalArgumentException(name + ": countPadding applies to average pooling only");
        }
    }

    /** Max-pooling of k x k windows with stride k and no padding, as VGG uses. */
    public static PoolSpec max(String name, String input, int k) {
        return new PoolSpec(name, input, Kind.MAX, k, k, k, k, Padding.VALID, false);
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape s = NodeSpec.single(name, in, 3, "pooling");
        return padding.output(name, s, s.dim(0), sizeH, sizeW, strideH, strideW);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.pool(this);
    }
}
