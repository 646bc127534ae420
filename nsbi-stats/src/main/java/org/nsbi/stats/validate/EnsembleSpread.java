package org.nsbi.stats.validate;

/**
 * How much the K members of an ensemble disagree, event by event: the relative standard deviation of the members'
 * ratios,
 * <pre>
 *   s(x) = sqrt( &Sigma;_k (r_k(x) &minus; r&#772;(x))&sup2; / (K &minus; 1) ) / r&#772;(x),    r&#772;(x) = &Sigma;_k r_k(x) / K
 * </pre>
 * summarised over a weighted sample by its weighted mean and its 50%, 90% and 99% quantiles.
 *
 * @param members K
 * @param mean    &Sigma; w s / &Sigma; w
 * @param median  the weighted median of s
 * @param p90     the weighted 90% quantile of s
 * @param p99     the weighted 99% quantile of s
 */
public record EnsembleSpread(int members, double mean, double median, double p90, double p99) {

    /** s(x_i) for every event, from {@code memberRatios[k][i]} (K &ge; 2 members). */
    public static double[] perEvent(double[][] memberRatios) {
        int k = memberRatios.length;
        if (k < 2) {
            throw new IllegalArgumentException(k + " ensemble member(s); expected at least 2 for a spread");
        }
        int n = memberRatios[0].length;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (double[] r : memberRatios) {
                mean += r[i];
            }
            mean /= k;
            double var = 0;
            for (double[] r : memberRatios) {
                var += (r[i] - mean) * (r[i] - mean);
            }
            s[i] = Math.sqrt(var / (k - 1)) / mean;
        }
        return s;
    }

    /** The summary of the per-event spreads {@code s} with weights {@code w}. */
    public static EnsembleSpread summarise(int members, double[] s, double[] w) {
        Checks.sameLength("spreads", s, "weights", w);
        double total = Checks.weights("weights", w);
        Checks.finite("spreads", s);
        double mean = 0;
        for (int i = 0; i < s.length; i++) {
            mean += w[i] * s[i];
        }
        double[] q = WeightedQuantile.of(s, w).quantiles(0.5, 0.9, 0.99);
        return new EnsembleSpread(members, mean / total, q[0], q[1], q[2]);
    }
}
