package dev.irprune.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.interop.Fixtures;
import dev.irprune.io.Json;
import dev.irprune.model.ModelFolder;
import dev.irprune.train.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prune --model SOURCE} runs on every real Keras model in shared/fixtures/keras (skipped where
 * absent), with tiny settings (300 training and 300 test images, no fine-tuning): the source is
 * imported into OUT/base-model, which says where it came from, and pruned; the baseline accuracy
 * of the report is the imported model's. shared/data/mnist has only the MNIST test set, so the MNIST
 * models are pruned on a folder whose training files are links to the test files: enough to run
 * the pipeline, not a meaningful pruning.
 */
@Tag("slow")
class ImportedFixturesPruneTest {
    @TempDir Path dir;

    private JsonNode prune(String name, Path source, String... more) throws Exception {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("prune", "0.3", "0.8", "--model", source.toString(), "--train-limit", "300",
                "--test-limit", "300", "--analysis-samples", "300", "--finetune-epochs", "0", "--no-figures", "--out", out.toString()));
        args.addAll(List.of(more));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Provenance.read(out.resolve("base-model")).orElseThrow().madeBy()).startsWith("imported from " + source.toAbsolutePath());
        ModelFolder.Contents pruned = ModelFolder.load(out.resolve("pruned-model"));
        JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
        assertThat(report.get("totals").get("paramsAfter").asLong()).isEqualTo(dev.irprune.model.Costs.of(pruned.spec()).params());
        return report;
    }

    private Path mnistWithLinkedTrainingFiles() throws Exception {
        Path mnist = Fixtures.sharedData("mnist");
        Path linked = Files.createDirectories(dir.resolve("mnist"));
        for (String kind : new String[] {"images-idx3-ubyte.gz", "labels-idx1-ubyte.gz"}) {
            Files.createSymbolicLink(linked.resolve("t10k-" + kind), mnist.resolve("t10k-" + kind).toAbsolutePath());
            Files.createSymbolicLink(linked.resolve("train-" + kind), mnist.resolve("t10k-" + kind).toAbsolutePath());
        }
        return linked;
    }

    private static String config(String name) {
        return Fixtures.resource("keras-configs/" + name).toString();
    }

    @Test
    void mnistCheckpoints() throws Exception {
        Path mnist = mnistWithLinkedTrainingFiles();
        JsonNode a = prune("cosminilies", Fixtures.shared("keras/cosminilies-mnist-cnn"), "--keras-config",
                config("cosminilies-mnist-cnn.json"), "--dataset", "mnist", "--data-dir", mnist.toString());
        assertThat(a.get("baselineAccuracy").asDouble()).isGreaterThan(0.97);
        assertThat(a.get("groups")).hasSize(4); // three convolutions and the hidden dense layer
        JsonNode b = prune("shahedsabab", Fixtures.shared("keras/shahedsabab-mnist-cnn-2shards"), "--keras-config",
                config("shahedsabab-mnist-cnn.json"), "--dataset", "mnist", "--data-dir", mnist.toString());
        assertThat(b.get("baselineAccuracy").asDouble()).isGreaterThan(0.97);
    }

    @Test
    void fashionMnistCheckpointAndH5() throws Exception {
        Fixtures.fashionMnist();
        JsonNode a = prune("kitenite", Fixtures.shared("keras/kitenite-fmnist-dense"), "--keras-config",
                config("kitenite-fmnist-dense.json"), "--dataset", "fashion-mnist");
        assertThat(a.get("baselineAccuracy").asDouble()).isGreaterThan(0.8);
        assertThat(a.get("groups")).hasSize(1);
        JsonNode b = prune("berfubuyukoz", Fixtures.shared("keras/berfubuyukoz-fmnist-cnn-h5/cnn2_model.h5"), "--dataset", "fashion-mnist");
        assertThat(b.get("baselineAccuracy").asDouble()).isGreaterThan(0.85);
    }
}
