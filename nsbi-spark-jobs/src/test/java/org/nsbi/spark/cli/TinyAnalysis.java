package org.nsbi.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.nsbi.model.onnx.TinyOnnx;
import org.nsbi.spark.SharedSpark;
import picocli.CommandLine;

/**
 * A tiny analysis written into a folder, for the bad-input tests: two features (x1, x2), a reference sample of
 * {@value #REFERENCE_EVENTS} weighted events ({@code ref.csv}), {@value #OBSERVED_EVENTS} observed events
 * ({@code data.csv}), two processes whose ratio network ({@code one.onnx}) outputs the ratio 1 for every event,
 * and a config ({@code config.yaml}) that the {@code score} command accepts as written. A test spoils one part
 * (by replacing text of {@link #BASE_CONFIG} or rewriting a file), runs a command whose output goes to
 * {@code runs/out}, and checks the refusal with {@link #assertRefused}.
 */
final class TinyAnalysis {

    static final int REFERENCE_EVENTS = 300;
    static final int OBSERVED_EVENTS = 100;

    /** The config as written; tests replace parts of this text. */
    static final String BASE_CONFIG = """
            features: [x1, x2]
            reference:
              - name: ref
                files: ref.csv
                weight: w
            processes:
              - name: S
                yield: 10
                coefficient: "mu"
                ratio: {onnx: one.onnx, output: ratio}
              - name: B
                yield: 100
                coefficient: "1"
                ratio: {onnx: one.onnx, output: ratio}
            poi: {name: mu, min: 0, max: 5}
            neyman:
              mu_grid: [0, 1, 2]
              toys_per_point: 4
              confidence_levels: [0.6827]
              seed: 1
            observed:
              - name: data
                files: data.csv
            """;

    final Path dir;
    /** Empty before a command runs: the output folder {@code runs/out} is made here, staging beside it. */
    final Path runs;

    private TinyAnalysis(Path dir) {
        this.dir = dir;
        this.runs = dir.resolve("runs");
    }

    /** Writes the analysis into {@code dir}. */
    static TinyAnalysis in(Path dir) {
        TinyAnalysis a = new TinyAnalysis(dir);
        a.write("one.onnx", TinyOnnx.linear(new double[] {0, 0}, 1, TinyOnnx.FLOAT));
        a.write("ref.csv", a.csv("x1,x2,w", REFERENCE_EVENTS, i -> row(i) + ",0.5"));
        a.write("data.csv", a.csv("x1,x2", OBSERVED_EVENTS, TinyAnalysis::row));
        a.config(BASE_CONFIG);
        try {
            Files.createDirectories(a.runs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return a;
    }

    /** The features of event i: x1 = i / 300, x2 = (7 i mod 300) / 300. */
    static String row(int i) {
        return String.format(Locale.ROOT, "%.4f,%.4f", i / 300.0, (7 * i % 300) / 300.0);
    }

    /** CSV text: the header, then {@code n} rows. */
    String csv(String header, int n, java.util.function.IntFunction<String> row) {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int i = 0; i < n; i++) {
            sb.append(row.apply(i)).append('\n');
        }
        return sb.toString();
    }

    Path config() {
        return dir.resolve("config.yaml");
    }

    Path out() {
        return runs.resolve("out");
    }

    /** Replaces the config with this text. */
    TinyAnalysis config(String yaml) {
        write("config.yaml", yaml);
        return this;
    }

    /** {@link #BASE_CONFIG} with {@code from} replaced by {@code to}; {@code from} must occur in it. */
    TinyAnalysis configWith(String from, String to) {
        assertTrue(BASE_CONFIG.contains(from), "the base config holds " + from);
        return config(BASE_CONFIG.replace(from, to));
    }

    Path write(String name, String text) {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a command printed (stderr, stdout) and returned. */
    record Run(int code, String err, String out) {
    }

    /** Runs {@code nsbi <args> --master local[2]} with stderr captured. */
    static Run run(String... args) {
        SharedSpark.session();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine cl = NsbiCommand.commandLine();
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--master", "local[2]"));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
    }

    /** {@code nsbi score --config config.yaml --out runs/out}. */
    Run score() {
        return run("score", "--config", config().toString(), "--out", out().toString());
    }

    /** {@code nsbi neyman --config config.yaml --scored <scored> --out runs/out}. */
    Run neyman(Path scored) {
        return run("neyman", "--config", config().toString(), "--scored", scored.toString(), "--out", out().toString());
    }

    /**
     * A refusal of bad input: exit code 2, one error line {@code nsbi <command>: error: ...} holding each of
     * {@code expected} (the file, the field and what was expected), no stack trace, and nothing new in
     * {@code runs/}: no output folder, no staging folder.
     */
    void assertRefused(Run r, String command, String... expected) {
        assertEquals(2, r.code(), "exit code of bad input; stderr:\n" + r.err());
        assertTrue(r.err().contains("nsbi " + command + ": error: "), r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "the message names '" + e + "':\n" + r.err());
        }
        assertFalse(r.err().contains("\tat "), "a message, not a stack trace:\n" + r.err());
        assertEquals(List.of(), entries(runs), "nothing written beside the output folder");
    }

    static List<String> entries(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
