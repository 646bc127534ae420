package org.nsbi.stats.model;

import java.util.List;

/** Event tables made of others: none, or several one after another. */
public final class EventTables {

    private EventTables() {
    }

    /** A table of no events, with every column {@code model} expects. */
    public static EventTable empty(MixtureModel model) {
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        float[][][] up = new float[nc][nk][];
        float[][][] down = new float[nc][nk][];
        for (int c = 0; c < nc; c++) {
            boolean[] shape = model.process(c).shape();
            for (int k = 0; k < nk; k++) {
                if (shape[k]) {
                    up[c][k] = new float[0];
                    down[c][k] = new float[0];
                }
            }
        }
        return EventTable.of(model, new float[0], new float[nc][0], up, down);
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
        float[][][] up = new float[nc][nk][];
        float[][][] down = new float[nc][nk][];
        for (int c = 0; c < nc; c++) {
            boolean[] shape = model.process(c).shape();
            for (int k = 0; k < nk; k++) {
                if (shape[k]) {
                    up[c][k] = new float[n];
                    down[c][k] = new float[n];
                }
            }
        }
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
}
