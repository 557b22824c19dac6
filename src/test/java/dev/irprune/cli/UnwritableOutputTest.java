package dev.irprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.TestFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output that cannot be written is the user's to fix: one line, exit 2, before any work. */
@Tag("fast")
class UnwritableOutputTest {
    @TempDir Path dir;

    private void assertRefused(Cli r, Path out) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains(out.toString()).contains("cannot write into");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void selectOutUnderAFolderThatTakesNoFiles() throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), "1,2\n3,5\n4,4\n");
        for (String name : new String[] {"plan.json", "sub/plan.json"}) {
            Path out = TestFolders.unwritable(dir).resolve(name);
            assertRefused(Cli.run("select", "--activations", csv.toString(), "--mode", "dense", "--entropy", "0",
                    "--similarity", "0.5", "--out", out.toString()), out);
        }
    }

    @Test
    void selectOutWhoseParentIsAFile() throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), "1,2\n3,5\n4,4\n");
        Path file = Files.writeString(dir.resolve("file"), "x");
        Cli r = Cli.run("select", "--activations", csv.toString(), "--mode", "dense", "--entropy", "0",
                "--similarity", "0.5", "--out", file.resolve("plan.json").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is a file, not a folder");
    }

    @Test
    void foldersOfTrainPruneAndDemo() throws Exception {
        Path out = TestFolders.unwritable(dir).resolve("run");
        String[] small = {"--dataset", "demo", "--train-limit", "20", "--test-limit", "10", "--epochs", "0"};
        assertRefused(Cli.run(concat(new String[] {"train", "--out", out.toString()}, small)), out);
        assertRefused(Cli.run(concat(new String[] {"prune", "0.3", "0.8", "--finetune-epochs", "0", "--analysis-samples",
                "4", "--out", out.toString()}, small)), out);
        assertRefused(Cli.run("demo", "--epochs", "0", "--finetune-epochs", "0", "--out", out.toString()), out);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
