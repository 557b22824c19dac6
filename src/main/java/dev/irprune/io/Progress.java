package dev.irprune.io;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long step: an ASCII bar on a terminal; plain log lines (at most one every ten
 * seconds, and one at the end) when there is no terminal or {@code CI} is set.
 */
public final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final String task;
    private final long total;
    private final ProgressBar bar;
    private final long start = System.nanoTime();
    private long done;
    private long lastLog = start;
    private String extra = "";

    private final boolean quiet;

    private Progress(String task, long total, boolean interactive, boolean quiet) {
        this.quiet = quiet;
        this.task = task;
        this.total = total;
        this.bar = interactive
                ? new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .setUpdateIntervalMillis(250)
                        .showSpeed()
                        .build()
                : null;
    }

    /** A bar when a person watches, log lines otherwise. */
    public static Progress start(String task, long total) {
        boolean interactive = System.console() != null && System.getenv("CI") == null;
        return new Progress(task, total, interactive, false);
    }

    /** Counts without showing anything: for benchmarks and tests, where output would disturb. */
    public static Progress silent(String task, long total) {
        return new Progress(task, total, false, true);
    }

    public void step(long n, String message) {
        done += n;
        extra = message == null ? "" : message;
        if (bar != null) {
            bar.stepBy(n);
            bar.setExtraMessage(extra);
            return;
        }
        long now = System.nanoTime();
        if (!quiet && now - lastLog >= LOG_EVERY_NANOS && done < total) {
            lastLog = now;
            log();
        }
    }

    private void log() {
        double s = (System.nanoTime() - start) / 1e9;
        LOG.info("{}: {}/{} ({}%) {}s {}", task, done, total, total == 0 ? 100 : 100 * done / total,
                String.format("%.1f", s), extra);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        } else if (!quiet) {
            log();
        }
    }
}
