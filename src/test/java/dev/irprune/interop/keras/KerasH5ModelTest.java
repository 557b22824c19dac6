package dev.irprune.interop.keras;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.interop.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real Keras 2 full-model HDF5 file (shared/fixtures/keras/berfubuyukoz-fmnist-cnn-h5, not shipped:
 * skipped when absent): layers, classes, shapes and parameter count as in its INFO.md; two kernel
 * values as h5py reads them.
 */
@Tag("fast")
class KerasH5ModelTest {
    @Test
    void fashionMnistCnn() {
        KerasModel m = KerasFiles.read(Fixtures.shared("keras/berfubuyukoz-fmnist-cnn-h5/cnn2_model.h5"));
        assertThat(m.layout()).isEqualTo(KerasLayout.KERAS2_MODEL);
        assertThat(m.kerasVersion()).isEqualTo("2.2.4-tf");
        assertThat(m.backend()).isEqualTo("tensorflow");
        assertThat(m.config()).hasValueSatisfying(c -> {
            assertThat(c.path("class_name").asText()).isEqualTo("Sequential");
            assertThat(c.path("config").path("layers").get(0).path("config").path("filters").asInt()).isEqualTo(32);
        });
        assertThat(m.layers()).extracting(KerasLayer::name).containsExactly("conv2d_3", "max_pooling2d_2", "conv2d_4",
                "max_pooling2d_3", "conv2d_5", "dropout", "flatten_2", "dense_4", "dropout_1", "dense_5");
        assertThat(m.layers()).extracting(KerasLayer::className).containsExactly("Conv2D", "MaxPooling2D", "Conv2D",
                "MaxPooling2D", "Conv2D", "Dropout", "Flatten", "Dense", "Dropout", "Dense");
        assertThat(m.layer("conv2d_3").path()).isEqualTo("/model_weights/conv2d_3");
        assertThat(m.layer("conv2d_3").weights()).extracting(KerasWeight::name).containsExactly("conv2d_3/kernel:0", "conv2d_3/bias:0");
        assertThat(m.layers().stream().flatMap(l -> l.weights().stream()).map(w -> w.tensor().shape()).toList()).containsExactly(
                new int[] {3, 3, 1, 32}, new int[] {32}, new int[] {3, 3, 32, 64}, new int[] {64}, new int[] {3, 3, 64, 128},
                new int[] {128}, new int[] {1152, 128}, new int[] {128}, new int[] {128, 10}, new int[] {10});
        assertThat(m.layer("dropout").weights()).isEmpty();
        assertThat(m.parameterCount()).isEqualTo(241_546);
        List<KerasWeight> conv = m.layer("conv2d_3").weights();
        assertThat(conv.get(0).tensor().get(0)).isEqualTo(-0.35282114f);
        assertThat(conv.get(0).tensor().get(1)).isEqualTo(-0.31366205f);
    }
}
