package org.nsbi.stats.adaptive;

/** A critical value t_c(&mu;) fitted across a grid at one confidence level ({@link SmoothCriticalValues}). */
public sealed interface CriticalValueCurve permits SmoothCriticalValue, LocalCriticalValue {

    /** The confidence level. */
    double cl();

    /** The fitted t_c at &mu; (within the grid). */
    double at(double mu);

    /**
     * The toys whose quantile is as precise as the fit at grid point m (for the held-out check's error on the fit).
     *
     * @param totalToys the toys of the whole fit
     */
    double effectiveToys(int m, int totalToys);

    /** True when the value at grid point m is the point's own order statistic (no other toys enter it). */
    default boolean ownOrderStatistic(int m) {
        return false;
    }
}
