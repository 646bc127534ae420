package org.nsbi.stats.validate;

import java.util.Arrays;

/**
 * Quantiles of a weighted sample, by the inverse of its empirical distribution function: with the values sorted,
 * x_(1) &le; ... &le; x_(n), and their weights W_j = w_(1) + ... + w_(j), the q-quantile is the smallest x_(j)
 * with W_j &ge; q &middot; W_n (the "inverted CDF" definition; with equal weights it is the nearest-rank
 * quantile). Commons Math 3.6.1's {@code Percentile} has no weights, hence this class.
 */
public final class WeightedQuantile {

    private final double[] sorted;
    private final double[] cumulative;

    private WeightedQuantile(double[] sorted, double[] cumulative) {
        this.sorted = sorted;
        this.cumulative = cumulative;
    }

    /**
     * The distribution of {@code values} with {@code weights} (finite values, weights &ge; 0, total &gt; 0).
     *
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static WeightedQuantile of(double[] values, double[] weights) {
        Checks.sameLength("values", values, "weights", weights);
        Checks.finite("values", values);
        Checks.weights("weights", weights);
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] sorted = new double[values.length];
        double[] cumulative = new double[values.length];
        double sum = 0;
        for (int j = 0; j < order.length; j++) {
            sorted[j] = values[order[j]];
            sum += weights[order[j]];
            cumulative[j] = sum;
        }
        return new WeightedQuantile(sorted, cumulative);
    }

    /** The q-quantile, 0 &le; q &le; 1 (q = 0 gives the smallest value of positive weight or the minimum). */
    public double quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q = " + q + "; expected a probability in [0, 1]");
        }
        double target = q * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] >= target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return sorted[lo];
    }

    /** Several quantiles at once. */
    public double[] quantiles(double... q) {
        double[] out = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            out[i] = quantile(q[i]);
        }
        return out;
    }
}
