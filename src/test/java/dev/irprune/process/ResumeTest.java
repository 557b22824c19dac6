package dev.irprune.process;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pruning run survives kill -9 at any moment, and SIGTERM: after {@code --resume} its results
 * are byte for byte those of an uninterrupted run with the same seed (data_stats and pruned
 * weights; report.json with its timing fields and paths aside).
 */
@Tag("slow")
class ResumeTest {
    static final List<String> JVM = List.of("-Xmx256m");
    /** A tiny run that trains its base model first (2 epochs) and fine-tunes 2 epochs after each of 10 groups. */
    static final String[] PRUNE = {"prune", "0.9", "0.7", "--dataset", "demo", "--train-limit", "1200", "--test-limit", "200",
        "--analysis-samples", "300", "--arch", "vgg11", "--width", "0.125", "--batch-norm", "--dropout", "0", "--lr", "1e-3",
        "--epochs", "2", "--finetune-epochs", "2", "--no-figures", "--out", "run"};

    @TempDir Path dir;

    @Test
    void killedAgainAndAgainThenResumedGivesTheSameBytes() throws Exception {
        Path whole = dir.resolve("whole");
        Irprune.Result r = Irprune.run(whole, JVM, 900, PRUNE);
        assertThat(r.exit()).as(r.err()).isZero();

        Path killed = dir.resolve("killed");
        Path run = killed.resolve("run");
        Path state = run.resolve(".irprune-run/state.json");
        String[] resume = {"prune", "--resume", "--out", "run"};
        // 1: while the base model trains
        Process p = Irprune.start(killed, JVM, PRUNE);
        awaitFile(p, run.resolve(".irprune-request.json"));
        Thread.sleep(1_500);
        kill(p);
        // 2: just after the pruning stage's first checkpoint (capture, selection of the first group)
        p = Irprune.start(killed, JVM, resume);
        awaitFile(p, state);
        Thread.sleep(300);
        kill(p);
        // 3: during fine-tuning, after two more checkpoints
        p = Irprune.start(killed, JVM, resume);
        for (int k = 0; k < 2; k++) {
            awaitChange(p, state);
        }
        Thread.sleep(700);
        kill(p);
        // then to the end
        p = Irprune.start(killed, JVM, resume);
        assertThat(p.waitFor(900, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Irprune.read(killed.resolve("stderr.txt"))).isZero();
        assertSameResults(whole.resolve("run"), killed.resolve("run"));
    }

    @Test
    void sigtermStopsAtTheNextBatchWithOneLineAndExit130ThenResumes() throws Exception {
        Path run = dir.resolve("term");
        Process p = Irprune.start(run, JVM, PRUNE);
        Path state = run.resolve("run/.irprune-run/state.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!Files.exists(state) && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(100);
        }
        assertThat(Files.exists(state)).as("the pruning stage started").isTrue();
        Thread.sleep(1_500);
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
        String err = Irprune.read(run.resolve("stderr.txt"));
        assertThat(p.exitValue()).as(err).isEqualTo(130);
        List<String> lines = err.lines().filter(l -> l.startsWith("irprune:")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("interrupted").contains("irprune prune --resume --out run");
        assertThat(err).doesNotContain("SIGSEGV").doesNotContain("\tat ");
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(s.filter(f -> f.getFileName().toString().equals("irprune-hs_err_" + p.pid() + ".log"))).isEmpty();
        }
        Irprune.Result resumed = Irprune.run(run, JVM, 900, "prune", "--resume", "--out", "run");
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(Files.exists(run.resolve("run/report.json"))).isTrue();
        assertThat(Files.exists(run.resolve("run/.irprune-run"))).isFalse();
        Irprune.Result again = Irprune.run(run, JVM, 120, "prune", "--resume", "--out", "run");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("no pruning run to resume").contains("complete");
    }

    static void kill(Process p) throws InterruptedException {
        assertThat(p.isAlive()).as("still running when killed").isTrue();
        p.destroyForcibly().waitFor();
    }

    static void awaitFile(Process p, Path f) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (!Files.exists(f) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.exists(f)).as(f + " appeared").isTrue();
    }

    static void awaitChange(Process p, Path f) throws Exception {
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(f);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (p.isAlive() && System.nanoTime() < deadline
                && (!Files.exists(f) || Files.getLastModifiedTime(f).equals(before))) {
            Thread.sleep(50);
        }
    }

    static void assertSameResults(Path a, Path b) throws IOException {
        assertThat(Files.readAllBytes(b.resolve("data_stats0.70.9"))).isEqualTo(Files.readAllBytes(a.resolve("data_stats0.70.9")));
        assertThat(Files.readAllBytes(b.resolve("pruned-model/weights.safetensors")))
                .isEqualTo(Files.readAllBytes(a.resolve("pruned-model/weights.safetensors")));
        assertThat(Files.readAllBytes(b.resolve("pruned-model/spec.json"))).isEqualTo(Files.readAllBytes(a.resolve("pruned-model/spec.json")));
        assertThat(DeterminismTest.withoutTimes(b.resolve("report.json"), b.getParent()))
                .isEqualTo(DeterminismTest.withoutTimes(a.resolve("report.json"), a.getParent()));
        assertThat(Files.exists(b.resolve(".irprune-run"))).isFalse();
        assertThat(Json.MAPPER.readTree(b.resolve("report.json").toFile()).get("groups")).hasSize(10);
    }
}
