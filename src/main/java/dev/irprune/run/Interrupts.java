package dev.irprune.run;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGINT and SIGTERM as a request to stop: long loops call {@link #check()} at batch boundaries,
 * which throws {@link RunInterruptedException} once a signal came, so the run stops between two
 * engine calls, with every file either whole or not written. (The JVM's default reaction starts
 * its shutdown while the engine computes, which can crash the native library.) A second signal
 * ends the process at once.
 */
public final class Interrupts {
    private static final AtomicBoolean REQUESTED = new AtomicBoolean();
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private Interrupts() {}

    /** Takes over SIGINT and SIGTERM for this process (once; later calls do nothing). */
    @SuppressWarnings("restriction")
    public static void install() {
        if (!INSTALLED.compareAndSet(false, true)) {
            return;
        }
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
                    if (REQUESTED.getAndSet(true)) {
                        Runtime.getRuntime().halt(130);
                    }
                });
            } catch (IllegalArgumentException e) {
                // the signal is not available here: keep the JVM's handling
            }
        }
    }

    /** Whether a stop was requested. */
    public static boolean requested() {
        return REQUESTED.get();
    }

    /** Throws {@link RunInterruptedException} if a stop was requested. */
    public static void check() {
        if (REQUESTED.get()) {
            throw new RunInterruptedException();
        }
    }

    /** For tests: forget a request. */
    public static void reset() {
        REQUESTED.set(false);
    }

    /** For tests and embedding code: request a stop, as a signal does. */
    public static void request() {
        REQUESTED.set(true);
    }
}
