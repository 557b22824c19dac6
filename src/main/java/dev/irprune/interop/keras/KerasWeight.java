package dev.irprune.interop.keras;

import dev.irprune.interop.FloatTensor;
import java.util.Objects;

/**
 * One weight array of a Keras layer, in Keras' layout (a conv kernel is {@code [kh, kw, in, out]},
 * a dense kernel {@code [in, out]}).
 *
 * @param name as the file names it: Keras 2 the {@code weight_names} entry ({@code conv2d/kernel:0}),
 *     Keras 3 the dataset under the layer ({@code vars/0})
 * @param tensor the values as float32
 */
public record KerasWeight(String name, FloatTensor tensor) {
    public KerasWeight {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tensor, "tensor");
    }
}
