package dev.irprune.interop.onnx;

import java.util.Objects;

/**
 * One dimension of a graph input's or output's shape ({@code TensorShapeProto.Dimension}): a fixed
 * size, a symbolic one ({@code param}, e.g. "batch", size -1), or unknown (size -1, param "").
 */
public record OnnxDim(long size, String param) {
    public OnnxDim {
        Objects.requireNonNull(param, "param");
        if (size < -1 || (size >= 0 && !param.isEmpty())) {
            throw new IllegalArgumentException("a dimension is a size >= 0 or a symbol, not " + size + " / '" + param + "'");
        }
    }

    public static OnnxDim of(long size) {
        return new OnnxDim(size, "");
    }

    public static OnnxDim symbol(String param) {
        return new OnnxDim(-1, param);
    }

    public boolean isFixed() {
        return size >= 0;
    }

    @Override
    public String toString() {
        return isFixed() ? Long.toString(size) : param.isEmpty() ? "?" : param;
    }
}
