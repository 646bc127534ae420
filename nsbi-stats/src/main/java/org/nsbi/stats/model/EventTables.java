package org.nsbi.stats.model;

import java.util.List;

/** Event tables made of others: none, or several one after another. */
public final class EventTables {

    private EventTables() {
    }

    /** A table of no events, with every column {@code model} expects. */
    public static EventTable empty(MixtureModel model) {
        return EventTable.of(model, new float[0], new float[model.processCount()][0], shapeColumns(model, 0),
                shapeColumns(model, 0));
    }

    /** The events of {@code tables} one after another, in one table of {@code model}. */
    public static EventTable concat(MixtureModel model, List<EventTable> tables) {
        int n = 0;
        for (EventTable t : tables) {
            n += t.size();
        }
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        float[] w = new float[n];
        float[][] r = new float[nc][n];
        float[][][] up = shapeColumns(model, n);
        float[][][] down = shapeColumns(model, n);
        int at = 0;
        for (EventTable t : tables) {
            for (int i = 0; i < t.size(); i++, at++) {
                w[at] = t.weight(i);
                for (int c = 0; c < nc; c++) {
                    r[c][at] = t.ratio(c, i);
                    for (int k = 0; k < nk; k++) {
                        if (up[c][k] != null) {
                            up[c][k][at] = t.up(c, k, i);
                            down[c][k][at] = t.down(c, k, i);
                        }
                    }
                }
            }
        }
        return EventTable.of(model, w, r, up, down);
    }

    /** Per process and nuisance parameter, a column of {@code n} shape ratios where the process has that shape effect, else null. */
    private static float[][][] shapeColumns(MixtureModel model, int n) {
        float[][][] columns = new float[model.processCount()][model.nuisanceCount()][];
        for (int c = 0; c < columns.length; c++) {
            boolean[] shape = model.process(c).shape();
            for (int k = 0; k < columns[c].length; k++) {
                if (shape[k]) {
                    columns[c][k] = new float[n];
                }
            }
        }
        return columns;
    }
}
