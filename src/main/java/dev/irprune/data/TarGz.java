package dev.irprune.data;

import dev.irprune.io.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Safe extraction of a .tar.gz archive: only folders and regular files, all inside the target folder. */
final class TarGz {
    private TarGz() {}

    /**
     * Extracts {@code archive} into the existing folder {@code target}. Refuses (with an
     * {@link InputException} naming {@code name}) any entry whose path would land outside
     * {@code target}, and links and special files.
     */
    static void extract(Path archive, Path target, String name) {
        Path root = target.toAbsolutePath().normalize();
        try (InputStream file = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(
                        new GzipCompressorInputStream(new BufferedInputStream(file, 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path dest = safeTarget(root, entry.getName(), name);
                if (entry.isDirectory()) {
                    Files.createDirectories(dest);
                } else if (entry.isFile()) {
                    Files.createDirectories(dest.getParent());
                    Files.copy(tar, dest, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    throw new InputException(name + ": unsafe archive entry '" + entry.getName()
                            + "': links and special files are refused");
                }
            }
        } catch (IOException e) {
            throw new InputException(name + ": cannot extract the archive (" + e.getMessage() + ")", e);
        }
    }

    /** Where entry {@code entryName} goes under {@code root}, refusing paths that leave it. */
    static Path safeTarget(Path root, String entryName, String name) {
        Path dest = null;
        try {
            Path relative = Path.of(entryName);
            if (!relative.isAbsolute() && !entryName.startsWith("/") && !entryName.startsWith("\\")) {
                dest = root.resolve(relative).normalize();
            }
        } catch (InvalidPathException e) {
            dest = null;
        }
        if (dest == null || !dest.startsWith(root)) {
            throw new InputException(name + ": unsafe archive entry '" + entryName
                    + "' would land outside the target folder");
        }
        return dest;
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort: the name is hidden and ends in .tmp
            }
        }
    }

    static void deleteTreeQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            dev.irprune.io.AtomicFiles.deleteTree(dir);
        } catch (IOException ignored) {
            // best effort: a leftover work folder is hidden and named as such
        }
    }
}
