package org.nsbi.model.output;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * scored.json: what scoring wrote.
 *
 * @param referenceEvents       events of the reference sample
 * @param referenceSumOfWeights their total weight
 * @param observedEvents        observed events
 * @param observedAux           the observed auxiliary measurement of each nuisance parameter, by name
 * @param closure               per scored ratio column: &Sigma; &#375; r_c for a process, &Sigma; &#375; r_c r_shape /
 *                              &Sigma; &#375; r_c for a shape systematic (each &asymp; 1)
 * @param seconds               wall time of the stage
 */
public record ScoreSummary(long referenceEvents, double referenceSumOfWeights, long observedEvents,
                           Map<String, Double> observedAux, Map<String, Double> closure, double seconds)
        implements TimedSummary {

    public ScoreSummary {
        observedAux = Collections.unmodifiableMap(new LinkedHashMap<>(observedAux));
        closure = Collections.unmodifiableMap(new LinkedHashMap<>(closure));
    }

    @Override
    public ScoreSummary withSeconds(double s) {
        return new ScoreSummary(referenceEvents, referenceSumOfWeights, observedEvents, observedAux, closure, s);
    }
}
