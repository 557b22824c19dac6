package dev.irprune.interop.keras;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.interop.Fixtures;
import dev.irprune.interop.FloatTensor;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The files scripts/make-keras-fixtures.py writes in Keras 2 and Keras 3 layouts (see its
 * docstring): every weight holds {@code start + 0.01 * i} with start 0, 100, ..., 900 in model order.
 */
@Tag("fast")
class KerasLayoutsTest {
    private static void assertWeight(KerasWeight w, int[] shape, float start) {
        FloatTensor t = w.tensor();
        assertThat(t.shape()).as(w.name()).containsExactly(shape);
        for (int i = 0; i < t.size(); i++) {
            assertThat(t.get(i)).as(w.name() + "[" + i + "]").isEqualTo((float) (start + 0.01 * i));
        }
    }

    /** The weights of the tiny model in model order, whatever the layout. */
    private static void assertTinyWeights(KerasLayer features, KerasLayer bn, KerasLayer hidden, KerasLayer logits) {
        assertWeight(features.weights().get(0), new int[] {3, 3, 1, 2}, 0);
        assertWeight(features.weights().get(1), new int[] {2}, 100);
        for (int k = 0; k < 4; k++) {
            assertWeight(bn.weights().get(k), new int[] {2}, 200 + 100 * k);
        }
        assertWeight(hidden.weights().get(0), new int[] {8, 3}, 600);
        assertWeight(hidden.weights().get(1), new int[] {3}, 700);
        assertWeight(logits.weights().get(0), new int[] {3, 2}, 800);
        assertWeight(logits.weights().get(1), new int[] {2}, 900);
    }

    @Test
    void keras2WeightsOnly() {
        KerasModel m = KerasFiles.read(Fixtures.resource("keras-layouts/tiny-keras2.weights.h5"));
        assertThat(m.layout()).isEqualTo(KerasLayout.KERAS2_WEIGHTS);
        assertThat(m.kerasVersion()).isEqualTo("2.11.0");
        assertThat(m.backend()).isEqualTo("tensorflow");
        assertThat(m.config()).isEmpty();
        assertThat(m.layers()).extracting(KerasLayer::name)
                .containsExactly("features", "batch_normalization", "max_pooling2d", "flatten", "hidden", "logits");
        assertThat(m.layers()).extracting(KerasLayer::className).containsOnly("");
        assertThat(m.layer("batch_normalization").weights()).extracting(KerasWeight::name).containsExactly(
                "batch_normalization/gamma:0", "batch_normalization/beta:0", "batch_normalization/moving_mean:0",
                "batch_normalization/moving_variance:0");
        assertThat(m.layer("flatten").weights()).isEmpty();
        assertTinyWeights(m.layer("features"), m.layer("batch_normalization"), m.layer("hidden"), m.layer("logits"));
        assertThat(m.parameterCount()).isEqualTo(18 + 2 + 8 + 24 + 3 + 6 + 2);
    }

    @Test
    void keras3WeightsOnlyComeInFileOrderNamedByTheirAttribute() {
        KerasModel m = KerasFiles.read(Fixtures.resource("keras-layouts/tiny-keras3.weights.h5"));
        assertThat(m.layout()).isEqualTo(KerasLayout.KERAS3_WEIGHTS);
        assertThat(m.config()).isEmpty();
        assertThat(m.kerasVersion()).isEmpty();
        assertThat(m.layers()).extracting(KerasLayer::path).containsExactly("/layers/batch_normalization", "/layers/conv2d",
                "/layers/dense", "/layers/dense_1", "/layers/flatten", "/layers/max_pooling2d");
        assertThat(m.layers()).extracting(KerasLayer::name)
                .containsExactly("batch_normalization", "features", "hidden", "logits", "flatten", "max_pooling2d");
        assertThat(m.layer("features").weights()).extracting(KerasWeight::name).containsExactly("vars/0", "vars/1");
        assertTinyWeights(m.layer("features"), m.layer("batch_normalization"), m.layer("hidden"), m.layer("logits"));
    }

    @Test
    void kerasArchiveInModelOrder() {
        KerasModel m = KerasFiles.read(Fixtures.resource("keras-layouts/tiny.keras"));
        assertThat(m.layout()).isEqualTo(KerasLayout.KERAS3_ARCHIVE);
        assertThat(m.kerasVersion()).isEqualTo("3.10.0");
        assertThat(m.config()).hasValueSatisfying(c -> assertThat(c.path("config").path("name").asText()).isEqualTo("tiny"));
        assertThat(m.layers()).extracting(KerasLayer::name)
                .containsExactly("features", "batch_normalization", "max_pooling2d", "flatten", "hidden", "logits");
        assertThat(m.layers()).extracting(KerasLayer::className)
                .containsExactly("Conv2D", "BatchNormalization", "MaxPooling2D", "Flatten", "Dense", "Dense");
        assertThat(m.layers()).extracting(KerasLayer::path).containsExactly("/layers/conv2d", "/layers/batch_normalization",
                "/layers/max_pooling2d", "/layers/flatten", "/layers/dense", "/layers/dense_1");
        assertTinyWeights(m.layers().get(0), m.layers().get(1), m.layers().get(4), m.layers().get(5));
        assertThat(m.layers().get(2).weights()).isEmpty();
        assertThat(m.parameterCount()).isEqualTo(63);
        assertThat(List.of(m.layers().get(0).weights().get(0).tensor().shape())).containsExactly(new int[] {3, 3, 1, 2});
    }
}
