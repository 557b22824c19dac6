package dev.irprune.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An input stream whose reads may not wait longer than a stall timeout: a watchdog thread checks
 * a few times per timeout whether a read has been waiting that long, and if so closes the source
 * stream, which wakes the blocked read (an HTTP body stream takes its close from another thread).
 * That read, and every later one, then throws {@link Stalled}. The timeout must be positive. Only the time spent inside reads
 * counts: what the caller does with the bytes between reads does not. Close it to stop the
 * watchdog.
 */
final class StallGuard extends FilterInputStream {
    /** A read waited longer than the stall timeout for data. */
    static final class Stalled extends IOException {
        private static final long serialVersionUID = 1L;

        Stalled(Duration timeout) {
            super("no data for " + timeout.toMillis() + " ms");
        }
    }

    private final Duration timeout;
    private final ScheduledExecutorService watchdog;
    /** When the read now in progress began (System.nanoTime), or Long.MIN_VALUE between reads. */
    private volatile long waitingSince = Long.MIN_VALUE;
    private volatile boolean stalled;

    StallGuard(InputStream in, Duration timeout) {
        super(in);
        this.timeout = timeout;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "irprune-download-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, timeout.toMillis() / 4);
        watchdog.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        long since = waitingSince;
        if (!stalled && since != Long.MIN_VALUE && System.nanoTime() - since >= timeout.toNanos()) {
            stalled = true;
            try {
                in.close();
            } catch (IOException ignored) {
                // the read it wakes reports the stall
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (stalled) {
            throw new Stalled(timeout);
        }
        waitingSince = System.nanoTime();
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            if (stalled) {
                throw new Stalled(timeout);
            }
            throw e;
        } finally {
            waitingSince = Long.MIN_VALUE;
        }
        if (stalled) {
            throw new Stalled(timeout);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        watchdog.shutdownNow();
        super.close();
    }
}
