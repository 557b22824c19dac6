package dev.irprune.interop.onnx;

import dev.irprune.interop.onnx.proto.Onnx.TensorProto.DataType;
import dev.irprune.io.InputException;
import java.util.List;
import java.util.Objects;

/**
 * A graph input or output ({@code ValueInfoProto}) of tensor type: its name, element type and shape.
 * A value of another type (sequence, map) has element type {@code UNDEFINED} and no dimensions.
 */
public record OnnxValueInfo(String name, DataType elemType, List<OnnxDim> dims) {
    public OnnxValueInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(elemType, "elemType");
        dims = List.copyOf(dims);
    }

    /** A float tensor of fixed shape. */
    public static OnnxValueInfo floats(String name, long... shape) {
        return new OnnxValueInfo(name, DataType.FLOAT, java.util.Arrays.stream(shape).mapToObj(OnnxDim::of).toList());
    }

    /**
     * The shape with every dimension fixed, symbolic ones replaced by {@code batch} in first place.
     *
     * @throws InputException if another dimension is not fixed
     */
    public long[] shapeWithBatch(long batch) {
        long[] out = new long[dims.size()];
        for (int i = 0; i < out.length; i++) {
            OnnxDim d = dims.get(i);
            if (d.isFixed()) {
                out[i] = d.size();
            } else if (i == 0) {
                out[i] = batch;
            } else {
                throw new InputException("'" + name + "' has a dimension " + i + " that is not fixed (" + d + ")");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return name + " " + elemType + " " + dims;
    }
}
