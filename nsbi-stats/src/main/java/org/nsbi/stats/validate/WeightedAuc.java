package org.nsbi.stats.validate;

import java.util.Arrays;

/**
 * The area under the ROC curve of a classifier's scores on weighted events of two classes, by the weighted
 * Mann-Whitney statistic:
 * <pre>
 *   AUC = &Sigma;_{i in 1} &Sigma;_{j in 0} w_i w_j ( [s_i &gt; s_j] + &frac12; [s_i = s_j] ) / ( W_1 W_0 )
 * </pre>
 * computed in O(n log n) by sorting the scores (tied scores count one half). AUC = 0.5 when the score cannot tell
 * the classes apart. Its spread under that null, for effective sizes n_e = (&Sigma; w)&sup2; / &Sigma; w&sup2;, is the
 * Mann-Whitney &sigma; = sqrt( (n_1 + n_0 + 1) / (12 n_1 n_0) ) ({@link #nullSigma}).
 */
public final class WeightedAuc {

    private WeightedAuc() {
    }

    /**
     * The AUC of {@code scores} for events of {@code label} (1 or 0) and weights {@code weights}.
     *
     * @throws IllegalArgumentException for a label other than 0 or 1, a NaN score, a bad weight, or a class
     *                                  without weight
     */
    public static double of(double[] scores, int[] labels, double[] weights) {
        Checks.sameLength("scores", scores, "weights", weights);
        if (labels.length != scores.length) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries and scores has "
                    + scores.length + "; expected one per event in both");
        }
        Checks.finite("scores", scores);
        Checks.weights("weights", weights);
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + "; expected 0 or 1");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double w0Below = 0; // class-0 weight with a strictly lower score
        double sum = 0;
        double w1 = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            double tie1 = 0;
            double tie0 = 0;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                int e = order[j];
                if (labels[e] == 1) {
                    tie1 += weights[e];
                } else {
                    tie0 += weights[e];
                }
                j++;
            }
            sum += tie1 * (w0Below + 0.5 * tie0);
            w0Below += tie0;
            w1 += tie1;
            i = j;
        }
        if (!(w1 > 0) || !(w0Below > 0)) {
            throw new IllegalArgumentException("class weights are " + w1 + " (label 1) and " + w0Below
                    + " (label 0); expected both classes to have positive weight");
        }
        return sum / (w1 * w0Below);
    }

    /** n_e = (&Sigma; w)&sup2; / &Sigma; w&sup2;, the effective number of events of a weighted sample. */
    public static double effectiveSize(double[] weights) {
        double s = 0;
        double s2 = 0;
        for (double w : weights) {
            s += w;
            s2 += w * w;
        }
        return s * s / s2;
    }

    /** The standard deviation of the AUC of an uninformative score: sqrt( (n_1 + n_0 + 1) / (12 n_1 n_0) ). */
    public static double nullSigma(double n1, double n0) {
        return Math.sqrt((n1 + n0 + 1) / (12 * n1 * n0));
    }
}
