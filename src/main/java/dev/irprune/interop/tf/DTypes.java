package dev.irprune.interop.tf;

import dev.irprune.interop.tf.proto.DataType;

/** Bytes per element of TensorFlow's fixed-size types ({@code tensorflow/core/framework/types.proto}). */
final class DTypes {
    private DTypes() {}

    /** The byte size of one element, or 0 for a type whose stored size is not a fixed multiple (strings, variants, 4-bit). */
    static int elementBytes(DataType t) {
        switch (t) {
            case DT_UINT8: case DT_INT8: case DT_BOOL: case DT_QINT8: case DT_QUINT8:
            case DT_FLOAT8_E5M2: case DT_FLOAT8_E4M3FN: case DT_FLOAT8_E4M3FNUZ: case DT_FLOAT8_E4M3B11FNUZ:
            case DT_FLOAT8_E5M2FNUZ:
                return 1;
            case DT_INT16: case DT_UINT16: case DT_QINT16: case DT_QUINT16: case DT_HALF: case DT_BFLOAT16:
                return 2;
            case DT_FLOAT: case DT_INT32: case DT_UINT32: case DT_QINT32:
                return 4;
            case DT_DOUBLE: case DT_INT64: case DT_UINT64: case DT_COMPLEX64:
                return 8;
            case DT_COMPLEX128:
                return 16;
            default:
                return 0;
        }
    }
}
