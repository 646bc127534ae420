package org.nsbi.spark.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.output.IntervalResult;
import org.nsbi.model.output.IntervalSummary;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.RunSummary;
import org.nsbi.model.output.CoverageSummary;
import org.nsbi.model.report.PointToys;
import org.nsbi.model.report.RunData;
import org.nsbi.model.report.Scan;
import org.nsbi.model.output.CriticalValuesFit;
import org.nsbi.spark.io.HadoopFileAccess;
import org.nsbi.spark.io.ShownPaths;
import org.nsbi.spark.neyman.BeltsTable;
import org.nsbi.spark.neyman.NeymanJob;
import org.nsbi.spark.neyman.ToysTable;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * Loads a run folder for the report through Hadoop's FileSystem (local or {@code hdfs://}): summary.json and
 * belts.csv; the toys' t_&mu; from {@code toys/} (Parquet, read by Spark and collected: four columns per toy);
 * scan.csv with the summary's intervals, and scan-asimov.csv with those of {@code asimov} (run, demo);
 * the scans of separate {@code interval} folders; coverage.json of the run folder or of a coverage folder;
 * critical-values.json when the belt has smooth critical values.
 */
public final class RunReader {

    private final SparkSession spark;
    private final HadoopFileAccess files;

    private RunReader(SparkSession spark) {
        this.spark = spark;
        this.files = new HadoopFileAccess(spark.sparkContext().hadoopConfiguration());
    }

    /**
     * @param run          a demo or neyman folder (summary.json, belts.csv, toys/)
     * @param intervalDirs folders of {@code nsbi interval} whose scans to show too (may be empty)
     * @param coverageDir  a folder of {@code nsbi coverage}, or null to use the run's own coverage.json if it has one
     */
    public static RunData read(SparkSession spark, String run, List<String> intervalDirs, String coverageDir) {
        return new RunReader(spark).read(run, intervalDirs, coverageDir);
    }

    /** A coverage folder's coverage.json. */
    public static CoverageSummary coverage(SparkSession spark, String coverageDir) {
        RunReader r = new RunReader(spark);
        String file = r.file(coverageDir, "coverage.json");
        return coverageOf(r.text(file), file);
    }

    /** coverage.json's record; {@code source} names the file in messages. */
    public static CoverageSummary coverageOf(String text, String source) {
        CoverageSummary c = Json.read(text, CoverageSummary.class, source);
        if (c.coverage().isEmpty()) {
            throw new UserError(source + ": no 'coverage' rows; expected the coverage.json of 'nsbi coverage'");
        }
        return c;
    }

    private RunData read(String run, List<String> intervalDirs, String coverageDir) {
        String summaryFile = file(run, "summary.json");
        RunSummary summary = Json.read(text(summaryFile), RunSummary.class, summaryFile);
        String beltFile = file(run, "belts.csv");
        Belt belt = BeltsTable.fromCsv(text(beltFile), beltFile);
        List<PointToys> toys = toys(file(run, "toys"), belt.muGrid());
        List<Scan> scans = new ArrayList<>();
        if (summary.observed() != null && files.exists(file(run, "scan.csv"))) {
            scans.add(scan(summary.observed(), file(run, "scan.csv")));
        }
        if (summary.asimov() != null && files.exists(file(run, "scan-asimov.csv"))) {
            scans.add(scan(summary.asimov(), file(run, "scan-asimov.csv")));
        }
        for (String dir : intervalDirs) {
            String f = file(dir, "summary.json");
            scans.add(scan(Json.read(text(f), IntervalSummary.class, f).interval(), file(dir, "scan.csv")));
        }
        CoverageSummary coverage = null;
        String coverageFile = file(coverageDir != null ? coverageDir : run, "coverage.json");
        if (coverageDir != null || files.exists(coverageFile)) {
            coverage = coverageOf(text(coverageFile), coverageFile);
        } else {
            coverageFile = null;
        }
        String fitFile = file(run, NeymanJob.CRITICAL_VALUES);
        CriticalValuesFit fit = files.exists(fitFile) ? Json.read(text(fitFile), CriticalValuesFit.class, fitFile) : null;
        return new RunData(ShownPaths.of(run), summary, belt, toys, scans, coverage, ShownPaths.of(coverageFile), fit);
    }

    private Scan scan(IntervalResult result, String scanFile) {
        return Scan.fromCsv(result, text(scanFile), scanFile);
    }

    private List<PointToys> toys(String dir, double[] grid) {
        if (!files.exists(dir)) {
            throw new UserError("no folder " + dir + "; expected the toys (Parquet) of a demo or neyman run");
        }
        List<List<Double>> t = new ArrayList<>();
        int[] failed = new int[grid.length];
        for (int m = 0; m < grid.length; m++) {
            t.add(new ArrayList<>());
        }
        for (ToyOutcome o : ToysTable.read(spark, dir)) {
            int m = o.muIndex();
            if (m < 0 || m >= grid.length || o.muTrue() != grid[m]) {
                throw new UserError(dir + ": a toy at mu_index " + m + ", mu_true " + o.muTrue()
                        + " is not a point of the belt's grid " + java.util.Arrays.toString(grid));
            }
            if (o.converged()) {
                t.get(m).add(o.t());
            } else {
                failed[m]++;
            }
        }
        List<PointToys> out = new ArrayList<>();
        for (int m = 0; m < grid.length; m++) {
            out.add(new PointToys(grid[m], t.get(m).stream().mapToDouble(Double::doubleValue).toArray(), failed[m]));
        }
        return out;
    }

    private String file(String dir, String name) {
        return new Path(dir, name).toString();
    }

    private String text(String file) {
        if (!files.exists(file)) {
            throw new UserError("no file " + file + "; expected it in the run folder");
        }
        return new String(files.read(file), StandardCharsets.UTF_8);
    }
}
