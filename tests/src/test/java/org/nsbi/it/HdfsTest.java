package org.nsbi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nsbi.model.output.IntervalSummary;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.ScoreSummary;

/**
 * The whole chain through an in-process HDFS (MiniDFSCluster, one datanode): the simulated MC samples and observed
 * data, the scored table, the toys and belts and the interval go in and out through hdfs:// paths only. The config
 * is the off-shell toy with exact ratios, its samples read from HDFS.
 */
class HdfsTest {

    static MiniDFSCluster hdfs;
    static String root;

    @BeforeAll
    static void startHdfs() throws IOException {
        Path base = Files.createTempDirectory("nsbi-minidfs-");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        root = "hdfs://127.0.0.1:" + hdfs.getNameNodePort() + "/nsbi";
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void simulateScoreNeymanIntervalThroughHdfs() throws Exception {
        SmallExactRun run = SmallExactRun.get();
        run.nsbi("simulate", "--samples", "S,B,NI", "--events", "4000", "--observed-mu", "1", "--out", root + "/simulate");
        JsonNode observed = new ObjectMapper().readTree(read(root + "/simulate/simulate.json")).get("observed");
        JsonNode aux = observed.get("aux");

        Path config = run.dir.resolve("offshell-hdfs.yaml");
        Files.writeString(config, hdfsConfig(Files.readString(run.config), aux));
        run.nsbi("score", "--config", config.toString(), "--out", root + "/scored");
        run.nsbi("neyman", "--config", config.toString(), "--scored", root + "/scored", "--out", root + "/neyman",
                "--toys", "40");
        run.nsbi("interval", "--config", config.toString(), "--scored", root + "/scored", "--run", root + "/neyman",
                "--out", root + "/interval");

        FileSystem fs = hdfs.getFileSystem();
        for (String p : List.of("/nsbi/simulate/samples/S", "/nsbi/simulate/observed", "/nsbi/scored/scored/reference",
                "/nsbi/neyman/toys", "/nsbi/neyman/belts", "/nsbi/interval/scan.csv")) {
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path(p)), p + " on HDFS");
        }
        String belts = read(root + "/neyman/belts.csv");
        assertEquals(1 + 2 * SmallExactRun.GRID_POINTS, belts.strip().split("\n").length, belts);
        List<Row> toys = SmallExactRun.toys(root + "/neyman/toys");
        assertEquals(40L * SmallExactRun.GRID_POINTS, toys.size());
        assertTrue(toys.stream().allMatch(r -> r.getBoolean(6)), "every toy converged");
        IntervalSummary interval = Json.read(read(root + "/interval/summary.json"), IntervalSummary.class, "summary.json");
        assertEquals(4, interval.interval().intervals().size(), "Neyman and Wilks at two levels: " + interval);
        ScoreSummary scored = Json.read(read(root + "/scored/scored.json"), ScoreSummary.class, "scored.json");
        assertTrue(scored.closure().containsKey("r_SBI") && scored.closure().values().stream()
                .allMatch(c -> Math.abs(c - 1) < 0.05), "every ratio closes on the reference sample: " + scored);
        System.err.println("HdfsTest: observed " + observed + "; intervals " + interval.interval().intervals());
    }

    /** The small exact config with its reference and observed samples read from the simulate run on HDFS. */
    private static String hdfsConfig(String exact, JsonNode aux) {
        int ref = exact.indexOf("\nreference:");
        int proc = exact.indexOf("\nprocesses:");
        int obs = exact.indexOf("\nobserved:");
        int bad = exact.indexOf("\nbad_ratios:");
        if (ref < 0 || proc < ref || obs < proc || bad < obs) {
            throw new IllegalStateException("the exact example config changed its layout; update HdfsTest");
        }
        StringBuilder files = new StringBuilder("\nreference:\n");
        for (String s : List.of("S", "B", "NI")) {
            files.append("  - name: ref_").append(s).append("\n    files: ").append(root).append("/simulate/samples/")
                    .append(s).append("\n    format: parquet\n    weight: weight\n");
        }
        String observed = "\nobserved:\n  - name: data\n    files: " + root + "/simulate/observed\n    format: parquet\n"
                + "observed_aux: {energy_scale: " + aux.get(0).asDouble() + ", ni_norm: " + aux.get(1).asDouble()
                + ", ni_shape: " + aux.get(2).asDouble() + "}\n";
        return exact.substring(0, ref) + files + exact.substring(proc, obs) + observed + exact.substring(bad);
    }

    private static String read(String uri) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
        try (InputStream in = p.getFileSystem(SmallExactRun.spark().sparkContext().hadoopConfiguration()).open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
