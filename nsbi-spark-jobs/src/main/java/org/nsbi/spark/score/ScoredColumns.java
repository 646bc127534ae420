package org.nsbi.spark.score;

import java.util.ArrayList;
import java.util.List;
import org.nsbi.spark.io.EventBlock;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * Names of the ratio columns of a scored table: {@code r_<process>} for p_c/p_ref and
 * {@code r_<process>__<nuisance>__up|down} for p_c(x | &alpha;_k = &plusmn;1)/p_c(x).
 */
public final class ScoredColumns {

    private ScoredColumns() {
    }

    public static String process(String process) {
        return "r_" + process;
    }

    public static String shape(String process, String nuisance, int direction) {
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException("direction = " + direction + "; expected +1 or -1");
        }
        return "r_" + process + "__" + nuisance + "__" + (direction > 0 ? "up" : "down");
    }

    /** The ratio columns {@code model} reads, in order: r_c of every process, then r_{c,k,up}, r_{c,k,down} where c has a shape in k. */
    public static List<String> of(MixtureModel model) {
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < model.processCount(); c++) {
            columns.add(process(model.process(c).name()));
        }
        for (int c = 0; c < model.processCount(); c++) {
            boolean[] shape = model.process(c).shape();
            for (int k = 0; k < model.nuisanceCount(); k++) {
                if (shape[k]) {
                    columns.add(shape(model.process(c).name(), model.nuisances().get(k), +1));
                    columns.add(shape(model.process(c).name(), model.nuisances().get(k), -1));
                }
            }
        }
        return columns;
    }

    /** The event table of {@code model} from the weights and the columns of {@link #of} (in that order). */
    public static EventTable table(MixtureModel model, float[] weights, float[][] columns) {
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        float[][] ratios = new float[nc][];
        System.arraycopy(columns, 0, ratios, 0, nc);
        float[][][] up = new float[nc][nk][];
        float[][][] down = new float[nc][nk][];
        int x = nc;
        for (int c = 0; c < nc; c++) {
            boolean[] shape = model.process(c).shape();
            for (int k = 0; k < nk; k++) {
                if (shape[k]) {
                    up[c][k] = columns[x++];
                    down[c][k] = columns[x++];
                }
            }
        }
        return EventTable.of(model, weights, ratios, up, down);
    }

    /** Column {@code x} of {@code columns} ({@link #of}) in block {@code b} of the table at {@code path}, or a message. */
    public static float[] column(EventBlock b, List<String> columns, int x, String path) {
        float[] col = b.columns().get(columns.get(x));
        if (col == null) {
            throw new IllegalArgumentException(path + ": block " + b.blockId() + " has no column " + columns.get(x)
                    + "; expected the ratio columns of the analysis " + columns + " (scored with another config?)");
        }
        return col;
    }
}
