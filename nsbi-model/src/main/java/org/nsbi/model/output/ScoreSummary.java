package org.nsbi.model.output;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param processClosure        per process, the closure &Sigma; &#375; r_c with its Monte Carlo error and pull
 * @param normaliseRatios       whether the commands reading these scores divide each r_c by its closure
 * @param provenance            what the scores were made by and from
 * @param seconds               wall time of the stage
 */
public record ScoreSummary(long referenceEvents, double referenceSumOfWeights, long observedEvents,
                           Map<String, Double> observedAux, Map<String, Double> closure,
                           List<ProcessClosure> processClosure, boolean normaliseRatios, Provenance provenance,
                           double seconds)
        implements TimedSummary<ScoreSummary> {

    public ScoreSummary {
        observedAux = Collections.unmodifiableMap(new LinkedHashMap<>(observedAux));
        closure = Collections.unmodifiableMap(new LinkedHashMap<>(closure));
        processClosure = List.copyOf(processClosure);
    }

    @Override
    public ScoreSummary withSeconds(double s) {
        return new ScoreSummary(referenceEvents, referenceSumOfWeights, observedEvents, observedAux, closure,
                processClosure, normaliseRatios, provenance, s);
    }

    /** This summary with its provenance. */
    public ScoreSummary withProvenance(Provenance p) {
        return new ScoreSummary(referenceEvents, referenceSumOfWeights, observedEvents, observedAux, closure,
                processClosure, normaliseRatios, p, seconds);
    }
}
