package org.nsbi.stats.adaptive;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.nsbi.stats.belt.CriticalValue;

/**
 * The Monte Carlo uncertainty of a critical value estimated from N toys, distribution-free (order statistics).
 *
 * <p>t_c is the k-th smallest of N toys, k = &lceil;CL&middot;(N+1)&rceil; ({@link CriticalValue#rank}). For a continuous t
 * with CDF F, F(t_(k)) follows Beta(k, N+1&minus;k) exactly: the <em>coverage</em> that t_c delivers scatters around
 * k/(N+1) with standard deviation {@link #coverageSd}, which is the precision of the point in coverage-probability
 * units (what {@code --target-precision} asks for).
 *
 * <p>Whether the observed t(&mu;) lies below or above the true critical value q (the CL-quantile of t) is decided
 * from j, the number of toys with t &le; t_obs: j ~ Binomial(N, F(t_obs)), and t_obs &lt; q exactly when F(t_obs) &lt; CL.
 * "Certainly inside" is j &le; {@link #insideAtMost} and "certainly outside" is j &ge; {@link #outsideFrom}, the
 * binomial tails at CL beyond a one-sided normal p-value &Phi;(&minus;s) for s = {@code --signif}: the decision is
 * wrong with probability at most &Phi;(&minus;s). In t, this is t_obs outside the order-statistic band
 * [t_(a+1), t_(b)] around t_c, about k &mp; s&middot;&radic;(N&middot;CL&middot;(1&minus;CL)): |t_obs &minus; t_c| beyond s times the band.
 * Failed toys (t = +&infin;) are never &le; t_obs, as in the belt.
 */
public final class OrderStatisticBand {

    private OrderStatisticBand() {
    }

    /**
     * The standard deviation of F(t_(k)), the coverage of the estimated t_c: &radic;(k(N+1&minus;k) / ((N+1)&sup2;(N+2))),
     * the Beta(k, N+1&minus;k) standard deviation; +&infin; when k &gt; N (too few toys for the level).
     */
    public static double coverageSd(int n, double cl) {
        int k = CriticalValue.rank(n, cl);
        if (k > n) {
            return Double.POSITIVE_INFINITY;
        }
        double a = k;
        double b = n + 1.0 - k;
        return Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
    }

    /** The one-sided tail &Phi;(&minus;s) of a significance s in standard deviations. */
    public static double tail(double signif) {
        if (!(signif > 0)) {
            throw new IllegalArgumentException("signif = " + signif + "; expected a positive number of standard deviations");
        }
        return new NormalDistribution(0, 1).cumulativeProbability(-signif);
    }

    /**
     * The largest a with P(Binomial(N, CL) &le; a) &le; &Phi;(&minus;s): j &le; a toys below t_obs make t_obs &lt; q certain;
     * &minus;1 when no count is small enough.
     */
    public static int insideAtMost(int n, double cl, double signif) {
        BinomialDistribution d = new BinomialDistribution(null, n, cl);
        double tail = tail(signif);
        int x = d.inverseCumulativeProbability(tail); // the smallest x with P(X <= x) >= tail
        return d.cumulativeProbability(x) <= tail ? x : x - 1;
    }

    /**
     * The smallest b with P(Binomial(N, CL) &ge; b) &le; &Phi;(&minus;s): j &ge; b toys below t_obs make t_obs &gt; q certain;
     * N + 1 when no count is large enough.
     */
    public static int outsideFrom(int n, double cl, double signif) {
        BinomialDistribution d = new BinomialDistribution(null, n, cl);
        // P(X >= b) = 1 - P(X <= b - 1) <= tail: b - 1 is the smallest y with P(X <= y) >= 1 - tail
        return d.inverseCumulativeProbability(1 - tail(signif)) + 1;
    }

    /** The decision at one point and level, from the toys' t (NaN or +&infin; for failed toys). */
    public enum Decision {
        /** t_obs below the critical value beyond the band: &mu; is in the interval. */
        INSIDE,
        /** t_obs above the critical value beyond the band: &mu; is outside. */
        OUTSIDE,
        /** Not decided by these toys. */
        OPEN
    }

    /**
     * Decides whether t_obs is below or above the CL-quantile of the toys' t.
     *
     * @param t all toys' t at the point, failed ones NaN or +&infin;
     */
    public static Decision decide(double[] t, double tObs, double cl, double signif) {
        int j = 0;
        for (double v : t) {
            if (v <= tObs) {
                j++;
            }
        }
        if (j <= insideAtMost(t.length, cl, signif)) {
            return Decision.INSIDE;
        }
        if (j >= outsideFrom(t.length, cl, signif)) {
            return Decision.OUTSIDE;
        }
        return Decision.OPEN;
    }
}
