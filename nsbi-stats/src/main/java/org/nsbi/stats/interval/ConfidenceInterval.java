package org.nsbi.stats.interval;

import java.util.List;

/**
 * A confidence set in &mu;, as a union of pieces [lo, hi] (several when the set has holes; none when no scanned
 * &mu; is accepted).
 *
 * @param cl         the confidence level
 * @param method     "neyman" (from the belts) or "wilks" (t &le; the &chi;&sup2;&#8321; quantile)
 * @param pieces     the pieces, ascending; none for an empty set
 * @param empty      no scanned &mu; is accepted (stated, so that an empty set is never just an empty list)
 * @param atGridEdge true when the set may go on beyond the scan: a piece reaches the first or last scanned &mu; and
 *                   that end is not a bound of the parameter, or the set is empty and t_obs &minus; t_c is smallest
 *                   at such an end (the accepted &mu; may all lie beyond it)
 * @param atPoiBound true when a piece reaches a physical bound of &mu; (e.g. &mu; = 0) that is also an end of the
 *                   scan: the set is complete there
 */
public record ConfidenceInterval(double cl, String method, List<double[]> pieces, boolean empty, boolean atGridEdge,
                                 boolean atPoiBound) {

    public ConfidenceInterval {
        pieces = List.copyOf(pieces);
        if (empty != pieces.isEmpty()) {
            throw new IllegalArgumentException("an interval with " + pieces.size() + " pieces cannot have empty = " + empty);
        }
    }

    /** A set of these pieces whose ends may or may not reach a bound of the parameter. */
    public ConfidenceInterval(double cl, String method, List<double[]> pieces, boolean atGridEdge, boolean atPoiBound) {
        this(cl, method, pieces, pieces.isEmpty(), atGridEdge, atPoiBound);
    }

    /** A set whose scan ends are not bounds of the parameter. */
    public ConfidenceInterval(double cl, String method, List<double[]> pieces, boolean atGridEdge) {
        this(cl, method, pieces, atGridEdge, false);
    }
}
