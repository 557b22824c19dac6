package dev.irprune.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.data.DataConfig;
import dev.irprune.data.DatasetName;
import dev.irprune.data.Datasets;
import dev.irprune.io.Json;
import dev.irprune.model.Costs;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.Network;
import dev.irprune.train.Evaluator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code irprune prune} end to end on a tiny network: every output agrees with every other. */
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
        for (JsonNode layer : report.get("layers")) {
            int before = layer.get("filtersBefore").asInt();
            int after = layer.get("filtersAfter").asInt();
            int pruned = layer.get("prunedByEntropy").size() + layer.get("prunedByRedundancy").size()
                    - (layer.get("rescued").isNull() ? 0 : 1);
            assertThat(after).as(layer.get("layer").asText()).isEqualTo(before - pruned);
            assertThat(report.get("widthsAfter").get(layer.get("layer").asText()).asInt()).isEqualTo(after);
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
        for (JsonNode layer : report.get("layers")) {
            assertThat(layer.get("macsAfter").asLong()).isEqualTo(costs.layer(layer.get("layer").asText()).macs());
        }

        Path stats = out.resolve("data_stats0.61.2");
        String line = Files.readString(stats);
        assertThat(line).doesNotEndWith("\n");
        Matcher m = Pattern.compile("Model Accuracy AFTER REGRESSION  is (\\S+) prun_ratio_ach (\\S+) SIMILARITY 0\\.6 ENTROPY 1\\.2")
                .matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isEqualTo(report.get("finalAccuracy").asDouble());
        assertThat(Double.parseDouble(m.group(2))).isEqualTo(totals.get("macRatio").asDouble());

        var data = Datasets.load(new DataConfig(DatasetName.DEMO, null, 800, 200));
        try (NDManager mgr = NDManager.newBaseManager(); Network net = Network.create(pruned.spec(), pruned.weights(), mgr)) {
            assertThat(Evaluator.evaluate(net, data.test()).accuracy()).isEqualTo(report.get("finalAccuracy").asDouble());
        }
        assertThat(Files.readAllLines(out.resolve("layers.csv"))).hasSize(1 + report.get("layers").size());
        byte[] png = Files.readAllBytes(out.resolve("layers.png"));
        assertThat(java.util.Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
        assertThat(report.get("plan").get("layers")).hasSize(report.get("layers").size());
        assertThat(report.get("versions").get("djl").asText()).isEqualTo("0.36.0");
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
        };
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            String[] args = Stream.concat(Stream.of(c), Stream.of("--out", out.toString())).toArray(String[]::new);
            assertThat(run(err, args)).as(String.join(" ", c) + ": " + err).isEqualTo(2);
            assertThat(err.toString()).startsWith("irprune: ").doesNotContain("\tat ");
        }
        assertThat(Files.exists(out)).isFalse();
    }
}
