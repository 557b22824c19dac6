package dev.irprune.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Where the interop tests find their files: the bundled ones under {@code src/test/resources}, and
 * the real model files of other tools in {@code shared/fixtures} beside the project (searched in
 * the project folder's parents, so a worktree one level deeper finds it too), which a plain clone
 * does not have: tests that need them are skipped with a message.
 */
public final class Fixtures {
    private Fixtures() {}

    public static Path project() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** A file or folder under {@code src/test/resources}. */
    public static Path resource(String relative) {
        Path p = project().resolve("src/test/resources").resolve(relative);
        if (!Files.exists(p)) {
            throw new AssertionError("bundled test file missing: " + p);
        }
        return p;
    }

    /** A file or folder under {@code shared/fixtures}; skips the test (with the reason) if absent. */
    public static Path shared(String relative) {
        return beside("shared/fixtures/" + relative);
    }

    /** A file or folder under {@code shared/data} (the MNIST test set); skips the test (with the reason) if absent. */
    public static Path sharedData(String relative) {
        return beside("shared/data/" + relative);
    }

    /** Fashion-MNIST as Debian's dataset-fashion-mnist installs it; skips the test (with the reason) if absent. */
    public static Path fashionMnist() {
        Path p = Path.of("/usr/share/datasets/fashion-mnist");
        assumeTrue(Files.isRegularFile(p.resolve("t10k-images-idx3-ubyte.gz")), p + " not found (apt-get install dataset-fashion-mnist): test skipped");
        return p;
    }

    private static Path beside(String relative) {
        for (Path dir = project().getParent(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve(relative);
            if (Files.exists(p)) {
                return p;
            }
        }
        assumeTrue(false, relative + " not found beside the project: test skipped");
        throw new IllegalStateException("unreachable");
    }

    /** Copies a folder's files (not sub-folders) into {@code target}, writable, for tests that damage them. */
    public static Path copyFolder(Path folder, Path target) {
        try (Stream<Path> files = Files.list(folder)) {
            Files.createDirectories(target);
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, target.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                target.resolve(f.getFileName().toString()).toFile().setWritable(true);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
