package dev.irprune.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The first bytes that tell file formats apart: HDF5 (Keras .h5) and zip (Keras .keras) signatures. */
public final class FileSignatures {
    /** HDF5's format signature, at offset 0 of a file without a user block. */
    public static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** A zip archive's local file header. */
    public static final byte[] ZIP = {'P', 'K', 3, 4};

    private FileSignatures() {}

    /**
     * The first 8 bytes of {@code file} (fewer if it is shorter).
     *
     * @throws dev.irprune.io.InputException if it cannot be read
     */
    public static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        } catch (IOException e) {
            throw FileErrors.unreadable(file, e);
        }
    }

    public static boolean startsWith(byte[] head, byte[] signature) {
        return head.length >= signature.length && Arrays.equals(head, 0, signature.length, signature, 0, signature.length);
    }
}
