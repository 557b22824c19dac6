package dev.irprune.interop;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.irprune.data.DataConfig;
import dev.irprune.data.DatasetName;
import dev.irprune.data.Datasets;
import dev.irprune.data.ImageSet;
import dev.irprune.interop.keras.KerasSequential;
import dev.irprune.io.Json;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Preprocess;
import dev.irprune.run.RunContext;
import dev.irprune.train.Evaluation;
import dev.irprune.train.Evaluator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every real Keras model in shared/fixtures/keras, imported, reproduces the test accuracy its
 * INFO.md gives (an independent NumPy forward pass) within 0.0005 on the whole test set: MNIST from
 * shared/data/mnist, Fashion-MNIST from Debian's dataset-fashion-mnist. The checkpoints' architectures
 * are the Keras configs in src/test/resources/keras-configs. Skipped where the files are absent.
 */
@Tag("slow")
class KerasFixturesImportTest {
    private static final double TOLERANCE = 0.0005;

    private static Evaluation evaluate(String fixture, String config, DatasetName dataset, Path dataDir) throws Exception {
        int slash = fixture.indexOf('/');
        Path source = slash < 0 ? Fixtures.shared("keras/" + fixture)
                : Fixtures.shared("keras/" + fixture.substring(0, slash)).resolve(fixture.substring(slash + 1));
        NetworkSpec arch = config == null ? null
                : KerasSequential.toSpec(Json.MAPPER.readTree(Fixtures.resource("keras-configs/" + config).toFile()), config);
        Import.Imported m = Import.read(source, new ImportOptions(arch, arch != null, null));
        assertThat(m.spec().input().preprocess()).isEqualTo(Preprocess.SCALE255);
        assertThat(m.spec().input().shape().dims()).containsExactly(1, 28, 28);
        ImageSet test = Datasets.loadTest(new DataConfig(dataset, dataDir, 0, 0), 28, 28).test();
        assertThat(test.size()).isEqualTo(10_000);
        return Evaluator.evaluate(m.spec(), m.weights(), test, RunContext.cpu(0));
    }

    @Test
    void cosminiliesMnistCnn() throws Exception {
        Evaluation e = evaluate("cosminilies-mnist-cnn", "cosminilies-mnist-cnn.json", DatasetName.MNIST, Fixtures.sharedData("mnist"));
        assertThat(e.accuracy()).isCloseTo(0.9884, within(TOLERANCE));
    }

    /** Through the prefix cp.ckpt, not the folder. */
    @Test
    void shahedsababTwoShards() throws Exception {
        Evaluation e = evaluate("shahedsabab-mnist-cnn-2shards/cp.ckpt", "shahedsabab-mnist-cnn.json", DatasetName.MNIST,
                Fixtures.sharedData("mnist"));
        assertThat(e.accuracy()).isCloseTo(0.9905, within(TOLERANCE));
    }

    @Test
    void kiteniteCheckpointAndSavedModelVariables() throws Exception {
        Path fashion = Fixtures.fashionMnist();
        for (String source : new String[] {"kitenite-fmnist-dense", "kitenite-fmnist-dense/savedmodel_variables"}) {
            Evaluation e = evaluate(source, "kitenite-fmnist-dense.json", DatasetName.FASHION_MNIST, fashion);
            assertThat(e.accuracy()).as(source).isCloseTo(0.8790, within(TOLERANCE));
        }
    }

    @Test
    void berfubuyukozKeras2FullModel() throws Exception {
        Evaluation e = evaluate("berfubuyukoz-fmnist-cnn-h5/cnn2_model.h5", null, DatasetName.FASHION_MNIST, Fixtures.fashionMnist());
        assertThat(e.accuracy()).isCloseTo(0.9068, within(TOLERANCE));
        assertThat(e.loss()).isCloseTo(0.2588, within(0.0005)); // INFO.md: cross-entropy 0.2588
    }
}
