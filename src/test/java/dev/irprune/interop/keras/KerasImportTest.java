package dev.irprune.interop.keras;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irprune.interop.Fixtures;
import dev.irprune.interop.FloatTensor;
import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import dev.irprune.model.BatchNormSpec;
import dev.irprune.model.FlattenSpec;
import dev.irprune.model.Forward;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.NodeSpec;
import dev.irprune.model.OutputSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tiny model scripts/make-keras-fixtures.py writes (Conv2D 2 3x3, BatchNormalization,
 * MaxPooling2D, Flatten, Dense 3 relu, Dense 2; weight k holds 100 k + 0.01 i) imported from its
 * three layouts: the same network, the kernels transposed as Keras lays them out, and IRPrune's
 * forward pass equal to a channels_last forward pass written out here as Keras defines it.
 */
@Tag("slow")
class KerasImportTest {
    private static NetworkSpec tinyArchitecture() {
        return KerasSequential.toSpec(KerasFiles.read(Fixtures.resource("keras-layouts/tiny.keras")).config().orElseThrow(), "tiny.keras");
    }

    @Test
    void theArchiveBringsItsArchitecture() {
        ModelFolder.Contents c = KerasImport.read(Fixtures.resource("keras-layouts/tiny.keras"), null, false);
        assertThat(c.spec().nodes()).extracting(NodeSpec::name).containsExactly("features", "batch_normalization", "max_pooling2d",
                "flatten", "hidden", "logits", "logits_1");
        assertThat(c.spec().input().shape().dims()).containsExactly(1, 6, 6);
        assertThat(((BatchNormSpec) c.spec().node("batch_normalization")).epsilon()).isEqualTo(1e-3);
        assertThat(((BatchNormSpec) c.spec().node("batch_normalization")).momentum()).isEqualTo(0.99);
        assertThat(((FlattenSpec) c.spec().node("flatten")).layout()).isEqualTo(FlattenSpec.Layout.NCHW);
        assertThat(c.spec().output().kind()).isEqualTo(OutputSpec.Kind.LOGITS);
        // conv kernel [kh, kw, in, out] -> (out, in, kh, kw): (o, 0, y, x) is stored at ((y * 3 + x) * 1 + 0) * 2 + o
        float[] conv = c.weights().get("features.weight").data();
        assertThat(conv[1 * 9 + 2 * 3 + 1]).isEqualTo((float) (0.01 * ((2 * 3 + 1) * 2 + 1)));
        // dense after an NHWC flatten of 2 x 2 x 2: NCHW column c * 4 + p is Keras row p * 2 + c; (unit 1, column 5 = c 1, p 1) is [3][1]
        assertThat(c.weights().get("hidden.weight").data()[1 * 8 + 5]).isEqualTo((float) (600 + 0.01 * (3 * 3 + 1)));
        assertThat(c.weights().get("batch_normalization.running_var").data()).containsExactly(500f, 500.01f);

        NetworkSpec arch = tinyArchitecture();
        for (String file : new String[] {"tiny-keras2.weights.h5", "tiny-keras3.weights.h5"}) {
            ModelFolder.Contents w = KerasImport.read(Fixtures.resource("keras-layouts/" + file), arch, true);
            assertThat(w.spec()).as(file).isEqualTo(c.spec());
            assertThat(w.weights()).as(file).isEqualTo(c.weights());
        }
    }

    @Test
    void forwardPassIsKeras() {
        ModelFolder.Contents c = KerasImport.read(Fixtures.resource("keras-layouts/tiny.keras"), null, false);
        float[] x = Forward.normal(36 * 3, 5);
        float[] ours = Forward.logits(c.spec(), c.weights(), x, 3);
        for (int n = 0; n < 3; n++) {
            float[] keras = channelsLast(java.util.Arrays.copyOfRange(x, 36 * n, 36 * n + 36));
            for (int k = 0; k < 2; k++) {
                assertThat((double) ours[2 * n + k]).isCloseTo(keras[k], org.assertj.core.api.Assertions.withinPercentage(1e-4));
            }
        }
    }

