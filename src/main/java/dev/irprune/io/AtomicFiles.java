package dev.irprune.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
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

    public static void write(Path target, Writer writer) {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        checkWritable(target, abs);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
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
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after the target
                }
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

    /** Fails with one line if {@code dir} cannot be an output folder (it is a file, or inside one). */
    public static void checkFolder(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new InputException(dir + ": " + (p.equals(abs) ? "is a file, not a folder" : p + " is a file, not a folder"));
                }
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
