package org.nsbi.stats.validate;

/**
 * How far a learned ratio is from the exact one, event by event: d(x) = log r_nn(x) &minus; log r_exact(x), over a
 * weighted sample of the ratio's denominator, summarised as
 * <pre>
 *   mean |d| = &Sigma; w |d| / &Sigma; w,   the weighted 99% quantile of |d|,   mean d (the bias),   rms d
 * </pre>
 * (the fixtures' quality report gives mean |d| and rms d on 10&#8309; held-out events).
 *
 * @param meanAbs mean |d|
 * @param p99Abs  the 99% quantile of |d|
 * @param mean    mean d
 * @param rms     sqrt(&Sigma; w d&sup2; / &Sigma; w)
 */
public record LogRatioError(double meanAbs, double p99Abs, double mean, double rms) {

    /** d(x_i) for every event. */
    public static double[] perEvent(double[] learned, double[] exact) {
        Checks.sameLength("learned ratios", learned, "exact ratios", exact);
        Checks.positive("learned ratios", learned);
        Checks.positive("exact ratios", exact);
        double[] d = new double[learned.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.log(learned[i]) - Math.log(exact[i]);
        }
        return d;
    }

    /** The summary of d over events of weights w. */
    public static LogRatioError of(double[] learned, double[] exact, double[] w) {
        double[] d = perEvent(learned, exact);
        Checks.sameLength("log-ratio differences", d, "weights", w);
        double total = Checks.weights("weights", w);
        double[] abs = new double[d.length];
        double meanAbs = 0;
        double mean = 0;
        double sq = 0;
        for (int i = 0; i < d.length; i++) {
            abs[i] = Math.abs(d[i]);
            meanAbs += w[i] * abs[i];
            mean += w[i] * d[i];
            sq += w[i] * d[i] * d[i];
        }
        return new LogRatioError(meanAbs / total, WeightedQuantile.of(abs, w).quantile(0.99), mean / total,
                Math.sqrt(sq / total));
    }
}
