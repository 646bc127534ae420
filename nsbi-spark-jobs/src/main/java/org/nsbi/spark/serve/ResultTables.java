package org.nsbi.spark.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nsbi.model.UserError;
import org.nsbi.model.output.IntervalResult;
import org.nsbi.model.output.IntervalSummary;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.RunSummary;
import org.nsbi.spark.neyman.BeltsTable;
import org.nsbi.stats.interval.ConfidenceInterval;

/**
 * The runs under a results folder as tables, for inspection through Spark Connect: global temporary views
 * {@code global_temp.runs}, {@code belts}, {@code toys}, {@code intervals}, {@code coverage} and {@code scores}, each with a
 * {@code run} column (the run folder's name). A run is the folder itself or any folder directly in it that holds
 * a {@code summary.json}, {@code belts.csv}, {@code toys/} or {@code scored/}. The views read the files where they
 * are (local or any Hadoop URL); nothing is copied.
 */
public final class ResultTables {

    static final StructType INTERVALS_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("run", DataTypes.StringType, false),
            DataTypes.createStructField("data", DataTypes.StringType, false),
            DataTypes.createStructField("cl", DataTypes.DoubleType, false),
            DataTypes.createStructField("method", DataTypes.StringType, false),
            DataTypes.createStructField("piece", DataTypes.IntegerType, false),
            DataTypes.createStructField("lo", DataTypes.DoubleType, false),
            DataTypes.createStructField("hi", DataTypes.DoubleType, false),
            DataTypes.createStructField("at_grid_edge", DataTypes.BooleanType, false),
            DataTypes.createStructField("mu_hat", DataTypes.DoubleType, true)));

    static final StructType RUNS_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("run", DataTypes.StringType, false),
            DataTypes.createStructField("path", DataTypes.StringType, false),
            DataTypes.createStructField("command", DataTypes.StringType, true),
            DataTypes.createStructField("seconds", DataTypes.DoubleType, true),
            DataTypes.createStructField("summary_json", DataTypes.StringType, true)));

    static final StructType COVERAGE_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("run", DataTypes.StringType, false),
            DataTypes.createStructField("mu", DataTypes.DoubleType, false),
            DataTypes.createStructField("cl", DataTypes.DoubleType, false),
            DataTypes.createStructField("method", DataTypes.StringType, false),
            DataTypes.createStructField("covered", DataTypes.LongType, true),
            DataTypes.createStructField("n", DataTypes.LongType, true),
            DataTypes.createStructField("failed", DataTypes.LongType, true),
            DataTypes.createStructField("fraction", DataTypes.DoubleType, true),
            DataTypes.createStructField("error", DataTypes.DoubleType, true)));

    private ResultTables() {
    }

    /**
     * Registers the views; returns, per view, how many runs feed it.
     *
     * @throws org.nsbi.model.UserError when the folder does not exist or holds no run, or a run whose inputs were
     *                                  made again after it
     */
    public static Map<String, Integer> register(SparkSession spark, String resultsDir) {
        List<Path> runs = findRuns(spark, resultsDir);
        FileSystem fs = fs(spark, resultsDir);
        List<Row> runRows = new ArrayList<>();
        List<Row> intervalRows = new ArrayList<>();
        List<Row> coverageRows = new ArrayList<>();
        List<Dataset<Row>> belts = new ArrayList<>();
        List<Dataset<Row>> toys = new ArrayList<>();
        List<Dataset<Row>> scores = new ArrayList<>();
        int scoredRuns = 0;
        for (Path run : runs) {
            String name = run.getName();
            Path summaryFile = new Path(run, "summary.json");
            String summaryText = exists(fs, summaryFile) ? read(fs, summaryFile) : null;
            String command = null;
            Double seconds = null;
            if (summaryText != null) {
                JsonNode tree = Json.readTree(summaryText, summaryFile.toString());
                // neyman, demo and interval name their command in "run"; train's summary names it at the top
                command = tree.path("run").path("command").asText(tree.path("command").asText(null));
                seconds = tree.path("seconds").isNumber() ? tree.path("seconds").doubleValue() : null;
                if (List.of("neyman", "run", "demo").contains(command)) {
                    RunSummary summary = Json.read(tree, RunSummary.class, summaryFile.toString());
                    unchanged(spark, run, summary.provenance(), java.util.Collections.singletonMap("scored", summary.scored()));
                    intervalRows.addAll(intervals(name, "observed", summary.observed()));
                    if (summary.asimov() != null) {
                        intervalRows.addAll(intervals(name, summary.asimov().data(), summary.asimov()));
                    }
                } else if ("interval".equals(command)) {
                    IntervalSummary interval = Json.read(tree, IntervalSummary.class, summaryFile.toString());
                    unchanged(spark, run, interval.provenance(), Map.of("scored", interval.scored(), "belts", interval.belts()));
                    intervalRows.addAll(intervals(name, "observed", interval.interval()));
                }
            }
            runRows.add(RowFactory.create(name, run.toString(), command, seconds, summaryText));
            Path coverageFile = new Path(run, "coverage.json");
            if (exists(fs, coverageFile)) {
                coverageRows.addAll(coverage(name, Json.readMap(read(fs, coverageFile), coverageFile.toString())));
            }
            if (exists(fs, new Path(run, "belts.csv"))) {
                belts.add(spark.read().option("header", "true").schema(BeltsTable.SCHEMA).csv(new Path(run, "belts.csv").toString())
                        .withColumn("run", functions.lit(name)));
            }
            if (exists(fs, new Path(run, "toys"))) {
                toys.add(spark.read().parquet(new Path(run, "toys").toString()).withColumn("run", functions.lit(name)));
            }
            if (exists(fs, new Path(run, "scored"))) {
                scoredRuns++;
            }
            for (String sample : List.of("reference", "observed")) {
                Path scored = new Path(new Path(run, "scored"), sample);
                if (exists(fs, scored)) {
                    scores.add(perEvent(spark.read().parquet(scored.toString()), name, sample));
                }
            }
        }
        Map<String, Integer> registered = new LinkedHashMap<>();
        spark.createDataFrame(runRows, RUNS_SCHEMA).createOrReplaceGlobalTempView("runs");
        registered.put("runs", runRows.size());
        spark.createDataFrame(intervalRows, INTERVALS_SCHEMA).createOrReplaceGlobalTempView("intervals");
        registered.put("intervals", (int) intervalRows.stream().map(r -> r.getString(0)).distinct().count());
        if (!coverageRows.isEmpty()) {
            spark.createDataFrame(coverageRows, COVERAGE_SCHEMA).createOrReplaceGlobalTempView("coverage");
            registered.put("coverage", (int) coverageRows.stream().map(r -> r.getString(0)).distinct().count());
        }
        view(belts, belts.size(), "belts", registered);
        view(toys, toys.size(), "toys", registered);
        view(scores, scoredRuns, "scores", registered);
        return registered;
    }

    /** Event blocks (arrays per column) as one row per event: run, sample, block, the features, weight and ratios. */
    static Dataset<Row> perEvent(Dataset<Row> blocks, String run, String sample) {
        List<Column> arrays = new ArrayList<>();
        for (String c : blocks.columns()) {
            if (blocks.schema().apply(c).dataType() instanceof org.apache.spark.sql.types.ArrayType) {
                arrays.add(functions.col("`" + c + "`"));
            }
        }
        return blocks.select(functions.lit(run).as("run"), functions.lit(sample).as("sample"), functions.col("block"),
                        functions.explode(functions.arrays_zip(arrays.toArray(new Column[0]))).as("e"))
                .select("run", "sample", "block", "e.*");
    }

    /** The union of the parts as a global temporary view, recorded with the number of runs that feed it. */
    private static void view(List<Dataset<Row>> parts, int runs, String name, Map<String, Integer> registered) {
        if (parts.isEmpty()) {
            return;
        }
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.unionByName(parts.get(i), true);
        }
        all.createOrReplaceGlobalTempView(name);
        registered.put(name, runs);
    }

    /** One row per piece of each interval of a result (none when the run has no such result). */
    private static List<Row> intervals(String run, String data, IntervalResult result) {
        List<Row> rows = new ArrayList<>();
        if (result == null) {
            return rows;
        }
        for (ConfidenceInterval i : result.intervals()) {
            for (int p = 0; p < i.pieces().size(); p++) {
                double[] piece = i.pieces().get(p);
                rows.add(RowFactory.create(run, data, i.cl(), i.method(), p, piece[0], piece[1], i.atGridEdge(),
                        result.muHat()));
            }
        }
        return rows;
    }

    /** Refuses a run whose inputs were made again after it (its views would mix results of different inputs). */
    private static void unchanged(SparkSession spark, Path run, org.nsbi.model.output.Provenance provenance,
                                  Map<String, String> inputs) {
        if (provenance != null) {
            new org.nsbi.spark.provenance.InputCheck(spark.sparkContext().hadoopConfiguration())
                    .inputsUnchanged(org.nsbi.spark.io.OutputFolder.shown(run), provenance, inputs);
        }
    }

    /** The rows of a coverage.json's {@code coverage} list. */
    private static List<Row> coverage(String run, Map<String, Object> json) {
        List<Row> rows = new ArrayList<>();
        if (!(json.get("coverage") instanceof List<?> list)) {
            return rows;
        }
        for (Object o : list) {
            Map<?, ?> c = (Map<?, ?>) o;
            rows.add(RowFactory.create(run, ((Number) c.get("mu")).doubleValue(), ((Number) c.get("cl")).doubleValue(),
                    String.valueOf(c.get("method")), longOrNull(c.get("covered")), longOrNull(c.get("n")),
                    longOrNull(c.get("failed")), c.get("fraction") instanceof Number f ? f.doubleValue() : null,
                    c.get("error") instanceof Number e ? e.doubleValue() : null));
        }
        return rows;
    }

    private static Long longOrNull(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }

    /**
     * What the views are made of, to tell when they must be made again: each run folder with the modification time of
     * its marker (or of the folder, for a run without one).
     */
    public static List<String> fingerprint(SparkSession spark, String resultsDir) {
        FileSystem fs = fs(spark, resultsDir);
        List<String> out = new ArrayList<>();
        for (Path run : findRuns(spark, resultsDir)) {
            try {
                Path marker = new Path(run, org.nsbi.spark.io.OutputFolder.MARKER);
                out.add(run + "@" + fs.getFileStatus(fs.exists(marker) ? marker : run).getModificationTime());
            } catch (IOException e) {
                out.add(run + "@?");
            }
        }
        return out;
    }

    /** The results folder itself if it is a run, and every run folder directly in it. */
    static List<Path> findRuns(SparkSession spark, String resultsDir) {
        FileSystem fs = fs(spark, resultsDir);
        Path root = fs.makeQualified(new Path(resultsDir));
        try {
            if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
                throw new UserError("--results " + resultsDir + ": no such folder; expected a folder of nsbi runs");
            }
            List<Path> runs = new ArrayList<>();
            if (isRun(fs, root)) {
                runs.add(root);
            }
            for (FileStatus f : fs.listStatus(root)) {
                String n = f.getPath().getName();
                if (f.isDirectory() && !n.startsWith(".") && !n.startsWith("_") && isRun(fs, f.getPath())) {
                    runs.add(f.getPath());
                }
            }
            if (runs.isEmpty()) {
                throw new UserError("--results " + resultsDir + " holds no nsbi run; expected the output"
                        + " folder of a run (with summary.json, belts.csv, toys/ or scored/) or a folder of such folders");
            }
            return runs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + resultsDir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isRun(FileSystem fs, Path p) {
        for (String marker : List.of("summary.json", "belts.csv", "toys", "scored")) {
            if (exists(fs, new Path(p, marker))) {
                return true;
            }
        }
        return false;
    }

    private static FileSystem fs(SparkSession spark, String dir) {
        try {
            return new Path(dir).getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(FileSystem fs, Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static String read(FileSystem fs, Path p) {
        try (var in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
