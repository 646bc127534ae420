package org.nsbi.stats.belt;

import java.util.Arrays;

/**
 * The critical value t_c at a confidence level CL from the toys' t values (primer section 3): the k-th
 * smallest with k = &lceil;CL&middot;(N+1)&rceil;. For a continuous t, a new draw falls below the k-th of N
 * order statistics with probability k/(N+1), so this k is the smallest with P(t &le; t_c) &ge; CL: the belt does
 * not under-cover by construction (with k = &lceil;CL&middot;N&rceil;, 200 toys would cover 95.02% at 95.45%).
 * When k &gt; N there are too few toys for the level: t_c = +&infin; and {@link #tooFewToys()} is true.
 * Failed toys count in N with t = +&infin;, so they can only raise t_c: the belt is conservative about
 * them, never optimistic. If the k-th toy is a failed one, t_c = +&infin;.
 *
 * <p>Monte Carlo uncertainty: the number of toys below the true quantile is Binomial(N, CL), with
 * standard deviation &sigma; = &radic;(N&middot;CL&middot;(1&minus;CL)); the order statistics at k &mp; &sigma; bound t_c at about 68%
 * (the usual distribution-free confidence band of a quantile).
 *
 * @param t  t_c
 * @param lo the order statistic at k &minus; &sigma;
 * @param hi the order statistic at k + &sigma;
 * @param tooFewToys true when k = &lceil;CL&middot;(N+1)&rceil; &gt; N (then t = +&infin;)
 */
public record CriticalValue(double t, double lo, double hi, boolean tooFewToys) {

    /**
     * @param tValues the converged toys' t (NaN values are not allowed here: count them as failed)
     * @param failed  the number of toys whose fits failed
     * @param cl      the confidence level in (0, 1)
     */
    public static CriticalValue of(double[] tValues, int failed, double cl) {
        if (!(cl > 0 && cl < 1)) {
            throw new IllegalArgumentException("confidence level " + cl + "; expected a value in (0, 1)");
        }
        int n = tValues.length + failed;
        if (n == 0) {
            throw new IllegalArgumentException("no toys; expected at least one to compute a critical value");
        }
        double[] sorted = tValues.clone();
        for (double v : sorted) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("a t value is NaN; failed toys must be counted in 'failed'");
            }
        }
        Arrays.sort(sorted);
        int k = Math.max(1, rank(n, cl));
        double sigma = Math.sqrt(n * cl * (1 - cl));
        int kLo = Math.max(1, Math.min(n, (int) Math.floor(k - sigma)));
        int kHi = Math.min(n, (int) Math.ceil(k + sigma));
        return new CriticalValue(order(sorted, k), order(sorted, kLo), order(sorted, kHi), k > n);
    }

    /** k = &lceil;CL&middot;(N+1)&rceil;, the rank of t_c among N toys (may exceed N). */
    public static int rank(int n, double cl) {
        return (int) Math.ceil(cl * (n + 1) - 1e-9);
    }

    /** The k-th smallest (1-based), failed toys at +&infin; above all converged ones, +&infin; beyond N. */
    private static double order(double[] sorted, int k) {
        return k <= sorted.length ? sorted[k - 1] : Double.POSITIVE_INFINITY;
    }
}
