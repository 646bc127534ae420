package org.nsbi.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A command of the checkout (a launcher script) run as its own process, its output in a log file. */
final class ChildProcess {

    final Process process;
    final Path log;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(Path log, Map<String, String> env, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(Checkout.root().toFile());
        pb.environment().putAll(env);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        try {
            return new ChildProcess(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Runs to the end; returns the exit code. */
    static int run(Path log, Map<String, String> env, long timeoutSeconds, String... command) {
        return start(log, env, List.of(command)).waitFor(timeoutSeconds);
    }

    int waitFor(long timeoutSeconds) {
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out after " + timeoutSeconds + " s; log: " + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    String tail() {
        try {
            String text = Files.readString(log);
            return text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text;
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Polls until the condition holds; fails if the process ends or the time runs out first. */
    void awaitWhileRunning(BooleanSupplier condition, long timeoutSeconds, String what) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("the process ended (exit " + process.exitValue() + ") before " + what + "; log: " + tail());
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + what + " after " + timeoutSeconds + " s; log: " + tail());
            }
            sleep(50);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The number of finished toy blocks a neyman run into {@code out} has checkpointed so far. */
    static int checkpointedBlocks(Path out) {
        File blocks = out.resolveSibling("." + out.getFileName() + ".checkpoint").resolve("toys").resolve("blocks").toFile();
        String[] names = blocks.list((d, n) -> n.endsWith(".bin"));
        return names == null ? 0 : names.length;
    }

    /** A port nobody listens on at the moment, on the loopback address. */
    static int freeLoopbackPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }
}
