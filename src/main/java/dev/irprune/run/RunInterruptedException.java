package dev.irprune.run;

/** The run stopped at a signal's request between two steps; what was written is whole. */
public final class RunInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunInterruptedException() {
        super("interrupted");
    }
}