    /** The tiny model on one 6 x 6 x 1 image, channels_last, as Keras computes it; weight k holds 100 k + 0.01 i. */
    private static float[] channelsLast(float[] img) {
        double[] conv = new double[4 * 4 * 2]; // [h][w][c]
        for (int h = 0; h < 4; h++) {
            for (int w = 0; w < 4; w++) {
                for (int o = 0; o < 2; o++) {
                    double s = 100 + 0.01 * o;
                    for (int y = 0; y < 3; y++) {
                        for (int z = 0; z < 3; z++) {
                            s += img[(h + y) * 6 + w + z] * 0.01 * ((y * 3 + z) * 2 + o);
                        }
                    }
                    double gamma = 200 + 0.01 * o;
                    double beta = 300 + 0.01 * o;
                    double mean = 400 + 0.01 * o;
                    double var = 500 + 0.01 * o;
                    conv[(h * 4 + w) * 2 + o] = gamma * (s - mean) / Math.sqrt(var + 1e-3) + beta;
                }
            }
        }
        double[] flat = new double[8]; // NHWC: (h * 2 + w) * 2 + c
        for (int h = 0; h < 2; h++) {
            for (int w = 0; w < 2; w++) {
                for (int c = 0; c < 2; c++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int y = 0; y < 2; y++) {
                        for (int z = 0; z < 2; z++) {
                            m = Math.max(m, conv[((2 * h + y) * 4 + 2 * w + z) * 2 + c]);
                        }
                    }
                    flat[(h * 2 + w) * 2 + c] = m;
                }
            }
        }
        double[] hidden = new double[3];
        for (int u = 0; u < 3; u++) {
            double s = 700 + 0.01 * u;
            for (int k = 0; k < 8; k++) {
                s += flat[k] * (600 + 0.01 * (k * 3 + u));
            }
            hidden[u] = Math.max(0, s);
        }
        float[] out = new float[2];
        for (int u = 0; u < 2; u++) {
            double s = 900 + 0.01 * u;
            for (int k = 0; k < 3; k++) {
                s += hidden[k] * (800 + 0.01 * (k * 2 + u));
            }
            out[u] = (float) s;
        }
        return out;
    }

    @Test
    void aWeightOfTheWrongShapeNamesTheNodeAndBothShapes() {
        NetworkSpec arch = tinyArchitecture();
        List<KerasWeightMapping.Layer> layers = List.of(
                new KerasWeightMapping.Layer("layer_with_weights-0", List.of(
                        new KerasWeightMapping.Named("kernel", new FloatTensor(new int[] {3, 3, 1, 3}, new float[27])),
                        new KerasWeightMapping.Named("bias", new FloatTensor(new int[] {3}, new float[3])))));
        assertThatThrownBy(() -> KerasWeightMapping.map(arch, layers.subList(0, 1), "cp.ckpt")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("cp.ckpt holds 1 layers with weights, but the architecture has 4 (features, batch_normalization, ");
        List<KerasWeightMapping.Layer> four = List.of(layers.get(0), layers.get(0), layers.get(0), layers.get(0));
        assertThatThrownBy(() -> KerasWeightMapping.map(arch, four, "cp.ckpt")).isInstanceOf(InputException.class)
                .hasMessage("features: the architecture expects kernel [3, 3, 1, 2], cp.ckpt has [3, 3, 1, 3] (layer_with_weights-0)");
    }

    @Test
    void unsupportedLayersAndSettingsAreOneLine() throws Exception {
        String conv1d = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"InputLayer\", \"config\": "
                + "{\"batch_input_shape\": [null, 8, 8, 1]}}, {\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\"}}]}}";
        assertThatThrownBy(() -> KerasSequential.toSpec(Json.MAPPER.readTree(conv1d), "m.json")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("m.json: layer 'c' is a Conv1D, which IRPrune does not import (supported: InputLayer, Conv2D,");
        String softmaxFirst = conv1d.replace("{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\"}}",
                "{\"class_name\": \"Activation\", \"config\": {\"name\": \"a\", \"activation\": \"softmax\"}}, "
                        + "{\"class_name\": \"Flatten\", \"config\": {\"name\": \"f\"}}");
        assertThatThrownBy(() -> KerasSequential.toSpec(Json.MAPPER.readTree(softmaxFirst), "m.json")).isInstanceOf(InputException.class)
                .hasMessage("m.json: layer 'a' is a softmax before the last layer, which IRPrune does not import");
        String functional = "{\"class_name\": \"Functional\", \"config\": {\"layers\": []}}";
        assertThatThrownBy(() -> KerasSequential.toSpec(Json.MAPPER.readTree(functional), "m.json")).isInstanceOf(InputException.class)
                .hasMessage("m.json: a Keras Functional model; IRPrune imports Sequential models (layers one after another)");
        assertThatThrownBy(() -> KerasImport.read(Fixtures.resource("keras-layouts/tiny-keras3.weights.h5"), null, false))
                .isInstanceOf(InputException.class).hasMessageEndingWith("holds no architecture: give it with --keras-config, --spec or --arch");
    }
}
