package org.nsbi.model.output;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsbi.stats.interval.ConfidenceInterval;

/**
 * The t(&mu;) scan of one data set inverted into intervals.
 *
 * @param data            "observed", or "asimov at mu = X"
 * @param observedEvents  the data's sum of weights
 * @param muHat           the global fit's &mu;&#770;
 * @param alphaHat        the global fit's &alpha;&#770;, by nuisance-parameter name
 * @param alphaHatError   each &alpha;&#770;'s post-fit error &sigma; = &radic;(H&#8315;&sup1;)_kk, H the Hessian of the NLL at the
 *                        global minimum (nsbi-stats' HessianErrors), by name; null for a parameter on a bound of its
 *                        range (held there) or when H is not positive definite (then a warning says so)
 * @param intervals       Neyman and Wilks at each confidence level
 * @param warnings        what the numbers cannot be trusted for (the lines printed after the results table)
 * @param intervalSeconds wall time of the scan
 * @param placement       where the data set was while it was scanned: whole on the driver, or in blocks on the executors
 */
public record IntervalResult(String data, double observedEvents, double muHat, Map<String, Double> alphaHat,
                             Map<String, Double> alphaHatError, List<ConfidenceInterval> intervals, List<String> warnings,
                             double intervalSeconds, ReferencePlacement placement) {

    public IntervalResult {
        alphaHat = Collections.unmodifiableMap(new LinkedHashMap<>(alphaHat));
        alphaHatError = Collections.unmodifiableMap(new LinkedHashMap<>(alphaHatError));
        intervals = List.copyOf(intervals);
        warnings = List.copyOf(warnings);
    }
}
