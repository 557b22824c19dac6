package dev.irprune.interop.keras;

import dev.irprune.interop.FloatTensor;
import dev.irprune.io.InputException;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Attribute strings and float arrays out of jhdf's objects, in the forms Keras writes them: text as
 * fixed- or variable-length strings (scalar or array), an empty list as an empty array of any type,
 * and a list too long for one HDF5 object header split into {@code name0, name1, ...} (Keras'
 * {@code save_attributes_to_hdf5_group}).
 */
final class H5Values {
    private H5Values() {}

    /** A text attribute, if present. */
    static Optional<String> string(Node node, String name) {
        Attribute a = node.getAttribute(name);
        if (a == null || a.getData() == null) {
            return Optional.empty();
        }
        Object d = a.getData();
        if (d instanceof String s) {
            return Optional.of(s);
        }
        if (d instanceof String[] arr && arr.length == 1) {
            return Optional.of(arr[0]);
        }
        throw new InputException(node.getHdfFile().getFile() + ": attribute " + name + " of " + node.getPath() + " is not text");
    }

    /** A list-of-text attribute, joined from its chunks if split; empty if absent. */
    static List<String> strings(Node node, String name) {
        if (node.getAttribute(name) != null) {
            return stringList(node, name);
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; node.getAttribute(name + k) != null; k++) {
            out.addAll(stringList(node, name + k));
        }
        return out;
    }

    static boolean hasList(Node node, String name) {
        return node.getAttribute(name) != null || node.getAttribute(name + "0") != null;
    }

    private static List<String> stringList(Node node, String name) {
        Object d = node.getAttribute(name).getData();
        if (d == null) {
            return List.of();
        }
        if (d instanceof String s) {
            return List.of(s);
        }
        if (d instanceof String[] arr) {
            return List.of(arr);
        }
        if (d.getClass().isArray() && Array.getLength(d) == 0) {
            return List.of();
        }
        throw new InputException(node.getHdfFile().getFile() + ": attribute " + name + " of " + node.getPath() + " is not a list of text");
    }

    /**
     * A float dataset as float32 with its shape (float64 rounded to the nearest float).
     *
     * @throws InputException if the dataset holds another type
     */
    static FloatTensor floats(Dataset ds, String where) {
        Class<?> type = ds.getJavaType();
        int[] shape = ds.isScalar() ? new int[0] : ds.getDimensions();
        Object data = ds.isScalar() ? ds.getData() : ds.getDataFlat();
        if (type == float.class || type == Float.class) {
            return new FloatTensor(shape, data instanceof Float f ? new float[] {f} : (float[]) data);
        }
        if (type == double.class || type == Double.class) {
            double[] v = data instanceof Double x ? new double[] {x} : (double[]) data;
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            return new FloatTensor(shape, f);
        }
        throw new InputException(where + ": dataset " + ds.getPath() + " holds " + type.getSimpleName() + ", not float32 or float64");
    }
}
