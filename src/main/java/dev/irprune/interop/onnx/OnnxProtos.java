package dev.irprune.interop.onnx;

import com.google.protobuf.ByteString;
import dev.irprune.interop.Dims;
import dev.irprune.interop.onnx.proto.Onnx.AttributeProto;
import dev.irprune.interop.onnx.proto.Onnx.NodeProto;
import dev.irprune.interop.onnx.proto.Onnx.StringStringEntryProto;
import dev.irprune.interop.onnx.proto.Onnx.TensorProto;
import dev.irprune.interop.onnx.proto.Onnx.TensorProto.DataType;
import dev.irprune.interop.onnx.proto.Onnx.TensorShapeProto;
import dev.irprune.interop.onnx.proto.Onnx.TypeProto;
import dev.irprune.interop.onnx.proto.Onnx.ValueInfoProto;
import dev.irprune.io.InputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts between the protobuf classes generated from {@code onnx.proto} and IRPrune's immutable
 * view ({@link OnnxTensor}, {@link OnnxAttribute}, {@link OnnxValueInfo}, {@link OnnxNode}), both ways.
 * Tensors are written with {@code raw_data} (little-endian, as ONNX specifies); on reading, the typed
 * fields are accepted too ({@code float_data}, {@code int32_data} for the types the spec puts there,
 * {@code int64_data}, {@code double_data}, {@code uint64_data}).
 */
final class OnnxProtos {
    private OnnxProtos() {}

