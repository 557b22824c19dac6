package dev.irprune.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.data.DatasetName;
import dev.irprune.data.Datasets;
import dev.irprune.io.InputException;
import dev.irprune.model.InputSpec;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.Network;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Vgg;
import dev.irprune.run.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short real training runs on the bundled demo set. */
@Tag("slow")
class TrainingTest {
    /** VGG16 at width 1/8 with batch norm and no dropout: the setting the demo uses. */
    static final NetworkSpec SMALL = Vgg.build(new Vgg.Options(Vgg.Arch.VGG16, 0.125, 4096, true, 0, 10), InputSpec.of(1, 32, 32));
    static final TrainConfig FAST = TrainConfig.of(2, 128, 1e-3);
    static final RunContext CTX = RunContext.cpu(5);

    static DataConfig dataConfig;
    static DataSplit demo;

    @TempDir Path dir;

    @BeforeAll
    static void load() {
        dataConfig = new DataConfig(DatasetName.DEMO, null, 6000, 1000);
        demo = Datasets.load(dataConfig);
    }

    @Test
    void twoEpochsClearlyBeatChanceAndTheSavedModelReproducesTheResult() {
        // Measured on this setting: about 0.80 test accuracy after 2 epochs of 6,000 images; chance is 0.10.
        TrainingSummary s = Training.start(SMALL, dataConfig, demo, FAST, CTX, dir);
        assertThat(s.epochsDone()).isEqualTo(2);
        assertThat(s.history()).extracting(EpochStats::epoch).containsExactly(1, 2);
        assertThat(s.test().accuracy()).isGreaterThan(0.6);
        assertThat(s.test().images()).isEqualTo(1000);
        assertThat(s.history().get(1).testAccuracy()).isEqualTo(s.test().accuracy());

        ModelFolder.Contents loaded = ModelFolder.load(dir);
        assertThat(loaded.spec().input().mean()).isEqualTo(demo.normalization().mean());
        try (NDManager m = NDManager.newBaseManager(); Network net = Network.create(loaded.spec(), loaded.weights(), m)) {
            Evaluation again = Evaluator.evaluate(net, demo.test());
            assertThat(again.accuracy()).isEqualTo(s.test().accuracy());
            assertThat(again.loss()).isCloseTo(s.test().loss(), org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(Training.readSummary(dir)).isEqualTo(s);
    }

    @Test
    void resumeContinuesAfterTheLastCompletedEpochAsAnUninterruptedRunWould() {
        DataSplit small = Datasets.load(new DataConfig(DatasetName.DEMO, null, 1000, 200));
        Path whole = dir.resolve("whole");
        Path split = dir.resolve("split");
        TrainingSummary uninterrupted = Training.start(SMALL, dataConfig, small, FAST, CTX, whole);

        Training.start(SMALL, dataConfig, small, FAST.withEpochs(1), CTX, split);
        assertThat(Training.readSummary(split).epochsDone()).isEqualTo(1);
        TrainingSummary resumed = Training.resume(small, Training.readSummary(split), FAST, split);

        assertThat(resumed.history()).extracting(EpochStats::epoch).containsExactly(1, 2);
        assertThat(resumed.epochsDone()).isEqualTo(2);
        var a = ModelFolder.load(whole).weights();
        var b = ModelFolder.load(split).weights();
        double maxDiff = 0;
        for (String k : a.keySet()) {
            float[] x = a.get(k).data();
            float[] y = b.get(k).data();
            for (int i = 0; i < x.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(x[i] - y[i]));
            }
        }
        assertThat(maxDiff).isLessThan(1e-4);
        assertThat(resumed.history().get(1).loss()).isCloseTo(uninterrupted.history().get(1).loss(),
                org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        DataSplit tiny = Datasets.load(new DataConfig(DatasetName.DEMO, null, 300, 50));
        Training.start(SMALL, dataConfig, tiny, FAST.withEpochs(1), CTX, dir.resolve("a"));
        Training.start(SMALL, dataConfig, tiny, FAST.withEpochs(1), CTX, dir.resolve("b"));
        Training.start(SMALL, dataConfig, tiny, FAST.withEpochs(1), RunContext.cpu(6), dir.resolve("c"));
        var a = ModelFolder.load(dir.resolve("a")).weights();
        assertThat(ModelFolder.load(dir.resolve("b")).weights()).isEqualTo(a);
        assertThat(ModelFolder.load(dir.resolve("c")).weights()).isNotEqualTo(a);
    }

    @Test
    void startRefusesAFolderThatHoldsARun() throws Exception {
        DataSplit tiny = Datasets.load(new DataConfig(DatasetName.DEMO, null, 256, 100));
        Training.start(SMALL, dataConfig, tiny, FAST.withEpochs(1), CTX, dir);
        assertThat(Files.exists(dir.resolve("checkpoint/state.json"))).isTrue();
        assertThatThrownBy(() -> Training.start(SMALL, dataConfig, tiny, FAST, CTX, dir))
                .isInstanceOf(InputException.class).hasMessageContaining("--resume");
        assertThatThrownBy(() -> Training.readSummary(dir.resolve("nothing")))
                .isInstanceOf(InputException.class).hasMessageContaining("model folder not found");
    }
}
