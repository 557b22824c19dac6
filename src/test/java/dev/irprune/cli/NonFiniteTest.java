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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Non-finite numbers stop a command with one line and exit 1; no NaN is reported as a result. */
@Tag("slow")
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
        // The command line bounds --lr to (0, 1]; a learning rate of 1e30 through the library diverges at once.
        Path out = dir.resolve("diverged");
        var data = dev.irprune.data.Datasets.load(new dev.irprune.data.DataConfig(dev.irprune.data.DatasetName.DEMO, null, 256, 20));
        NetworkSpec spec = Vgg.build(new Vgg.Options(Vgg.Arch.VGG11, 0.125, 64, false, 0, 10), InputSpec.of(1, 32, 32));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.irprune.train.Training.start(spec,
                        dev.irprune.data.DataConfig.of(dev.irprune.data.DatasetName.DEMO), data,
                        dev.irprune.train.TrainConfig.of(2, 128, 1e30), dev.irprune.run.RunContext.cpu(0), out))
                .isInstanceOf(dev.irprune.train.TrainingDivergedException.class)
                .hasMessageContaining("training diverged at epoch 1, step 1").hasMessageContaining("conv1_1.weight")
                .hasMessageContaining("nothing was saved");
        assertThat(Files.exists(out)).isFalse();
    }
}
