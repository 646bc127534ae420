package org.nsbi.stats.likelihood;

import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/** Event tables the likelihood builds for itself. */
final class EventTables {

    private EventTables() {
    }

    /** A table of no events, with every column {@code model} expects. */
    static EventTable empty(MixtureModel model) {
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
}
