package org.nsbi.stats.validate;

import java.util.Arrays;

/**
 * The calibration of a ratio r = p_num / p_den: both samples binned in the predicted ratio r(x), the ratio of
 * their normalised histograms against the mean predicted ratio in each bin. For any bin B defined by r,
 * P_num(B) = &int;_B r p_den, so the histogram ratio
 * <pre>
 *   h_B = (&Sigma;_{num, B} &#375;) / (&Sigma;_{den, B} &#375;)    equals    r&#772;_B = E_den[ r | B ] = (&Sigma;_{den, B} &#375; r) / (&Sigma;_{den, B} &#375;)
 * </pre>
 * when r is the true ratio (&#375;: weights normalised per sample). Errors: &sigma;_h / h =
 * sqrt( &Sigma;_{num,B} w&sup2; / (&Sigma;_{num,B} w)&sup2; + &Sigma;_{den,B} w&sup2; / (&Sigma;_{den,B} w)&sup2; ) (independent
 * Poisson-like fluctuations of the two bin contents; the normalisations' fluctuations are neglected). The bin edges
 * are weighted quantiles of r on the denominator sample, so each bin holds about the same denominator weight.
 *
 * @param edges     the bin edges in r, {@code bins + 1} increasing values (first and last: the denominator's extremes,
 *                  widened so every event falls in a bin)
 * @param predicted r&#772;_B per bin
 * @param observed  h_B per bin (0 when the numerator has no event in the bin)
 * @param error     &sigma;_h per bin
 */
public record Calibration(double[] edges, double[] predicted, double[] observed, double[] error) {

    /**
     * The calibration histograms of r with {@code bins} bins.
     *
     * @param numWeights weights of the numerator sample's events, {@code numRatios} their predicted ratios
     * @param denWeights weights of the denominator sample's events, {@code denRatios} their predicted ratios
     */
    public static Calibration of(double[] numWeights, double[] numRatios, double[] denWeights, double[] denRatios,
                                 int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins = " + bins + "; expected at least 1");
        }
        Checks.sameLength("numerator weights", numWeights, "numerator ratios", numRatios);
        Checks.sameLength("denominator weights", denWeights, "denominator ratios", denRatios);
        Checks.finite("numerator ratios", numRatios);
        Checks.finite("denominator ratios", denRatios);
        double numTotal = Checks.weights("numerator weights", numWeights);
        double denTotal = Checks.weights("denominator weights", denWeights);
        WeightedQuantile q = WeightedQuantile.of(denRatios, denWeights);
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = q.quantile((double) b / bins);
        }
        edges[0] = Math.min(edges[0], Math.min(min(numRatios), min(denRatios)));
        edges[bins] = Math.max(edges[bins], Math.max(max(numRatios), max(denRatios)));
        edges = distinct(edges);
        int nb = edges.length - 1;
        double[] numW = new double[nb];
        double[] numW2 = new double[nb];
        double[] denW = new double[nb];
        double[] denW2 = new double[nb];
        double[] denWr = new double[nb];
        for (int i = 0; i < numRatios.length; i++) {
            int b = bin(edges, numRatios[i]);
            numW[b] += numWeights[i];
            numW2[b] += numWeights[i] * numWeights[i];
        }
        for (int i = 0; i < denRatios.length; i++) {
            int b = bin(edges, denRatios[i]);
            denW[b] += denWeights[i];
            denW2[b] += denWeights[i] * denWeights[i];
            denWr[b] += denWeights[i] * denRatios[i];
        }
        double[] predicted = new double[nb];
        double[] observed = new double[nb];
        double[] error = new double[nb];
        for (int b = 0; b < nb; b++) {
            if (denW[b] <= 0) {
                predicted[b] = Double.NaN;
                observed[b] = Double.NaN;
                error[b] = Double.NaN;
                continue;
            }
            predicted[b] = denWr[b] / denW[b];
            observed[b] = (numW[b] / numTotal) / (denW[b] / denTotal);
            if (numW[b] > 0) {
                error[b] = observed[b] * Math.sqrt(denW2[b] / (denW[b] * denW[b]) + numW2[b] / (numW[b] * numW[b]));
            } else {
                // an empty numerator bin: the error of one numerator event of average normalised weight 1/n
                error[b] = (1.0 / numRatios.length) / (denW[b] / denTotal);
            }
        }
        return new Calibration(edges, predicted, observed, error);
    }

    /** The number of bins. */
    public int bins() {
        return predicted.length;
    }

    /** (h_B &minus; r&#772;_B) / &sigma;_B per bin (NaN for a bin without denominator weight). */
    public double[] pulls() {
        double[] p = new double[bins()];
        for (int b = 0; b < p.length; b++) {
            p[b] = (observed[b] - predicted[b]) / error[b];
        }
        return p;
    }

    /** &chi;&sup2; = &Sigma;_B pull_B&sup2; over the bins with denominator weight. */
    public double chi2() {
        double s = 0;
        for (double p : pulls()) {
            if (Double.isFinite(p)) {
                s += p * p;
            }
        }
        return s;
    }

    /** The bins with denominator weight (the &chi;&sup2;'s number of terms). */
    public int filledBins() {
        return (int) Arrays.stream(predicted).filter(Double::isFinite).count();
    }

    /**
     * Whether bin b's point measures the calibration: the denominator has weight there (r&#772;_B &gt; 0), the numerator
     * has events there (h_B &gt; 0; an empty numerator bin's h_B = 0 and its error are a convention, not a measurement),
     * and its relative error &sigma;_h / h_B is at most {@link #MAX_USABLE_RELATIVE_ERROR} (beyond, the point's 1&sigma;
     * band reaches 0 and says nothing about r). The plots draw only these bins; &chi;&sup2; keeps them all.
     */
    public boolean usable(int b) {
        return predicted[b] > 0 && observed[b] > 0 && error[b] <= MAX_USABLE_RELATIVE_ERROR * observed[b];
    }

    /** The largest relative error &sigma;_h / h_B of a {@link #usable} bin. */
    public static final double MAX_USABLE_RELATIVE_ERROR = 1.0;

    /** The largest |h_B / r&#772;_B &minus; 1| over the filled bins: the worst relative miscalibration. */
    public double maxRelativeDeviation() {
        double m = 0;
        for (int b = 0; b < bins(); b++) {
            if (Double.isFinite(predicted[b])) {
                m = Math.max(m, Math.abs(observed[b] / predicted[b] - 1));
            }
        }
        return m;
    }

    /** Bin index of r: edges[b] &le; r &lt; edges[b+1], the last bin closed on the right. */
    static int bin(double[] edges, double r) {
        int b = Arrays.binarySearch(edges, r);
        if (b < 0) {
            b = -b - 2;
        }
        return Math.max(0, Math.min(edges.length - 2, b));
    }

    private static double[] distinct(double[] edges) {
        double[] d = Arrays.stream(edges).distinct().toArray();
        return d.length >= 2 ? d : new double[] {d[0], Math.nextUp(d[0])};
    }

    private static double min(double[] x) {
        return Arrays.stream(x).min().orElseThrow();
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElseThrow();
    }
}
