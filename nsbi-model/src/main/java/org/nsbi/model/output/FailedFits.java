package org.nsbi.model.output;

import java.util.Map;
import java.util.TreeMap;

/**
 * The fits of one grid point's toys: those that failed (they stay in the belt, counted as t = +&infin;), by reason,
 * and those whose conditional or global fit ended with a nuisance parameter on a bound of its range.
 *
 * @param mu             the grid point
 * @param failed         toys whose fit failed
 * @param fraction       failed / toys per point
 * @param failedByReason failed toys per reason code (e.g. iteration_limit), in code order
 * @param atBound        toys whose conditional or global fit ended on a bound
 */
public record FailedFits(double mu, int failed, double fraction, Map<String, Integer> failedByReason, int atBound) {

    public FailedFits {
        failedByReason = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(failedByReason));
    }
}
