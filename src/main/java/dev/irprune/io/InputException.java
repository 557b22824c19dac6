package dev.irprune.io;

/**
 * Bad input from the user: a malformed file, a missing folder, an impossible option value.
 * The command line reports its message as one line and exits with code 2.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
