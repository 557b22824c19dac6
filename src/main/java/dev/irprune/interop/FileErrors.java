package dev.irprune.interop;

import dev.irprune.io.InputException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/** The one-line error for a model file that could not be read. */
public final class FileErrors {
    private FileErrors() {}

    /** {@code "FILE: file not found"} for a missing file, else {@code "FILE: cannot read: why"}. */
    public static InputException unreadable(Object file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InputException(file + ": file not found", e);
        }
        return new InputException(file + ": cannot read: " + e.getMessage(), e);
    }
}
