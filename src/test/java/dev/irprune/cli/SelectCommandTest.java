package dev.irprune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.irprune.FidelityCases;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

@Tag("fast")
class SelectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static List<String> argsFor(FidelityCases.Case c) {
        List<String> args = new ArrayList<>(List.of("select", "--activations", c.csv().toString(), "--mode", c.mode(),
                "--entropy", Double.toString(c.entropyThreshold()), "--similarity", Double.toString(c.similarityThreshold())));
        if (c.budget() != null) {
            args.addAll(List.of("--budget", Double.toString(c.budget())));
        }
        return args;
    }

    static List<FidelityCases.Case> cases() {
        return FidelityCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsTheSeedsDecisionsAsJson(FidelityCases.Case c) throws IOException {
        Run run = run(argsFor(c).toArray(String[]::new));
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        JsonNode out = JSON.readTree(run.out());
        JsonNode expected = c.expected();
        for (String field : List.of("mode", "entropyThreshold", "similarityThreshold", "budget", "rows", "channels",
                "prunedByEntropy", "prunedByRedundancy")) {
            assertThat(out.get(field)).as(field).isEqualTo(expected.get(field));
        }
        for (int f = 0; f < expected.get("entropy").size(); f++) {
            assertThat(out.get("entropy").get(f).asDouble()).isCloseTo(expected.get("entropy").get(f).asDouble(), within(1e-9));
        }
    }

    @Test
    void aDeadLayerKeepsItsBestFilterAndSaysSo() throws IOException {
        FidelityCases.Case dead = cases().stream().filter(c -> c.name().equals("edge_dead")).findFirst().orElseThrow();
        JsonNode out = JSON.readTree(run(argsFor(dead).toArray(String[]::new)).out());
        assertThat(out.get("prunedByEntropy")).hasSize(8);
        assertThat(out.get("rescued").asInt()).isZero();
        assertThat(out.get("kept").toString()).isEqualTo("[0]");
    }

    @Test
    void writesTheJsonToOutInsteadOfPrinting() throws IOException {
        Path csv = Files.writeString(dir.resolve("layer.csv"), "1,2,0\n2,4.5,0\n3,6,0\n4,8.1,0\n");
        Path out = dir.resolve("sub/plan.json");
        Run run = run("select", "--activations", csv.toString(), "--mode", "dense", "--entropy", "0",
                "--similarity", "0.9", "--out", out.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEmpty();
        JsonNode plan = JSON.readTree(out.toFile());
        assertThat(plan.get("layer").asText()).isEqualTo("layer");
        assertThat(plan.get("rows").asInt()).isEqualTo(4);
        assertThat(plan.get("similarityRows").asInt()).isEqualTo(4);
        assertThat(plan.get("prunedByRedundancy").toString()).isEqualTo("[0]");
        assertThat(plan.get("pairs").get(0).get("kept").asInt()).isEqualTo(1);
        assertThat(plan.get("budget").isNull()).isTrue();
    }

    /** The decision on a two-column CSV with the dense rule at similarity S and no entropy pruning. */
    private JsonNode denseOn(String csv, String similarity) throws IOException {
        Path file = Files.writeString(dir.resolve("scale.csv"), csv);
        Run run = run("select", "--activations", file.toString(), "--mode", "dense", "--entropy", "0",
                "--similarity", similarity);
        assertThat(run.exit()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void theScaleOfTheValuesDoesNotChangeTheDecision() throws IOException {
        // |r| = 0.5: not above 0.8, whether the first column is near 1 or near 1e-200
        assertThat(denseOn("1,1\n2,3\n3,2\n", "0.8").get("pairs")).isEmpty();
        assertThat(denseOn("1e-200,1\n2e-200,3\n3e-200,2\n", "0.8").get("pairs")).isEmpty();
        // |r| = 0.9934: above 0.99 near 1 and near 1e200
        for (String csv : new String[] {"1,1\n2,2\n3,3.5\n", "1e200,1\n2e200,2\n3e200,3.5\n"}) {
            JsonNode pairs = denseOn(csv, "0.99").get("pairs");
            assertThat(pairs).as(csv).hasSize(1);
            assertThat(pairs.get(0).get("similarity").asDouble()).as(csv).isCloseTo(0.99340, within(1e-5));
        }
    }

    /** Each: file content (null: no file), the options after the file, and the error expected. */
    static Stream<Arguments> badInputs() {
        String ok = "1,2\n3,5\n4,4\n";
        return Stream.of(
                arguments("", "--mode conv --entropy 0.3 --similarity 0.8 --budget 0.2", "the file is empty"),
                arguments("1,2\n3,4,5\n", "--mode conv --entropy 0.3 --similarity 0.8 --budget 0.2", "row 2 has 3 cells, expected 2"),
                arguments("1,2\n3,x\n", "--mode dense --entropy 0.3 --similarity 0.8", "row 2, column 2: 'x' is not a number"),
                arguments("1,2\nNaN,4\n", "--mode dense --entropy 0.3 --similarity 0.8", "row 2, column 1: 'NaN' is not allowed"),
                arguments("1,2\n3,Infinity\n", "--mode dense --entropy 0.3 --similarity 0.8", "row 2, column 2: 'Infinity' is not allowed"),
                arguments("1,2\n", "--mode dense --entropy 0.3 --similarity 0.8", "at least 2 rows are needed, the file has 1"),
                arguments(null, "--mode dense --entropy 0.3 --similarity 0.8", "file not found"),
                arguments(ok, "--mode dense --entropy -1 --similarity 0.8", "Invalid value for option '--entropy': '-1' is not a finite number >= 0"),
                arguments(ok, "--mode dense --entropy NaN --similarity 0.8", "Invalid value for option '--entropy': 'NaN' is not a finite number >= 0"),
                arguments(ok, "--mode dense --entropy 0.3 --similarity 1.5", "Invalid value for option '--similarity': '1.5' is not a number from 0 to 1"),
                arguments(ok, "--mode dense --entropy 0.3 --similarity -0.1", "Invalid value for option '--similarity': '-0.1' is not a number from 0 to 1"),
                arguments(ok, "--mode conv --entropy 0.3 --similarity 0.8 --budget 1.5", "Invalid value for option '--budget': '1.5' is not a number from 0 to 1"),
                arguments(ok, "--mode conv --entropy 0.3 --similarity 0.8 --budget -0.2", "Invalid value for option '--budget': '-0.2' is not a number from 0 to 1"),
                arguments(ok, "--mode pool --entropy 0.3 --similarity 0.8", "--mode: unknown mode 'pool': expected conv or dense"),
                arguments(ok, "--mode dense --entropy 0.3 --similarity 0.8 --budget 0.2", "--budget applies to --mode conv only"),
                arguments(ok, "--mode conv --entropy 0.3 --similarity 0.8", "--mode conv needs --budget"),
                arguments(ok, "--mode dense --entropy 0.3 --similarity 0.8 --rows 1", "Invalid value for option '--rows': '1' is not a whole number from 2 to 2147483647"),
                arguments(ok, "--mode dense --entropy 0.3 --similarity 0.8 --rows 4", "--rows 4 is more than the 3 rows of"),
                arguments("1,-1e308\n2,1e308\n3,0\n", "--mode dense --entropy 0 --similarity 0.8",
                        "in.csv: column 2 (1-based; filter 1 in the JSON): its range -1.0E308 .. 1.0E308 is wider than the"
                        + " largest double: numpy.histogram cannot make the seed's 10 bins there (it raises ValueError)"),
                arguments("5,1e15\n6,1e15\n", "--mode conv --entropy 0 --similarity 0.8 --budget 0",
                        "in.csv: column 2 (1-based; filter 1 in the JSON): all its values are 1.0E15"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("badInputs")
    void badInputIsOneLineExitTwoAndNoFile(String content, String options, String message) throws IOException {
        Path csv = dir.resolve("in.csv");
        if (content != null) {
            Files.writeString(csv, content);
        }
        Path out = dir.resolve("out.json");
        List<String> args = new ArrayList<>(List.of("select", "--activations", csv.toString(), "--out", out.toString()));
        args.addAll(List.of(options.split(" ")));
        Run run = run(args.toArray(String[]::new));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("irprune: ").contains(message).doesNotContain("Exception");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.equals("in.csv"));
        }
    }

    @Test
    void tooManyColumnsForTheSimilarityMatrixIsBadInput() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < 65_001; col++) {
                text.append(col == 0 ? "" : ",").append((col + row) % 2);
            }
            text.append('\n');
        }
        Path csv = Files.writeString(dir.resolve("wide.csv"), text);
        Path out = dir.resolve("wide.json");
        Run run = run("select", "--activations", csv.toString(), "--mode", "conv", "--entropy", "0", "--similarity", "0.8",
                "--budget", "1", "--out", out.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("irprune: " + csv + ": similarity of 65001 columns: supported are 1 .. 65000");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(out).doesNotExist();
        // without redundancy pruning no similarity is needed, and so no limit applies
        Run entropyOnly = run("select", "--activations", csv.toString(), "--mode", "conv", "--entropy", "0",
                "--similarity", "0.8", "--budget", "0", "--out", out.toString());
        assertThat(entropyOnly.exit()).as(entropyOnly.err()).isZero();
        assertThat(JSON.readTree(out.toFile()).get("channels").asInt()).isEqualTo(65_001);
    }

    @Test
    void optionsPicocliRejectsAlsoExitTwo() {
        Run notANumber = run("select", "--activations", "x.csv", "--mode", "conv", "--entropy", "abc", "--similarity", "0.8");
        assertThat(notANumber.exit()).isEqualTo(2);
        assertThat(notANumber.err()).contains("--entropy").contains("abc");
        Run missing = run("select", "--mode", "conv", "--entropy", "0.3", "--similarity", "0.8");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--activations");
    }

    @Test
    void helpNamesTheOptions() {
        Run help = run("select", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--activations", "--mode", "--entropy", "--similarity", "--budget", "--rows", "--out");
    }
}
