package dev.irprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.model.InputSpec;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Tensor;
import dev.irprune.model.Vgg;
import dev.irprune.model.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Non-finite numbers stop a command with one line and exit 1; no NaN is reported as a result. */
class NonFiniteTest {
    @TempDir Path dir;

    @Test
    void evalOfAModelWhoseOutputsOverflowFailsInsteadOfReportingNaN() {
        NetworkSpec spec = Vgg.build(new Vgg.Options(Vgg.Arch.VGG11, 0.125, 64, false, 0, 10), InputSpec.of(1, 32, 32));
        Map<String, Tensor> huge = new LinkedHashMap<>();
        Weights.initial(spec, 1).forEach((name, t) -> {
            float[] d = t.data().clone();
            for (int i = 0; i < d.length; i++) {
                d[i] = name.endsWith(".weight") ? 1e30f : 0f;
            }
            huge.put(name, new Tensor(t.shape(), d));
        });
        Path model = dir.resolve("huge");
        ModelFolder.save(model, spec, huge);

        Cli r = Cli.run("eval", "--model", model.toString(), "--dataset", "demo", "--test-limit", "20");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains("outputs for test images 0..19 are non-finite");
        assertThat(r.out()).doesNotContain("NaN").doesNotContain("accuracy");
        assertThat(Files.exists(model.resolve("eval.json"))).isFalse();
    }

    @Test
    void trainingThatDivergesStopsAtTheStepWithOneLineAndWritesNoWeights() {
        Path out = dir.resolve("diverged");
        Cli r = Cli.run("train", "--dataset", "demo", "--train-limit", "256", "--test-limit", "20", "--width", "0.125",
                "--dropout", "0", "--epochs", "2", "--lr", "1e30", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains("training diverged at epoch 1, step 1").contains("conv1_1.weight")
                .contains("nothing was saved");
        assertThat(Files.exists(out.resolve("weights.safetensors"))).isFalse();
        assertThat(Files.exists(out.resolve("checkpoint"))).isFalse();
    }
}
