package dev.irprune.pipeline;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.io.Json;
import dev.irprune.model.ModelFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * ResNet-20 end to end on the demo set: the reference rule, L1 at a keep ratio, random at the
 * widths of the reference run, and apply replaying the reference run's plan byte for byte.
 */
@Tag("slow")
class ResNetPruneTest {
    @TempDir static Path dir;
    static Path model;
    static final String[] DATA = {"--train-limit", "800", "--test-limit", "200"};
    static final String[] ANALYSIS = {"--train-limit", "800", "--test-limit", "200", "--analysis-samples", "200"};

    static int run(StringWriter err, String... args) {
        CommandLine cli = dev.irprune.cli.Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    static String[] with(String[] a, String... b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
    }

    @BeforeAll
    static void train() {
        model = dir.resolve("resnet");
        StringWriter err = new StringWriter();
        assertThat(run(err, with(new String[] {"train", "--arch", "resnet20", "--width", "0.5", "--dataset", "demo", "--epochs", "1",
                "--lr", "2e-3", "--out", model.toString()}, DATA))).as(err.toString()).isZero();
    }

    @Test
    void referenceRuleThenBaselinesAtItsWidthsThenApply() throws Exception {
        Path seed = dir.resolve("seed");
        StringWriter err = new StringWriter();
        assertThat(run(err, with(new String[] {"prune", "0.5", "0.6", "--model", model.toString(), "--finetune-epochs", "0",
                "--out", seed.toString()}, ANALYSIS))).as(err.toString()).isZero();
        JsonNode report = Json.MAPPER.readTree(seed.resolve("report.json").toFile());
        assertThat(report.get("groups")).hasSize(9);
        for (JsonNode g : report.get("groups")) {
            assertThat(g.get("group").asText()).endsWith("_conv1");
        }
        assertThat(report.get("totals").get("referenceFormulaRatio").isNull()).isTrue();
        assertReloadsWithItsAccuracy(seed, report);
        Map<String, Integer> widths = new java.util.LinkedHashMap<>();
        report.get("widthsAfter").fields().forEachRemaining(e -> widths.put(e.getKey(), e.getValue().asInt()));

        Path random = dir.resolve("random");
        assertThat(run(err, with(new String[] {"prune", "--criterion", "random", "--widths-from", seed.resolve("report.json").toString(),
                "--model", model.toString(), "--finetune-epochs", "1", "--out", random.toString()}, ANALYSIS))).as(err.toString()).isZero();
        JsonNode r2 = Json.MAPPER.readTree(random.resolve("report.json").toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = r2.get("widthsAfter").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertThat(e.getValue().asInt()).as(e.getKey()).isEqualTo(widths.get(e.getKey()));
        }
        assertThat(r2.get("totals").get("macsAfter").asLong()).isEqualTo(report.get("totals").get("macsAfter").asLong());
        assertThat(r2.get("criterion").asText()).isEqualTo("random");
        assertThat(Files.exists(random.resolve("data_stats0.60.5"))).isFalse();
        assertReloadsWithItsAccuracy(random, r2);

        Path applied = dir.resolve("applied");
        assertThat(run(err, "apply", "--plan", seed.resolve("report.json").toString(), "--model", model.toString(), "--out",
                applied.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(applied.resolve("weights.safetensors")))
                .isEqualTo(Files.readAllBytes(seed.resolve("pruned-model/weights.safetensors")));
        assertThat(ModelFolder.readSpec(applied)).isEqualTo(ModelFolder.readSpec(seed.resolve("pruned-model")));

        // the same plan rounded up to multiples of 8 at replay: every group's width as the rounding defines it
        Path rounded = dir.resolve("applied-r8");
        StringWriter out = new StringWriter();
        CommandLine cli = dev.irprune.cli.Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("apply", "--plan", seed.resolve("report.json").toString(), "--model", model.toString(),
                "--round-to", "8", "--out", rounded.toString())).as(err.toString()).isZero();
        var spec = ModelFolder.readSpec(rounded);
        int changed = 0;
        for (JsonNode g : report.get("plan").get("groups")) {
            int channels = g.get("channels").asInt();
            int kept = g.get("kept").size();
            int want = Math.min(channels, Math.max(8, (kept + 7) / 8 * 8));
            assertThat(spec.width(g.get("producers").get(0).asText())).as(g.get("group").asText()).isEqualTo(want);
            if (want != kept) {
                changed++;
                assertThat(out.toString()).contains(g.get("group").asText() + ": " + kept + " of " + channels + " channels kept -> " + want);
            }
        }
        assertThat(changed).as("groups the rounding changed").isPositive();
        assertThat(out.toString()).contains("rounding changed " + changed + " of 9 groups");
        assertThat(Files.readString(rounded.resolve("provenance.json"))).contains("rounded up to a multiple of 8 channels");
        // which filters came back: in a group where rounding kept back some but not all of those the rule removed, the
        // importance-pruned first (highest entropy first), then the redundancy-pruned (least similar pair first), read
        // from the plan's own record
        JsonNode g = null;
        for (JsonNode candidate : report.get("plan").get("groups")) {
            int w = spec.width(candidate.get("producers").get(0).asText());
            if (w != candidate.get("kept").size() && w < candidate.get("channels").asInt()) {
                g = candidate;
                break;
            }
        }
        assertThat(g).isNotNull();
        java.util.Set<Integer> kept = new java.util.TreeSet<>();
        g.get("kept").forEach(k -> kept.add(k.asInt()));
        JsonNode record = g.get("seed");
        java.util.List<Integer> back = new java.util.ArrayList<>();
        java.util.List<Integer> byEntropy = new java.util.ArrayList<>();
        record.get("prunedByEntropy").forEach(f -> byEntropy.add(f.asInt()));
        byEntropy.sort(java.util.Comparator.comparingDouble((Integer f) -> -record.get("entropy").get(f).asDouble())
                .thenComparing(f -> f));
        back.addAll(byEntropy);
        java.util.List<JsonNode> pairs = new java.util.ArrayList<>();
        record.get("pairs").forEach(pairs::add);
        pairs.sort(java.util.Comparator.comparingDouble((JsonNode q) -> q.get("similarity").asDouble())
                .thenComparing(q -> q.get("pruned").asInt()));
        pairs.forEach(q -> back.add(q.get("pruned").asInt()));
        String producer = g.get("producers").get(0).asText();
        int width = spec.width(producer);
        for (int f : back) {
            if (kept.size() < width && !kept.contains(f)) {
                kept.add(f);
            }
        }
        assertThat(kept).hasSize(width);
        // the group's convolution reads the unpruned residual stream, so its rows are the base model's rows, as they are
        var base = ModelFolder.load(model).weights().get(producer + ".weight");
        var applied8 = ModelFolder.load(rounded).weights().get(producer + ".weight");
        int row = base.data().length / base.shape()[0];
        assertThat(applied8.shape()[0]).isEqualTo(width);
        int r = 0;
        for (int f : kept) {
            assertThat(java.util.Arrays.copyOfRange(applied8.data(), r * row, (r + 1) * row)).as("%s row %d = filter %d", producer, r, f)
                    .isEqualTo(java.util.Arrays.copyOfRange(base.data(), f * row, (f + 1) * row));
            r++;
        }
    }

    @Test
    void l1AtAKeepRatioWithRounding() throws Exception {
        Path l1 = dir.resolve("l1");
        StringWriter err = new StringWriter();
        assertThat(run(err, with(new String[] {"prune", "--criterion", "l1", "--ratio", "0.3", "--round-to", "4", "--model", model.toString(),
                "--finetune-epochs", "1", "--out", l1.toString()}, ANALYSIS))).as(err.toString()).isZero();
        JsonNode report = Json.MAPPER.readTree(l1.resolve("report.json").toFile());
        for (JsonNode g : report.get("groups")) {
            int before = g.get("channelsBefore").asInt();
            assertThat(g.get("ruleKept").asInt()).isEqualTo((int) Math.round(0.3 * before));
            assertThat(g.get("channelsAfter").asInt() % 4).isZero();
            assertThat(g.get("channelsAfter").asInt()).isGreaterThanOrEqualTo(g.get("ruleKept").asInt());
        }
        assertReloadsWithItsAccuracy(l1, report);
    }

    @Test
    void badCombinationsAreOneLineExitTwo() {
        String m = model.toString();
        String[][] cases = {
            {"prune", "--model", m},
            {"prune", "0.3", "--model", m},
            {"prune", "0.3", "0.8", "--criterion", "l1", "--model", m},
            {"prune", "--criterion", "seed", "--ratio", "0.5", "--model", m},
            {"prune", "--criterion", "l1", "--ratio", "0", "--model", m},
            {"prune", "--criterion", "nope", "--ratio", "0.5", "--model", m},
            {"prune", "--criterion", "l1", "--ratio", "0.5", "--widths-from", m, "--model", m},
            {"prune", "--criterion", "l1", "--widths-from", dir.resolve("none.json").toString(), "--model", m},
        };
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            assertThat(run(err, with(c, "--out", dir.resolve("bad").toString()))).as(String.join(" ", c) + ": " + err).isEqualTo(2);
            assertThat(err.toString()).startsWith("irprune: ").doesNotContain("\tat ");
        }
        assertThat(Files.exists(dir.resolve("bad/report.json"))).isFalse();
        for (String n : new String[] {"-1", "5000"}) {
            StringWriter err = new StringWriter();
            assertThat(run(err, "apply", "--plan", dir.resolve("none.json").toString(), "--model", m, "--round-to", n, "--out",
                    dir.resolve("bad-apply").toString())).isEqualTo(2);
            assertThat(err.toString()).isEqualTo("irprune: --round-to must be 0 (none) to 4096, got " + n + System.lineSeparator());
        }
        assertThat(Files.exists(dir.resolve("bad-apply"))).isFalse();
    }

    private static void assertReloadsWithItsAccuracy(Path out, JsonNode report) throws Exception {
        StringWriter evalOut = new StringWriter();
        CommandLine eval = dev.irprune.cli.Main.commandLine();
        eval.setOut(new PrintWriter(evalOut, true));
        eval.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(eval.execute("eval", "--model", out.resolve("pruned-model").toString(), "--test-limit", "200", "--json")).isZero();
        assertThat(Json.MAPPER.readTree(evalOut.toString()).get("accuracy").asDouble()).isEqualTo(report.get("finalAccuracy").asDouble());
    }
}
