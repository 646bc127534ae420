package org.nsbi.model.score;

import java.util.ArrayList;
import java.util.List;
import org.nsbi.model.ratio.EventBlock;
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

    /**
     * The ratio columns a model needs, in the order of its processes and then of (process, nuisance) shape effects,
     * up before down.
     */
    public static List<String> of(MixtureModel model) {
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < model.processCount(); c++) {
            columns.add(process(model.process(c).name()));
        }
        for (int c = 0; c < model.processCount(); c++) {
            for (int k = 0; k < model.nuisanceCount(); k++) {
                if (model.process(c).shape()[k]) {
                    columns.add(shape(model.process(c).name(), model.nuisances().get(k), +1));
                    columns.add(shape(model.process(c).name(), model.nuisances().get(k), -1));
                }
            }
        }
        return columns;
    }

    /** The likelihood's table of one scored block, events in the block's order. */
    public static EventTable table(MixtureModel model, EventBlock scored) {
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        float[][] ratios = new float[nc][];
        float[][][] up = new float[nc][nk][];
        float[][][] down = new float[nc][nk][];
        for (int c = 0; c < nc; c++) {
            ratios[c] = column(scored, process(model.process(c).name()));
            for (int k = 0; k < nk; k++) {
                if (model.process(c).shape()[k]) {
                    up[c][k] = column(scored, shape(model.process(c).name(), model.nuisances().get(k), +1));
                    down[c][k] = column(scored, shape(model.process(c).name(), model.nuisances().get(k), -1));
                }
            }
        }
        return EventTable.of(model, scored.weights(), ratios, up, down);
    }

    private static float[] column(EventBlock b, String name) {
        float[] v = b.columns().get(name);
        if (v == null) {
            throw new IllegalArgumentException("block " + b.blockId() + " has no ratio column " + name + "; it has "
                    + b.columns().keySet());
        }
        return v;
    }
}
