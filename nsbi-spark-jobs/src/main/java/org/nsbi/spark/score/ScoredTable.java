package org.nsbi.spark.score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.nsbi.model.UserError;
import org.nsbi.model.score.CanonicalOrder;
import org.nsbi.model.score.ScoredColumns;
import org.nsbi.spark.io.EventBlockRows;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * Loads a scored block table (written by {@link ScoreJob}) into the driver as nsbi-stats'
 * {@link EventTable}, in a canonical event order: sorted by features, then weight, then ratios. The
 * order of events therefore does not depend on how Spark split the files into partitions, and a toy
 * (which names events by index) is the same event list on 1 core or 100. The tasks read and sort the table's files,
 * a few per partition ({@link PackedPartition}: column by column with parquet-hadoop, nothing boxed, no Spark SQL);
 * the driver merges the sorted blocks ({@link CanonicalOrder#merge}) and builds the table.
 */
public final class ScoredTable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ScoredTable.class);

    /** The table and the features of its events, in the same (canonical) order. */
    public record Loaded(EventTable table, float[][] features) {
    }

    private ScoredTable() {
    }

    public static Loaded load(SparkSession spark, String path, String[] features, MixtureModel model) {
        return load(spark, path, features, model, null);
    }

    /**
     * As {@link #load(SparkSession, String, String[], MixtureModel)}, with each process ratio r_c multiplied by
     * {@code ratioScale[c]} ({@code normalise_ratios}: 1 / the closure of r_c on the reference sample), or as scored when
     * {@code ratioScale} is null.
     */
    public static Loaded load(SparkSession spark, String path, String[] features, MixtureModel model, double[] ratioScale) {
        long start = System.nanoTime();
        int nf = features.length;
        // the columns of the flat event matrix: features, weight, ratio columns
        List<String> names = new ArrayList<>(List.of(features));
        names.add(EventBlockRows.WEIGHT);
        names.addAll(ScoredColumns.of(model));
        int width = names.size();
        List<String> files = files(spark, path);
        // each task packs and sorts the files of its partition; the driver merges the sorted blocks
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<float[][]> runs;
        try {
            runs = jsc.parallelize(files, Math.max(1, Math.min(files.size(), jsc.defaultParallelism())))
                    .mapPartitions(new PackedPartition(path, names.toArray(String[]::new),
                            new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()))).collect();
        } catch (Exception e) { // Spark throws the checked SparkException undeclared
            throw usersError(path, e);
        }
        long collected = System.nanoTime();
        float[][] sorted = CanonicalOrder.merge(runs, width);
        Loaded loaded = assemble(sorted, nf, model, ratioScale);
        LOG.info(loadLine(path, loaded.table().size(), (collected - start) / 1e9, (System.nanoTime() - collected) / 1e9));
        return loaded;
    }

    /**
     * The table and features of a scored table's columns in canonical order (features, weight, the model's ratio
     * columns of {@link ScoredColumns#of}), the process ratios scaled by {@code ratioScale} unless it is null.
     */
    static Loaded assemble(float[][] sorted, int nf, MixtureModel model, double[] ratioScale) {
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        int n = sorted[0].length;
        float[][] ratios = new float[nc][];
        for (int c = 0; c < nc; c++) {
            ratios[c] = sorted[nf + 1 + c];
            if (ratioScale != null) {
                for (int i = 0; i < n; i++) {
                    ratios[c][i] = (float) (ratios[c][i] * ratioScale[c]);
                }
            }
        }
        float[][][] up = new float[nc][nk][];
        float[][][] down = new float[nc][nk][];
        int x = nf + 1 + nc;
        for (int c = 0; c < nc; c++) {
            for (int k = 0; k < nk; k++) {
                if (model.process(c).shape()[k]) {
                    up[c][k] = sorted[x++];
                    down[c][k] = sorted[x++];
                }
            }
        }
        EventTable table = EventTable.of(model, sorted[nf], ratios, up, down);
        float[][] feats = new float[nf][];
        System.arraycopy(sorted, 0, feats, 0, nf);
        return new Loaded(table, feats);
    }

    /** The user's error a task failed with (a missing column, say), or the failure as it is. */
    private static RuntimeException usersError(String path, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserError u) {
                return u;
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException("loading " + path + " failed", e);
    }

    /** The Parquet files of the table at {@code path} (a folder as Spark writes it), by name. */
    private static List<String> files(SparkSession spark, String path) {
        String expected = "; expected scored event blocks (the scored/ folder of 'nsbi score')";
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(path);
        List<String> files = new ArrayList<>();
        try {
            FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(folder)) {
                throw new UserError(path + ": no such folder" + expected);
            }
            for (FileStatus f : fs.listStatus(folder)) {
                String name = f.getPath().getName();
                if (f.isFile() && !name.startsWith("_") && !name.startsWith(".") && name.endsWith(".parquet")) {
                    files.add(f.getPath().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + path, e);
        }
        if (files.isEmpty()) {
            throw new UserError(path + ": no Parquet files" + expected);
        }
        Collections.sort(files);
        return files;
    }

    /** The [load] status line (logged at info); the path as a user would type it (a plain path, not a file: URI). */
    static String loadLine(String path, int events, double collectSeconds, double tableSeconds) {
        return String.format(java.util.Locale.ROOT, "[load] %s: %d events (collect %.1fs, table %.1fs)",
                org.nsbi.spark.io.OutputFolder.shown(new org.apache.hadoop.fs.Path(path)), events, collectSeconds, tableSeconds);
    }
}
