package org.nsbi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nsbi.spark.cli.NsbiCommand;
import org.nsbi.spark.session.SparkSessions;
import picocli.CommandLine;

/**
 * The integration tests' analysis: the off-shell toy with exact ratios (submit/examples/offshell-toy-exact.yaml)
 * on a small reference sample, scored once, and its toys computed once on this JVM's local[2] Spark: the
 * table every other way of running must reproduce bit for bit.
 */
final class SmallExactRun {

    static final int GRID_POINTS = 5;
    static final int TOYS_PER_POINT = 160;
    static final int TOYS_PER_BLOCK = 8;

    private static SmallExactRun instance;

    final Path dir;
    final Path config;
    final Path scored;
    final Path localNeyman;
    private List<Row> localToys;

    private SmallExactRun(Path dir) {
        this.dir = dir;
        this.config = dir.resolve("offshell-small-exact.yaml");
        this.scored = dir.resolve("scored");
        this.localNeyman = dir.resolve("neyman-local2");
    }

    static synchronized SmallExactRun get() {
        if (instance == null) {
            try {
                SmallExactRun r = new SmallExactRun(Files.createTempDirectory("nsbi-it-"));
                r.writeConfig();
                r.nsbi("score", "--config", r.config.toString(), "--out", r.scored.toString());
                r.nsbi("neyman", "--config", r.config.toString(), "--scored", r.scored.toString(),
                        "--out", r.localNeyman.toString(), "--toys-per-block", String.valueOf(TOYS_PER_BLOCK));
                r.localToys = toys(r.localNeyman);
                instance = r;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** This JVM's Spark: local[2] on loopback. */
    static SparkSession spark() {
        return SparkSessions.getOrCreate("nsbi-integration-tests", "local[2]", Map.of("spark.sql.shuffle.partitions", "4"));
    }

    /** The toys of the local[2] run, in (mu index, toy) order. */
    List<Row> localToys() {
        return localToys;
    }

    long totalToys() {
        return (long) GRID_POINTS * TOYS_PER_POINT;
    }

    /** A toys table (any Hadoop URL or path) in (mu index, toy) order. */
    static List<Row> toys(Path neymanRun) {
        return toys(neymanRun.resolve("toys").toString());
    }

    static List<Row> toys(String toysTable) {
        return spark().read().parquet(toysTable).orderBy("mu_index", "toy").collectAsList();
    }

    /** Runs an nsbi command in this JVM on local[2]; fails the test with its error output if it does not succeed. */
    void nsbi(String... args) {
        spark();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = NsbiCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        assertEquals(0, code, "nsbi " + String.join(" ", args) + ": " + err);
    }

    private void writeConfig() throws IOException {
        String text = Files.readString(Checkout.root().resolve("submit/examples/offshell-toy-exact.yaml"))
                .replace("events: 100000", "events: 4000")
                .replace("steps: 17", "steps: " + GRID_POINTS)
                .replace("toys_per_point: 200", "toys_per_point: " + TOYS_PER_POINT);
        if (!text.contains("events: 4000") || !text.contains("toys_per_point: " + TOYS_PER_POINT)) {
            throw new IllegalStateException("submit/examples/offshell-toy-exact.yaml changed; update SmallExactRun");
        }
        Files.writeString(config, text);
    }
}
