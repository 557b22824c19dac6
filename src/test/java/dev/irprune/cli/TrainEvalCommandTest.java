package dev.irprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class TrainEvalCommandTest {
    @TempDir Path dir;

    @Test
    void trainThenEvalReportsTheSameAccuracy() throws Exception {
        Path model = dir.resolve("model");
        Cli train = Cli.run("train", "--dataset", "demo", "--train-limit", "600", "--test-limit", "200", "--width", "0.125",
                "--batch-norm", "--dropout", "0", "--epochs", "1", "--lr", "1e-3", "--out", model.toString());
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(train.out()).contains("trained 1 epochs of vgg16-bn on demo");
        JsonNode summary = Json.MAPPER.readTree(model.resolve("training.json").toFile());
        double trained = summary.get("test").get("accuracy").asDouble();

        Cli eval = Cli.run("eval", "--model", model.toString(), "--test-limit", "200", "--json");
        assertThat(eval.exit()).as(eval.err()).isZero();
        JsonNode result = Json.MAPPER.readTree(eval.out());
        assertThat(result.get("accuracy").asDouble()).isEqualTo(trained);
        assertThat(result.get("dataset").asText()).isEqualTo("demo");
        assertThat(result.get("images").asInt()).isEqualTo(200);
        assertThat(result.get("loss").asDouble()).isEqualTo(summary.get("test").get("loss").asDouble());
        assertThat(Json.MAPPER.readTree(model.resolve("eval.json").toFile())).isEqualTo(result);

        Cli resume = Cli.run("train", "--resume", "--out", model.toString());
        assertThat(resume.exit()).isEqualTo(2);
        assertThat(resume.err()).contains("already trained 1 epochs");
        Cli more = Cli.run("train", "--resume", "--epochs", "2", "--out", model.toString());
        assertThat(more.exit()).as(more.err()).isZero();
        assertThat(Json.MAPPER.readTree(model.resolve("training.json").toFile()).get("epochsDone").asInt()).isEqualTo(2);
    }

    @Test
    void badFlagsAndBadModelsExitWithTwoAndOneLine() throws Exception {
        String out = dir.resolve("m").toString();
        for (String[] args : new String[][] {
            {"train", "--dataset", "demo", "--width", "-1", "--out", out},
            {"train", "--dataset", "demo", "--epochs", "-3", "--out", out},
            {"train", "--dataset", "demo", "--arch", "vgg99", "--out", out},
            {"train", "--dataset", "nope", "--out", out},
            {"train", "--dataset", "demo"},
            {"train", "--resume", "--out", out},
            {"eval", "--model", out},
            {"summary", "--model", out},
            {"nonsense"},
            {},
        }) {
            Cli r = Cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args) + " -> " + r.err()).isEqualTo(2);
            assertThat(r.oneLineError()).as(r.err()).isTrue();
        }
        assertThat(Files.exists(dir.resolve("m"))).isFalse();
        Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("m/spec.json"), "[1, 2");
        Cli corrupt = Cli.run("eval", "--model", out, "--dataset", "demo");
        assertThat(corrupt.exit()).isEqualTo(2);
        assertThat(corrupt.err()).startsWith("irprune: ").contains("spec.json: unreadable");
    }

    @Test
    void summaryCountsTheReferenceNetwork() throws Exception {
        Cli r = Cli.run("summary", "--json");
        assertThat(r.exit()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertThat(j.get("convMacs").asLong()).isEqualTo(313_196_544L);
        assertThat(j.get("totalMacs").asLong()).isEqualTo(332_111_872L);
        assertThat(j.get("params").asLong()).isEqualTo(33_638_218L);
        assertThat(j.get("nodes")).hasSize(46);
        assertThat(j.get("trainableParams").asLong()).isEqualTo(33_638_218L);
        assertThat(j.get("groups")).hasSize(16);
        assertThat(j.get("groups").get(15).get("prunable").asBoolean()).isFalse();
        Cli table = Cli.run("summary", "--arch", "vgg11", "--dataset", "demo", "--width", "0.5");
        assertThat(table.out()).contains("vgg11, input 1x32x32").contains("conv1_1").contains("total");
        Cli version = Cli.run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).contains("irprune ").contains("DJL 0.36.0");
    }
}
