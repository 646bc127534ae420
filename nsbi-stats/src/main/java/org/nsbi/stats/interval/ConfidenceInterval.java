package org.nsbi.stats.interval;

import java.util.List;

/**
 * A confidence set in &mu;, as a union of pieces [lo, hi] (several when the set has holes).
 *
 * @param cl         the confidence level
 * @param method     "neyman" (from the belts) or "wilks" (t &le; the &chi;&sup2;&#8321; quantile)
 * @param pieces     the pieces, ascending
 * @param atGridEdge true when a piece reaches the first or last scanned &mu;: the set may go on beyond it
 */
public record ConfidenceInterval(double cl, String method, List<double[]> pieces, boolean atGridEdge) {

    public ConfidenceInterval {
        pieces = List.copyOf(pieces);
    }
}
