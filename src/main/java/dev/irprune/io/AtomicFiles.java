package dev.irprune.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files and folders whole or not at all: into a temporary file (or folder) beside the
 * target, flushed to the disk (fsync of the files and of the folder), then moved into place with
 * one rename. A crash leaves the old version or the new one, never a mix, at worst a hidden
 * temporary beside it.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} whole or not at all. A target that is a folder or lies inside a file,
     * or a folder that takes no new files (permission denied, a read-only file system, ...) is an
     * {@link InputException} (one line, exit 2); a failure while writing is an
     * {@link UncheckedIOException}.
     */
    public static void write(Path target, Writer writer) {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        checkWritable(target, abs);
        Path tmp = null;
        try {
            tmp = tempFileIn(dir, "." + abs.getFileName(), target);
            setReadable(tmp);
            try (java.io.FileOutputStream fos = new java.io.FileOutputStream(tmp.toFile());
                    OutputStream out = new java.io.BufferedOutputStream(fos, 1 << 16)) {
                // The writer may close what it is given (a CSV printer does): it closes a shield.
                writer.write(new java.io.FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush();
                    }
                });
                out.flush();
                fos.getFD().sync();
            }
            move(tmp, abs);
            syncFolder(dir);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Fails with one line, before any work, if {@link #write} could not write {@code target}: it
     * is a folder, it lies inside a file, or the folder it would go in takes no new files (tried
     * with a hidden temporary file in the nearest existing folder, deleted at once).
     */
    public static void checkFile(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        checkWritable(target, abs);
        probe(target, abs.getParent());
    }

    /**
     * Creates {@code dir} if needed and a hidden temporary file in it; where that fails because
     * the place takes no new files, an {@link InputException} naming {@code target}.
     */
    private static Path tempFileIn(Path dir, String prefix, Path target) throws IOException {
        try {
            Files.createDirectories(dir);
            return Files.createTempFile(dir, prefix, ".tmp");
        } catch (IOException e) {
            String why = unwritable(e);
            if (why == null) {
                throw e;
            }
            throw new InputException(target + ": cannot write into " + dir + ": " + why, e);
        }
    }

    /**
     * Why {@code e} means that a folder takes no new files (permission denied, a read-only file
     * system, a file in the way, ...), in a few words; null for other failures (e.g. a full disk).
     */
    public static String unwritable(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "it takes no new files";
        }
        if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
            return "a file is in the way";
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : null;
        return reason != null && (reason.contains("Read-only file system") || reason.contains("Operation not permitted"))
                ? reason.toLowerCase(java.util.Locale.ROOT) : null;
    }

    /** Tries a hidden temporary file in the nearest existing folder of {@code dir}, for {@code target}. */
    private static void probe(Path target, Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        Path tmp = null;
        try {
            tmp = tempFileIn(p, ".irprune-probe", target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + p + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: the temporary file is hidden and named after the target
            }
        }
    }

    /** A target that is a folder, or inside a file, is the user's mistake: one clear line, exit 2. */
    private static void checkWritable(Path target, Path abs) {
        if (abs.getParent() == null || Files.isDirectory(abs)) {
            throw new InputException(target + ": is a folder, not a file name");
        }
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new InputException(target + ": " + p + " is a file, not a folder");
                }
                break;
            }
        }
    }

    /** Gives a new file the usual rw-r--r-- instead of the temporary file's owner-only mode. */
    private static void setReadable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its defaults
        }
    }

    /**
     * Fails with one line if {@code dir} cannot be an output folder: it is a file, it lies inside
     * one, or the nearest existing folder takes no new files (tried with a hidden temporary file,
     * deleted at once). Commands call it before any work.
     */
    public static void checkFolder(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new InputException(dir + ": " + (p.equals(abs) ? "is a file, not a folder" : p + " is a file, not a folder"));
                }
                probe(dir, p);
                return;
            }
        }
    }

    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Deletes a file or a folder with everything in it; nothing happens if it does not exist. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** Something that fills a new folder. */
    @FunctionalInterface
    public interface FolderWriter {
        void write(Path folder) throws IOException;
    }

    /**
     * Writes folder {@code target} whole: {@code writer} fills a hidden temporary sibling, every
     * file in it is flushed to the disk, then it replaces {@code target} (an existing one is moved
     * aside first and deleted after).
     */
    public static void writeFolder(Path target, FolderWriter writer) {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        checkFolder(target);
        Path tmp = parent.resolve("." + abs.getFileName() + ".partial");
        Path old = parent.resolve("." + abs.getFileName() + ".old");
        try {
            Files.createDirectories(parent);
            deleteTree(tmp);
            Files.createDirectories(tmp);
            writer.write(tmp);
            try (java.util.stream.Stream<Path> files = Files.walk(tmp)) {
                for (Path f : files.toList()) {
                    if (Files.isRegularFile(f)) {
                        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f,
                                java.nio.file.StandardOpenOption.WRITE)) {
                            ch.force(true);
                        }
                    } else {
                        syncFolder(f);
                    }
                }
            }
            deleteTree(old);
            if (Files.exists(abs)) {
                Files.move(abs, old);
            }
            Files.move(tmp, abs);
            syncFolder(parent);
            deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Flushes a folder's entries (new names, renames) to the disk, where the system allows it. */
    static void syncFolder(Path dir) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some systems cannot sync a folder; the rename itself is still atomic
        }
    }

    /** Moves a finished file or folder into place, atomically where the file system allows. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
