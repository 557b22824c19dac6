package dev.irprune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;

/** Folders for tests of output that cannot be written. */
public final class TestFolders {
    private TestFolders() {}

    /**
     * An existing folder that refuses new files: a read-only folder made under {@code tmp}, or,
     * where that does not stop this user (root), {@code /proc}, which takes no new files from
     * anyone. Aborts the test where neither works.
     */
    public static Path unwritable(Path tmp) throws IOException {
        Path ro = Files.createDirectories(tmp.resolve("read-only"));
        try {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not POSIX: try /proc below
        }
        if (!accepts(ro)) {
            return ro;
        }
        Path proc = Path.of("/proc");
        if (Files.isDirectory(proc) && !accepts(proc)) {
            return proc;
        }
        Assumptions.abort("no folder here refuses new files");
        return null;
    }

    private static boolean accepts(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
