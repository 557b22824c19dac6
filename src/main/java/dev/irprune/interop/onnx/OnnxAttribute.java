package dev.irprune.interop.onnx;

import java.util.List;
import java.util.Objects;

/**
 * A node attribute of an ONNX model ({@code AttributeProto}): an int, a float, a string, lists of
 * those, or a tensor. Other kinds (graphs, sparse tensors, types) are kept by kind only
 * ({@link Other}); a model that needs them is out of IRPrune's scope.
 */
public sealed interface OnnxAttribute {
    String name();

    record Int(String name, long value) implements OnnxAttribute {
        public Int {
            Objects.requireNonNull(name, "name");
        }
    }

    record Float(String name, float value) implements OnnxAttribute {
        public Float {
            Objects.requireNonNull(name, "name");
        }
    }

    record Str(String name, String value) implements OnnxAttribute {
        public Str {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    record Ints(String name, List<Long> values) implements OnnxAttribute {
        public Ints {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }

    record Floats(String name, List<java.lang.Float> values) implements OnnxAttribute {
        public Floats {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }

    record Strs(String name, List<String> values) implements OnnxAttribute {
        public Strs {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }

    record Tensor(String name, OnnxTensor value) implements OnnxAttribute {
        public Tensor {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** An attribute of a kind this view does not hold (GRAPH, SPARSE_TENSOR, TYPE_PROTO and their lists). */
    record Other(String name, String kind) implements OnnxAttribute {
        public Other {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }
    }

    static Int of(String name, long value) {
        return new Int(name, value);
    }

    static Float of(String name, float value) {
        return new Float(name, value);
    }

    static Str of(String name, String value) {
        return new Str(name, value);
    }

    static Ints ints(String name, long... values) {
        return new Ints(name, java.util.Arrays.stream(values).boxed().toList());
    }

    static Floats floats(String name, float... values) {
        java.util.List<java.lang.Float> list = new java.util.ArrayList<>();
        for (float v : values) {
            list.add(v);
        }
        return new Floats(name, list);
    }
}