    /**
     * @throws InputException (naming {@code where} and the tensor) for external or segmented data, an
     *     unknown type, or an element count that does not fit the shape
     */
    static OnnxTensor tensor(TensorProto t, String where) {
        String what = where + ": tensor '" + t.getName() + "'";
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            String location = t.getExternalDataList().stream().filter(e -> e.getKey().equals("location"))
                    .map(StringStringEntryProto::getValue).findFirst().orElse("?");
            throw new InputException(what + " keeps its data in an external file (" + location + "), which is not supported");
        }
        if (t.hasSegment()) {
            throw new InputException(what + " is a segment of a larger tensor, which is not supported");
        }
        DataType type = DataType.forNumber(t.getDataType());
        if (type == null || type == DataType.UNDEFINED) {
            throw new InputException(what + " has unknown data type " + t.getDataType());
        }
        int[] shape = Dims.toInts(t.getDimsList().stream().mapToLong(Long::longValue).toArray(), what);
        long n = Dims.count(shape);
        int width = OnnxTensor.elementBytes(type);
        if (width == 0) {
            return new OnnxTensor(t.getName(), type, shape, new byte[0]);
        }
        byte[] data = t.hasRawData() ? t.getRawData().toByteArray() : typed(t, type, width, n, what);
        if (data.length != n * width) {
            throw new InputException(what + ": holds " + data.length + " bytes, but " + type + " " + java.util.Arrays.toString(shape)
                    + " needs " + n * width);
        }
        return new OnnxTensor(t.getName(), type, shape, data);
    }

    private static byte[] typed(TensorProto t, DataType type, int width, long n, String what) {
        List<? extends Number> values;
        switch (type) {
            case FLOAT:
                values = t.getFloatDataList();
                break;
            case DOUBLE:
                values = t.getDoubleDataList();
                break;
            case INT64:
                values = t.getInt64DataList();
                break;
            case UINT32: case UINT64:
                values = t.getUint64DataList();
                break;
            default:
                values = t.getInt32DataList();
        }
        if (values.size() != n) {
            throw new InputException(what + ": holds " + values.size() + " values, its shape needs " + n);
        }
        ByteBuffer b = ByteBuffer.allocate((int) (n * width)).order(ByteOrder.LITTLE_ENDIAN);
        for (Number v : values) {
            if (type == DataType.FLOAT) {
                b.putFloat(v.floatValue());
            } else if (type == DataType.DOUBLE) {
                b.putDouble(v.doubleValue());
            } else if (width == 8) {
                b.putLong(v.longValue());
            } else if (width == 4) {
                b.putInt(v.intValue());
            } else if (width == 2) {
                b.putShort((short) v.intValue());
            } else {
                b.put((byte) v.intValue());
            }
        }
        return b.array();
    }

    static OnnxAttribute attribute(AttributeProto a, String where) {
        String name = a.getName();
        switch (a.getType()) {
            case INT:
                return new OnnxAttribute.Int(name, a.getI());
            case FLOAT:
                return new OnnxAttribute.Float(name, a.getF());
            case STRING:
                return new OnnxAttribute.Str(name, a.getS().toStringUtf8());
            case INTS:
                return new OnnxAttribute.Ints(name, a.getIntsList());
            case FLOATS:
                return new OnnxAttribute.Floats(name, a.getFloatsList());
            case STRINGS:
                return new OnnxAttribute.Strs(name, a.getStringsList().stream().map(ByteString::toStringUtf8).toList());
            case TENSOR:
                return new OnnxAttribute.Tensor(name, tensor(a.getT(), where));
            default:
                return new OnnxAttribute.Other(name, a.getType().name());
        }
    }

    static OnnxValueInfo valueInfo(ValueInfoProto v) {
        if (!v.getType().hasTensorType()) {
            return new OnnxValueInfo(v.getName(), DataType.UNDEFINED, List.of());
        }
        TypeProto.Tensor t = v.getType().getTensorType();
        DataType elem = DataType.forNumber(t.getElemType());
        List<OnnxDim> dims = new ArrayList<>();
        for (TensorShapeProto.Dimension d : t.getShape().getDimList()) {
            dims.add(d.hasDimValue() && d.getDimValue() >= 0 ? OnnxDim.of(d.getDimValue())
                    : d.hasDimParam() ? OnnxDim.symbol(d.getDimParam()) : new OnnxDim(-1, ""));
        }
        return new OnnxValueInfo(v.getName(), elem == null ? DataType.UNDEFINED : elem, dims);
    }

    static OnnxNode node(NodeProto n, String where) {
        List<OnnxAttribute> attributes = new ArrayList<>();
        for (AttributeProto a : n.getAttributeList()) {
            attributes.add(attribute(a, where + ": node '" + n.getName() + "'"));
        }
        return new OnnxNode(n.getName(), n.getOpType(), n.getDomain(), n.getInputList(), n.getOutputList(), attributes);
    }

    /** A Constant node's value under the name of its output. */
    static Optional<OnnxTensor> constantValue(OnnxNode n, String output) {
        for (OnnxAttribute a : n.attributes()) {
            if (a instanceof OnnxAttribute.Tensor t && a.name().equals("value")) {
                return Optional.of(new OnnxTensor(output, t.value().dataType(), t.value().shape(), t.value().data()));
            }
            if (a instanceof OnnxAttribute.Float f && a.name().equals("value_float")) {
                return Optional.of(floats(output, new int[0], List.of(f.value())));
            }
            if (a instanceof OnnxAttribute.Floats f && a.name().equals("value_floats")) {
                return Optional.of(floats(output, new int[] {f.values().size()}, f.values()));
            }
            if (a instanceof OnnxAttribute.Int i && a.name().equals("value_int")) {
                return Optional.of(longs(output, new int[0], List.of(i.value())));
            }
            if (a instanceof OnnxAttribute.Ints i && a.name().equals("value_ints")) {
                return Optional.of(longs(output, new int[] {i.values().size()}, i.values()));
            }
        }
        return Optional.empty();
    }

    static OnnxTensor floats(String name, int[] shape, List<Float> values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.size()).order(ByteOrder.LITTLE_ENDIAN);
        values.forEach(b::putFloat);
        return new OnnxTensor(name, DataType.FLOAT, shape, b.array());
    }

    static OnnxTensor longs(String name, int[] shape, List<Long> values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.size()).order(ByteOrder.LITTLE_ENDIAN);
        values.forEach(b::putLong);
        return new OnnxTensor(name, DataType.INT64, shape, b.array());
    }

    // ---- to protobuf ----

    static TensorProto toProto(OnnxTensor t) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(t.name()).setDataType(t.dataType().getNumber());
        for (int d : t.shape()) {
            b.addDims(d);
        }
        return b.setRawData(ByteString.copyFrom(t.data())).build();
    }

    static AttributeProto toProto(OnnxAttribute a) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(a.name());
        if (a instanceof OnnxAttribute.Int i) {
            return b.setType(AttributeProto.AttributeType.INT).setI(i.value()).build();
        } else if (a instanceof OnnxAttribute.Float f) {
            return b.setType(AttributeProto.AttributeType.FLOAT).setF(f.value()).build();
        } else if (a instanceof OnnxAttribute.Str s) {
            return b.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s.value())).build();
        } else if (a instanceof OnnxAttribute.Ints i) {
            return b.setType(AttributeProto.AttributeType.INTS).addAllInts(i.values()).build();
        } else if (a instanceof OnnxAttribute.Floats f) {
            return b.setType(AttributeProto.AttributeType.FLOATS).addAllFloats(f.values()).build();
        } else if (a instanceof OnnxAttribute.Strs s) {
            s.values().forEach(v -> b.addStrings(ByteString.copyFromUtf8(v)));
            return b.setType(AttributeProto.AttributeType.STRINGS).build();
        } else if (a instanceof OnnxAttribute.Tensor t) {
            return b.setType(AttributeProto.AttributeType.TENSOR).setT(toProto(t.value())).build();
        }
        throw new IllegalArgumentException("cannot write attribute " + a.name() + " of kind " + ((OnnxAttribute.Other) a).kind());
    }

    static ValueInfoProto toProto(OnnxValueInfo v) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (OnnxDim d : v.dims()) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d.isFixed()) {
                dim.setDimValue(d.size());
            } else if (!d.param().isEmpty()) {
                dim.setDimParam(d.param());
            }
            shape.addDim(dim);
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(v.elemType().getNumber()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(v.name()).setType(type).build();
    }

    static NodeProto toProto(OnnxNode n) {
        NodeProto.Builder b = NodeProto.newBuilder().setName(n.name()).setOpType(n.opType()).addAllInput(n.inputs())
                .addAllOutput(n.outputs());
        if (!n.domain().isEmpty()) {
            b.setDomain(n.domain());
        }
        n.attributes().forEach(a -> b.addAttribute(toProto(a)));
        return b.build();
    }
}
