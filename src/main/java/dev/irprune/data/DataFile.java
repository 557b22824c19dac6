package dev.irprune.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A data file a run read, for provenance: its name, size in bytes and SHA-256. */
public record DataFile(String file, long bytes, String sha256) {
    /** Digests the file at {@code path}. */
    public static DataFile of(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return of(path.toAbsolutePath().normalize().toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Digests a stream (closed by the caller) under the given name. */
    public static DataFile of(String name, InputStream in) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            sha.update(buf, 0, n);
            total += n;
        }
        return new DataFile(name, total, HexFormat.of().formatHex(sha.digest()));
    }
}
