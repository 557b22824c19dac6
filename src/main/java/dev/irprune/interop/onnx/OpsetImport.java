package dev.irprune.interop.onnx;

import java.util.Objects;

/** An operator set a model uses ({@code OperatorSetIdProto}): domain ("" is the default ai.onnx) and version. */
public record OpsetImport(String domain, long version) {
    public OpsetImport {
        Objects.requireNonNull(domain, "domain");
        if (version < 1) {
            throw new IllegalArgumentException("opset version must be at least 1, got " + version);
        }
    }
}
