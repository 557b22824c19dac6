package dev.irprune.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.io.Json;
import dev.irprune.model.Costs;
import dev.irprune.model.ModelFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code irprune prune} end to end on a tiny network: every output agrees with every other. */
@Tag("slow")
class PruneCommandTest {
    @TempDir Path dir;

    private static int run(StringWriter err, String... args) {
        CommandLine cli = dev.irprune.cli.Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void outputsAgreeWithEachOther() throws Exception {
        Path out = dir.resolve("run");
        StringWriter err = new StringWriter();
        int exit = run(err, "prune", "1.2", "0.6", "--dataset", "demo", "--train-limit", "800", "--test-limit", "200",
                "--arch", "vgg11", "--width", "0.0625", "--batch-norm", "--dropout", "0", "--epochs", "1", "--lr", "1e-3",
                "--finetune-epochs", "1", "--analysis-samples", "400", "--out", out.toString());
        assertThat(exit).as(err.toString()).isZero();

        JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
        int prunedSomewhere = 0;
        for (JsonNode layer : report.get("groups")) {
            int before = layer.get("channelsBefore").asInt();
            int after = layer.get("channelsAfter").asInt();
            int pruned = layer.get("prunedByEntropy").size() + layer.get("prunedByRedundancy").size()
                    - (layer.get("rescued").isNull() ? 0 : 1);
            assertThat(after).as(layer.get("group").asText()).isEqualTo(before - pruned);
            assertThat(layer.get("pruned").size()).isEqualTo(pruned);
            assertThat(report.get("widthsAfter").get(layer.get("group").asText()).asInt()).isEqualTo(after);
            prunedSomewhere += pruned;
        }
        assertThat(prunedSomewhere).isPositive();

        ModelFolder.Contents pruned = ModelFolder.load(out.resolve("pruned-model"));
        Costs costs = Costs.of(pruned.spec());
        JsonNode totals = report.get("totals");
        assertThat(totals.get("macsAfter").asLong()).isEqualTo(costs.totalMacs());
        assertThat(totals.get("paramsAfter").asLong()).isEqualTo(costs.params());
        Costs original = Costs.of(ModelFolder.load(out.resolve("base-model")).spec());
        assertThat(totals.get("macsBefore").asLong()).isEqualTo(original.totalMacs());
        assertThat(totals.get("macRatio").asDouble()).isEqualTo((double) original.totalMacs() / costs.totalMacs());
        for (JsonNode layer : report.get("groups")) {
            assertThat(layer.get("macsAfter").asLong()).isEqualTo(costs.node(layer.get("group").asText()).macs());
        }

        Path stats = out.resolve("data_stats0.61.2");
        String line = Files.readString(stats);
        assertThat(line).doesNotEndWith("\n");
        Matcher m = Pattern.compile("Model Accuracy AFTER REGRESSION  is (\\S+) prun_ratio_ach (\\S+) SIMILARITY 0\\.6 ENTROPY 1\\.2")
                .matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isEqualTo((double) (float) report.get("finalAccuracy").asDouble());
        assertThat(Double.parseDouble(m.group(2))).isEqualTo(totals.get("macRatio").asDouble());

        // The pruned model reloads by itself: its folder says which data it was made on.
        StringWriter evalOut = new StringWriter();
        CommandLine eval = dev.irprune.cli.Main.commandLine();
        eval.setOut(new PrintWriter(evalOut, true));
        eval.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(eval.execute("eval", "--model", out.resolve("pruned-model").toString(), "--test-limit", "200", "--json")).isZero();
        JsonNode evaluated = Json.MAPPER.readTree(evalOut.toString());
        assertThat(evaluated.get("dataset").asText()).isEqualTo("demo");
        assertThat(evaluated.get("accuracy").asDouble()).isEqualTo(report.get("finalAccuracy").asDouble());
        assertThat(Files.getPosixFilePermissions(out.resolve("report.json")))
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
        assertThat(Files.readAllLines(out.resolve("layers.csv"))).hasSize(1 + report.get("groups").size());
        byte[] png = Files.readAllBytes(out.resolve("layers.png"));
        assertThat(java.util.Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
        assertThat(report.get("plan").get("groups")).hasSize(report.get("groups").size());
        assertThat(report.get("provenance").get("versions").get("djl").asText()).isEqualTo("0.36.0");
    }

    @Test
    void aTrainedModelBringsItsSettingsButGivenOptionsWin() throws Exception {
        Path model = dir.resolve("model");
        StringWriter err = new StringWriter();
        assertThat(run(err, "train", "--dataset", "demo", "--train-limit", "300", "--test-limit", "100", "--width", "0.0625",
                "--arch", "vgg11", "--dropout", "0", "--epochs", "1", "--lr", "2e-3", "--out", model.toString())).as(err.toString()).isZero();
        Path out = dir.resolve("pruned");
        assertThat(run(err, "prune", "0.3", "0.8", "--model", model.toString(), "--train-limit", "300", "--test-limit", "100",
                "--finetune-epochs", "1", "--batch-size", "64", "--seed", "5", "--analysis-samples", "100",
                "--out", out.toString())).as(err.toString()).isZero();
        JsonNode r = Json.MAPPER.readTree(out.resolve("report.json").toFile());
        JsonNode finetune = r.get("finetune");
        assertThat(finetune.get("learningRate").asDouble()).isEqualTo(2e-3);
        assertThat(finetune.get("batchSize").asInt()).isEqualTo(64);
        assertThat(r.get("context").get("seed").asInt()).isEqualTo(5);
        assertThat(finetune.get("epochs").asInt()).isEqualTo(1);

        StringWriter bad = new StringWriter();
        assertThat(run(bad, "prune", "0.3", "0.8", "--model", model.toString(), "--width", "2", "--out", dir.resolve("x").toString()))
                .isEqualTo(2);
        assertThat(bad.toString()).contains("--width describes a new network");
        StringWriter channels = new StringWriter();
        assertThat(run(channels, "eval", "--model", model.toString(), "--dataset", "cifar10", "--data-dir",
                dir.resolve("no-cifar").toString())).isEqualTo(2);
        assertThat(channels.toString()).contains("the model expects 1x32x32 images but cifar10 has 3x32x32");
        assertThat(Files.exists(dir.resolve("no-cifar"))).isFalse();
    }

    @Test
    void badThresholdsAndBadModelsExitWithTwoAndWriteNothing() throws Exception {
        Path out = dir.resolve("none");
        Path corrupt = dir.resolve("corrupt");
        Files.createDirectories(corrupt);
        Files.writeString(corrupt.resolve("spec.json"), "{}");
        String[][] cases = {
            {"prune", "-0.1", "0.8"},
            {"prune", "NaN", "0.8"},
            {"prune", "0.3", "1.5"},
            {"prune", "0.3", "abc"},
            {"prune", "0.3"},
            {"prune", "0.3", "0.8", "--model", dir.resolve("missing").toString()},
            {"prune", "0.3", "0.8", "--model", corrupt.toString()},
            {"prune", "0.3", "0.8", "--dataset", "demo", "--finetune-epochs", "-1"},
            {"prune", "0.3", "0.8", "--dataset", "demo", "--train-limit", "1", "--epochs", "0", "--width", "0.05"},
        };
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            String[] args = Stream.concat(Stream.of(c), Stream.of("--out", out.toString())).toArray(String[]::new);
            assertThat(run(err, args)).as(String.join(" ", c) + ": " + err).isEqualTo(2);
            assertThat(err.toString()).startsWith("irprune: ").doesNotContain("\tat ");
        }
        assertThat(Files.exists(out.resolve("report.json"))).isFalse();
        assertThat(Files.exists(out.resolve("pruned-model"))).isFalse();
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        StringWriter err = new StringWriter();
        assertThat(run(err, "prune", "0.3", "0.8", "--dataset", "demo", "--out", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is a file, not a folder");
    }
}
