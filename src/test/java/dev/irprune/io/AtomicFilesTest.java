package dev.irprune.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irprune.TestFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a file cannot go is bad input (exit 2); a failure while writing it stays a failure (exit 1). */
@Tag("fast")
class AtomicFilesTest {
    @TempDir Path dir;

    @Test
    void aFolderThatTakesNoFilesIsBadInputForEveryEntryPoint() throws IOException {
        Path ro = TestFolders.unwritable(dir);
        for (Path target : new Path[] {ro.resolve("x.json"), ro.resolve("a/b/x.json")}) {
            assertThatThrownBy(() -> AtomicFiles.writeString(target, "{}")).isInstanceOf(InputException.class)
                    .hasMessageStartingWith(target + ": cannot write into ");
            assertThatThrownBy(() -> AtomicFiles.checkFile(target)).isInstanceOf(InputException.class)
                    .hasMessageStartingWith(target + ": cannot write into " + ro + ": ");
            assertThatThrownBy(() -> AtomicFiles.checkFolder(target.getParent())).isInstanceOf(InputException.class)
                    .hasMessageStartingWith(target.getParent() + ": cannot write into " + ro + ": ");
        }
    }

    @Test
    void checksLeaveNothingBehind() throws IOException {
        Path out = dir.resolve("new/sub");
        AtomicFiles.checkFolder(out);
        AtomicFiles.checkFile(out.resolve("x.json"));
        AtomicFiles.checkFolder(dir);
        assertThat(out).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void pathsThroughAFileOrOntoAFolderAreBadInput() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> AtomicFiles.checkFile(file.resolve("x.json"))).isInstanceOf(InputException.class)
                .hasMessage(file.resolve("x.json") + ": " + file + " is a file, not a folder");
        assertThatThrownBy(() -> AtomicFiles.checkFolder(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ": is a file, not a folder");
        assertThatThrownBy(() -> AtomicFiles.checkFile(dir)).isInstanceOf(InputException.class)
                .hasMessage(dir + ": is a folder, not a file name");
    }

    @Test
    void aFailureWhileWritingStaysAFailureAndLeavesNoFile() throws IOException {
        Path target = dir.resolve("x.bin");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IOException("disk full");
        })).isInstanceOf(UncheckedIOException.class).hasMessage("cannot write " + target + ": disk full");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
