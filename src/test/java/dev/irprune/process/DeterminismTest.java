package dev.irprune.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irprune.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same seed, same machine, same thread count: the same bytes. Each command runs twice as its own
 * process with a small heap (so that the garbage collector runs often, as in a long run), and every
 * file it writes must be identical: weights and {@code data_stats} byte for byte, JSON reports with
 * their timing fields left out.
 */
@Tag("slow")
class DeterminismTest {
    /** A small heap makes collections frequent: the fault this guards against showed only after some. */
    static final List<String> JVM = List.of("-Xmx128m");

    @TempDir Path dir;

    @Test
    void trainWithAndWithoutBatchNorm() throws IOException {
        for (String bn : new String[] {"--batch-norm", "--dropout=0.5"}) {
            String[] args = {"train", "--dataset", "demo", "--width", "0.125", bn, "--lr", "1e-3", "--epochs", "2",
                "--train-limit", "3200", "--test-limit", "200", "--dense-width", "512", "--out", "model"};
            twice(bn.replace("-", ""), args);
        }
    }

    @Test
    void pruneWithBatchNormFromScratchAndFromAModel() throws IOException {
        String[] data = {"--dataset", "demo", "--train-limit", "1600", "--test-limit", "200", "--analysis-samples", "300"};
        String[] scratch = concat(new String[] {"prune", "0.9", "0.7", "--arch", "vgg11", "--width", "0.125", "--batch-norm",
            "--dropout", "0", "--lr", "1e-3", "--epochs", "1", "--finetune-epochs", "1", "--out", "run"}, data);
        Path first = twice("scratch", scratch);
        Path model = first.resolve("run/base-model").toAbsolutePath();
        String[] fromModel = concat(new String[] {"prune", "0.5", "0.6", "--model", model.toString(), "--finetune-epochs", "1",
            "--out", "run"}, data);
        twice("model", fromModel);
    }

    @Test
    void demo() throws IOException {
        twice("demo", "demo", "--epochs", "1", "--finetune-epochs", "1", "--train-limit", "1200", "--test-limit", "200",
                "--analysis-samples", "300", "--out", "run");
    }

    @Test
    void sweepWithABaselineAndTheControl() throws IOException {
        String[] data = {"--dataset", "demo", "--train-limit", "600", "--test-limit", "200"};
        Path model = dir.resolve("model");
        Irprune.Result trained = Irprune.run(dir, JVM, 600, concat(new String[] {"train", "--arch", "vgg11", "--width", "0.125",
            "--batch-norm", "--dropout", "0", "--lr", "1e-3", "--epochs", "1", "--out", model.toString()}, data));
        assertThat(trained.exit()).as(trained.err()).isZero();
        twice("sweep", concat(new String[] {"sweep", "--model", model.toString(), "--entropy", "0.9", "--similarity", "0.7",
            "--baselines", "random", "--finetune-epochs", "1", "--analysis-samples", "200", "--no-figures", "--out", "sweep"}, data));
    }

    /** Runs the command in two fresh folders and compares every file written; returns the first folder. */
    private Path twice(String name, String... args) throws IOException {
        Path a = dir.resolve(name + "-a");
        Path b = dir.resolve(name + "-b");
        for (Path p : List.of(a, b)) {
            Irprune.Result r = Irprune.run(p, JVM, 600, args);
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        }
        List<Path> files = written(a);
        assertThat(written(b)).as("files written").isEqualTo(files);
        assertThat(files).as("results").anyMatch(f -> f.toString().endsWith("weights.safetensors"));
        for (Path f : files) {
            String n = f.getFileName().toString();
            if (n.equals("stdout.txt") || n.equals("stderr.txt") || n.endsWith(".png")) {
                continue;
            }
            if (n.endsWith(".json")) {
                assertThat(withoutTimes(b.resolve(f), b)).as(f.toString()).isEqualTo(withoutTimes(a.resolve(f), a));
            } else if (n.endsWith(".csv")) {
                assertThat(csvWithoutTimes(b.resolve(f))).as(f.toString()).isEqualTo(csvWithoutTimes(a.resolve(f)));
            } else {
                assertThat(Files.readAllBytes(b.resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(a.resolve(f)));
            }
        }
        return a;
    }

    private static List<Path> written(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    /** A JSON file with every field about time (seconds, start and end times) left out, and its folder's path as "RUN". */
    static JsonNode withoutTimes(Path file, Path root) throws IOException {
        String text = Files.readString(file).replace(root.toAbsolutePath().toString(), "RUN");
        JsonNode node = Json.MAPPER.readTree(text);
        strip(node);
        return node;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (isTime(k)) {
                    it.remove();
                }
            }
        }
        node.forEach(DeterminismTest::strip);
    }

    static boolean isTime(String field) {
        String k = field.toLowerCase(java.util.Locale.ROOT);
        return k.contains("seconds") || k.endsWith("time") || k.startsWith("started") || k.startsWith("ended");
    }

    private static List<String> csvWithoutTimes(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",");
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                if (!isTime(header[i])) {
                    sb.append(cells[i]).append(',');
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
