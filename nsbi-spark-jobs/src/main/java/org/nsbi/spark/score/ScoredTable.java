package org.nsbi.spark.score;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.model.score.ScoredColumns;
import org.nsbi.spark.io.EventBlockRows;
import org.nsbi.spark.io.InputTables;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * Loads a scored block table (written by {@link ScoreJob}) into the driver as nsbi-stats'
 * {@link EventTable}, in a canonical event order: sorted by features, then weight, then ratios. The
 * order of events therefore does not depend on how Spark split the files into partitions, and a toy
 * (which names events by index) is the same event list on 1 core or 100.
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
        List<Row> rows = InputTables.parquet(spark, "scored event blocks (the scored/ folder of 'nsbi score')", path)
                .collectAsList();
        long collected = System.nanoTime();
        List<EventBlock> blocks = new ArrayList<>(rows.size());
        int n = 0;
        for (Row r : rows) {
            EventBlock b = EventBlockRows.fromRow(r, features);
            blocks.add(b);
            n += b.size();
        }
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        List<String> columns = ScoredColumns.of(model);
        int nf = features.length;
        // rows of the flat event matrix: features, weight, columns
        int width = nf + 1 + columns.size();
        float[][] flat = new float[width][n];
        int at = 0;
        for (EventBlock b : blocks) {
            for (int f = 0; f < nf; f++) {
                System.arraycopy(b.featureColumn(f), 0, flat[f], at, b.size());
            }
            System.arraycopy(b.weights(), 0, flat[nf], at, b.size());
            for (int x = 0; x < columns.size(); x++) {
                float[] col = b.columns().get(columns.get(x));
                if (col == null) {
                    throw new UserError(path + ": block " + b.blockId() + " has no column " + columns.get(x)
                            + "; expected the ratio columns of the analysis " + columns + " (scored with another config?)");
                }
                System.arraycopy(col, 0, flat[nf + 1 + x], at, b.size());
            }
            at += b.size();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (i, j) -> {
            for (float[] column : flat) {
                int c = Float.compare(column[i], column[j]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        float[][] sorted = new float[width][n];
        for (int x = 0; x < width; x++) {
            for (int i = 0; i < n; i++) {
                sorted[x][i] = flat[x][order[i]];
            }
            flat[x] = null;
        }
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
        LOG.info(loadLine(path, n, (collected - start) / 1e9, (System.nanoTime() - collected) / 1e9));
        float[][] feats = new float[nf][];
        System.arraycopy(sorted, 0, feats, 0, nf);
        return new Loaded(table, feats);
    }

    /** The [load] status line (logged at info); the path as a user would type it (a plain path, not a file: URI). */
    static String loadLine(String path, int events, double collectSeconds, double tableSeconds) {
        return String.format(java.util.Locale.ROOT, "[load] %s: %d events (collect %.1fs, table %.1fs)",
                org.nsbi.spark.io.OutputFolder.shown(new org.apache.hadoop.fs.Path(path)), events, collectSeconds, tableSeconds);
    }
}
