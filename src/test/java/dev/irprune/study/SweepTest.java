package dev.irprune.study;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.io.Json;
import dev.irprune.process.Irprune;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** irprune sweep on a small grid: it finishes, matches widths exactly, skips what is finished, runs one point, resumes after kill -9. */
@Tag("slow")
class SweepTest {
    @TempDir static Path dir;
    static Path model;

    static String[] sweep(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("sweep", "--model", model.toString(), "--entropy", "1.0",
                "--similarity", "0.6,0.9", "--baselines", "l1,random", "--finetune-epochs", "1", "--train-limit", "600",
                "--test-limit", "200", "--analysis-samples", "200", "--no-figures", "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static String[] run(StringWriter out, String... args) {
        CommandLine cli = dev.irprune.cli.Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        assertThat(exit).as(err.toString()).isZero();
        return out.toString().lines().toArray(String[]::new);
    }

    @BeforeAll
    static void train() {
        model = dir.resolve("model");
        run(new StringWriter(), "train", "--dataset", "demo", "--arch", "vgg11", "--width", "0.0625", "--batch-norm", "--dropout",
                "0", "--lr", "2e-3", "--epochs", "1", "--train-limit", "600", "--test-limit", "200", "--out", model.toString());
    }

    @Test
    void aSmallGridFinishesWithMatchedBaselinesAndAControlThenSkipsWhatIsDone() throws Exception {
        Path out = dir.resolve("sweep");
        String[] lines = run(new StringWriter(), sweep(out));
        assertThat(lines[lines.length - 1]).startsWith("7 of 7 runs finished");
        JsonNode results = Json.MAPPER.readTree(out.resolve("sweep.json").toFile());
        assertThat(results.get("rows")).hasSize(7);
        assertThat(Files.readAllLines(out.resolve("sweep.csv"))).hasSize(8);
        byte[] png = Files.readAllBytes(out.resolve("pareto.png"));
        assertThat(java.util.Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
        for (String point : List.of("e1.0-s0.6", "e1.0-s0.9")) {
            JsonNode seed = Json.MAPPER.readTree(out.resolve("points").resolve(point).resolve("seed/report.json").toFile());
            for (String b : List.of("l1", "random")) {
                JsonNode base = Json.MAPPER.readTree(out.resolve("points").resolve(point).resolve(b).resolve("report.json").toFile());
                assertThat(base.get("widthsAfter")).as(point + " " + b).isEqualTo(seed.get("widthsAfter"));
                assertThat(base.get("totals").get("macsAfter")).isEqualTo(seed.get("totals").get("macsAfter"));
                assertThat(base.get("totals").get("paramsAfter")).isEqualTo(seed.get("totals").get("paramsAfter"));
            }
            assertThat(out.resolve("points").resolve(point).resolve("seed/data_stats0.61.0").getFileName().toString())
                    .isNotNull();
        }
        JsonNode control = Json.MAPPER.readTree(out.resolve("points/control/control/report.json").toFile());
        assertThat(control.get("totals").get("macRatio").asDouble()).isEqualTo(1.0);
        assertThat(control.get("groups")).hasSize(10);
        for (JsonNode g : control.get("groups")) {
            assertThat(g.get("accuracyAfterFinetune").isNull()).isFalse();
        }

        byte[] csv = Files.readAllBytes(out.resolve("sweep.csv"));
        long start = System.nanoTime();
        run(new StringWriter(), sweep(out));
        assertThat((System.nanoTime() - start) / 1e9).as("a finished sweep only collects").isLessThan(60);
        assertThat(Files.readAllBytes(out.resolve("sweep.csv"))).isEqualTo(csv);

        String[] listed = run(new StringWriter(), sweep(out, "--list"));
        assertThat(listed).hasSize(3);
        assertThat(listed[0]).contains("--point 0").contains("# e1.0-s0.6").doesNotContain("--list");
        assertThat(listed[2]).contains("--point 2").endsWith("# control");

        Path one = dir.resolve("one");
        String[] partial = run(new StringWriter(), sweep(one, "--point", "1"));
        assertThat(partial[partial.length - 1]).startsWith("3 of 7 runs finished");
        assertThat(one.resolve("points/e1.0-s0.9/random/report.json")).exists();
        assertThat(one.resolve("points/e1.0-s0.6")).doesNotExist();
    }

    @Test
    void aKilledSweepResumes() throws Exception {
        Path work = dir.resolve("killed");
        String[] fixed = {"sweep", "--model", model.toString(), "--entropy", "1.0", "--similarity", "0.6", "--baselines", "none",
            "--no-control", "--finetune-epochs", "1", "--train-limit", "600", "--test-limit", "200", "--analysis-samples", "200",
            "--no-figures", "--out", "out"};
        Process p = Irprune.start(work, List.of("-Xmx256m"), fixed);
        Path state = work.resolve("out/points/e1.0-s0.6/seed/.irprune-run/state.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!Files.exists(state) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.exists(state)).as("killed inside the first pruning run").isTrue();
        p.destroyForcibly().waitFor();
        Irprune.Result again = Irprune.run(work, List.of("-Xmx256m"), 600, fixed);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("1 of 1 runs finished");
    }
}
