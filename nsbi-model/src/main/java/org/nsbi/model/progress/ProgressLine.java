package org.nsbi.model.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints the progress of one long stage, one line at a time:
 * {@code [neyman] toys 12000/50000 (24%)  1830/s  ETA 21s}. Lines are printed at most once per
 * {@code minIntervalMillis}, and always for the last unit. Thread-safe.
 */
public final class ProgressLine {

    private final String stage;
    private final String unit;
    private final long total;
    private final PrintStream out;
    private final long minIntervalNanos;
    private final long startNanos;
    private final AtomicLong done = new AtomicLong();
    private long lastPrintNanos;

    public ProgressLine(String stage, String unit, long total, PrintStream out, long minIntervalMillis) {
        if (total < 0) {
            throw new IllegalArgumentException("total = " + total + "; expected >= 0");
        }
        this.stage = stage;
        this.unit = unit;
        this.total = total;
        this.out = out;
        this.minIntervalNanos = minIntervalMillis * 1_000_000L;
        this.startNanos = System.nanoTime();
        this.lastPrintNanos = startNanos;
    }

    /** A progress line on standard error that prints at most every 2 seconds. */
    public static ProgressLine onStderr(String stage, String unit, long total) {
        return new ProgressLine(stage, unit, total, System.err, 2000);
    }

    /** Records {@code n} more units done and prints a line if it is time. */
    public void advance(long n) {
        long now = System.nanoTime();
        long d = done.addAndGet(n);
        synchronized (this) {
            if (d >= total || now - lastPrintNanos >= minIntervalNanos) {
                lastPrintNanos = now;
                out.println(format(d, now - startNanos));
                out.flush();
            }
        }
    }

    public long done() {
        return done.get();
    }

    /** Seconds since this line was created. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    String format(long d, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-9);
        double rate = d / seconds;
        String pct = total > 0 ? String.format(Locale.ROOT, " (%d%%)", Math.round(100.0 * d / total)) : "";
        String eta = d >= total ? String.format(Locale.ROOT, "done in %s", duration(seconds))
                : rate > 0 ? "ETA " + duration((total - d) / rate) : "ETA ?";
        return String.format(Locale.ROOT, "[%s] %s %d/%d%s  %s/s  %s", stage, unit, d, total, pct, number(rate), eta);
    }

    private static String number(double rate) {
        return rate >= 100 ? String.format(Locale.ROOT, "%.0f", rate) : String.format(Locale.ROOT, "%.1f", rate);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}
