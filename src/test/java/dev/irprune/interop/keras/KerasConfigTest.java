package dev.irprune.interop.keras;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.io.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Keras 3's variable paths from a model config, as saving_lib names them. */
@Tag("fast")
class KerasConfigTest {
    @Test
    void snakeCaseAsKerasNamingDoes() {
        // expected values printed by keras.src.utils.naming.to_snake_case's regexes in Python
        assertThat(KerasConfig.snakeCase("Conv2D")).isEqualTo("conv2d");
        assertThat(KerasConfig.snakeCase("MaxPooling2D")).isEqualTo("max_pooling2d");
        assertThat(KerasConfig.snakeCase("BatchNormalization")).isEqualTo("batch_normalization");
        assertThat(KerasConfig.snakeCase("DepthwiseConv2D")).isEqualTo("depthwise_conv2d");
        assertThat(KerasConfig.snakeCase("GlobalAveragePooling2D")).isEqualTo("global_average_pooling2d");
        assertThat(KerasConfig.snakeCase("ReLU")).isEqualTo("re_lu");
        assertThat(KerasConfig.snakeCase("PReLU")).isEqualTo("p_re_lu");
        assertThat(KerasConfig.snakeCase("Conv2DTranspose")).isEqualTo("conv2d_transpose");
        assertThat(KerasConfig.snakeCase("LSTM")).isEqualTo("lstm");
    }

    @Test
    void pathsNumberPerClassAndNestedModelsNest() throws Exception {
        String json = """
                {"class_name": "Functional", "config": {"name": "m", "layers": [
                  {"class_name": "InputLayer", "name": "in", "config": {"name": "in"}},
                  {"class_name": "Conv2D", "config": {"name": "a"}},
                  {"class_name": "Sequential", "config": {"name": "block", "layers": [
                    {"class_name": "InputLayer", "config": {"name": "block_in"}},
                    {"class_name": "Conv2D", "config": {"name": "b"}},
                    {"class_name": "ReLU", "config": {"name": "r"}}]}},
                  {"class_name": "Conv2D", "config": {"name": "c"}},
                  {"class_name": "Dense", "config": {"name": "d"}}]}}
                """;
        assertThat(KerasConfig.keras3Layers(Json.MAPPER.readTree(json))).containsExactly(
                new KerasConfig.LayerRef("in", "InputLayer", "/layers/input_layer"),
                new KerasConfig.LayerRef("a", "Conv2D", "/layers/conv2d"),
                new KerasConfig.LayerRef("block", "Sequential", "/layers/sequential"),
                new KerasConfig.LayerRef("block/b", "Conv2D", "/layers/sequential/layers/conv2d"),
                new KerasConfig.LayerRef("block/r", "ReLU", "/layers/sequential/layers/re_lu"),
                new KerasConfig.LayerRef("c", "Conv2D", "/layers/conv2d_1"),
                new KerasConfig.LayerRef("d", "Dense", "/layers/dense"));
    }

    @Test
    void earlyKeras2SequentialConfigIsABareList() throws Exception {
        var config = Json.MAPPER.readTree("{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\"}}]}");
        assertThat(KerasConfig.classNames(config)).containsEntry("d", "Dense").hasSize(1);
    }
}
