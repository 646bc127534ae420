package org.nsbi.stats.coverage;

import org.nsbi.stats.model.EventTable;

/**
 * One experiment of a coverage check, to be fitted as if it were the observed data: its events with their
 * ratios, their weights (1 for simulated events, Poisson counts for a bootstrap) and the auxiliary measurements.
 *
 * @param events  the events, scored with the analysis's ratios
 * @param weights the weight of each event
 * @param aux     the auxiliary measurements a_k, in the model's nuisance order
 */
public record Experiment(EventTable events, double[] weights, double[] aux) {

    public Experiment {
        if (weights.length != events.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + events.size() + " events");
        }
    }

    /** The number of events, &Sigma; w. */
    public long count() {
        double n = 0;
        for (double w : weights) {
            n += w;
        }
        return Math.round(n);
    }
}
