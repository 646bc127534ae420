package org.nsbi.stats.toys;

import org.nsbi.stats.fit.FailureReason;

/**
 * The outcome of fitting one pseudo-experiment at a tested &mu;: the test statistic
 * t_&mu; = 2[NLL(&mu;, &alpha;&#770;&#770;) &minus; NLL(&mu;&#770;, &alpha;&#770;)] (primer section 2), the global
 * best fit, and whether both fits converged.
 *
 * <p>A failed fit is recorded, never dropped: {@code converged} is false, {@code failure} says why,
 * and {@code t} is {@link Double#NaN}. Belts treat failed toys conservatively.
 *
 * @param t          t_&mu;, or NaN when a fit failed
 * @param muHat      the global best-fit &mu;&#770; (NaN when the global fit failed)
 * @param alphaHat   the global best-fit nuisance parameters (empty when there are none)
 * @param converged  true when the conditional and the global fit both converged
 * @param iterations iterations of both fits together, for diagnostics
 * @param failure    null when converged, otherwise the reason's details
 * @param reason     null when converged, otherwise the reason's code
 * @param atBound    true when the conditional or the global fit ended with a nuisance parameter on a bound
 */
public record ToyFit(double t, double muHat, double[] alphaHat, boolean converged, int iterations, String failure,
                     FailureReason reason, boolean atBound) {

    /** A converged toy whose fits are within the bounds (closed-form statistics, tests). */
    public static ToyFit of(double t, double muHat, double[] alphaHat, int iterations) {
        return new ToyFit(t, muHat, alphaHat, true, iterations, null, null, false);
    }

    public static ToyFit failed(FailureReason reason, String failure, int iterations) {
        return new ToyFit(Double.NaN, Double.NaN, new double[0], false, iterations, failure, reason, false);
    }
}
