package dev.irprune.interop.tf;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.cli.Main;
import dev.irprune.model.Forward;
import dev.irprune.model.InputSpec;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Preprocess;
import dev.irprune.model.Vgg;
import dev.irprune.model.Weights;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference's pre-trained mode: a folder like its {@code training_4/} (a {@code checkpoint}
 * file and a Keras {@code ModelCheckpoint(save_weights_only=True)} bundle of its VGG16, with Adam
 * slots), written here for a narrow VGG16 on one-channel images, is pruned directly with
 * {@code irprune prune 0.3 0.8 --model training_4}: the architecture is the reference VGG16 of the
 * --arch options, the input standardised as the reference does, with the training images' mean and
 * std. Against the full-width default, the first convolution's shapes are named.
 */
@Tag("slow")
class ReferenceCheckpointTest {
    @TempDir
    Path tmp;

    private static String key(int layer, String var) {
        return "layer_with_weights-" + layer + "/" + var + "/.ATTRIBUTES/VARIABLE_VALUE";
    }

    /** A Keras checkpoint of {@code spec}'s weights: kernels [kh, kw, in, out] and [in, out], optimizer slots beside them. */
    private static Path checkpoint(Path dir, NetworkSpec spec, Map<String, dev.irprune.model.Tensor> w) throws Exception {
        Files.createDirectories(dir);
        List<TestBundleWriter.Tensor> tensors = new ArrayList<>();
        int layer = 0;
        for (Map.Entry<String, int[]> e : Weights.shapes(spec).entrySet()) {
            int[] s = e.getValue();
            float[] v = w.get(e.getKey()).data();
            if (e.getKey().endsWith(".weight")) {
                int[] keras = s.length == 4 ? new int[] {s[2], s[3], s[1], s[0]} : new int[] {s[1], s[0]};
                float[] t = new float[v.length];
                int rows = s[0];
                int per = v.length / rows;
                for (int o = 0; o < rows; o++) {
                    for (int k = 0; k < per; k++) {
                        // (o, i, y, x) -> [y, x, i, o]; (o, i) -> [i, o]
                        int i = s.length == 4 ? k / (s[2] * s[3]) : k;
                        int yx = s.length == 4 ? k % (s[2] * s[3]) : 0;
                        t[(yx * s[1] + i) * rows + o] = v[o * per + k];
                    }
                }
                tensors.add(TestBundleWriter.Tensor.floats(key(layer, "kernel"), keras, t));
                tensors.add(TestBundleWriter.Tensor.floats(key(layer, "kernel") .replace("/.ATTRIBUTES/", "/.OPTIMIZER_SLOT/optimizer/m/.ATTRIBUTES/"),
                        keras, new float[v.length]));
            } else {
                tensors.add(TestBundleWriter.Tensor.floats(key(layer++, "bias"), s, v));
            }
        }
        new TestBundleWriter(4096, 16, false).write(dir.resolve("cp.ckpt"), tensors);
        Files.writeString(dir.resolve("checkpoint"), "model_checkpoint_path: \"cp.ckpt\"\nall_model_checkpoint_paths: \"cp.ckpt\"\n");
        return dir;
    }

    private static int run(StringWriter err, String... args) {
        picocli.CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void pruneTheReferencesTrainingFolderDirectly() throws Exception {
        NetworkSpec spec = Vgg.build(new Vgg.Options(Vgg.Arch.VGG16, 0.0625, 64, false, 0.5, 10), InputSpec.of(1, 32, 32));
        Map<String, dev.irprune.model.Tensor> w = Weights.initial(spec, 9);
        w.put("conv1_1.bias", new dev.irprune.model.Tensor(new int[] {4}, Forward.normal(4, 1)));
        Path training4 = checkpoint(tmp.resolve("training_4"), spec, w);

        StringWriter err = new StringWriter();
        Path out = tmp.resolve("run");
        assertThat(run(err, "prune", "0.3", "0.8", "--model", training4.toString(), "--width", "0.0625", "--dense-width", "64",
                "--dataset", "demo", "--train-limit", "300", "--test-limit", "200", "--analysis-samples", "200",
                "--finetune-epochs", "0", "--no-figures", "--out", out.toString())).as(err.toString()).isZero();
        ModelFolder.Contents base = ModelFolder.load(out.resolve("base-model"));
        InputSpec in = base.spec().input();
        assertThat(in.preprocess()).isEqualTo(Preprocess.STANDARDIZE);
        assertThat(in.mean()).isBetween(0.2, 0.4); // the demo (Fashion-MNIST) training pixels' mean, fitted at import
        assertThat(base.spec().withInput(InputSpec.of(1, 32, 32))).isEqualTo(spec);
        assertThat(base.weights()).isEqualTo(w);
        assertThat(Files.readString(out.resolve("base-model/provenance.json"))).contains("(TensorFlow checkpoint)");
        assertThat(out.resolve("pruned-model/spec.json")).exists();

        StringWriter wrong = new StringWriter();
        assertThat(run(wrong, "import", training4.toString(), "--out", tmp.resolve("x").toString(), "--dataset", "demo")).isEqualTo(2);
        assertThat(wrong.toString().strip()).isEqualTo("irprune: conv1_1: the architecture expects kernel [3, 3, 1, 64], "
                + training4.resolve("cp.ckpt").toAbsolutePath() + " has [3, 3, 1, 4] (layer_with_weights-0)");
    }
}
