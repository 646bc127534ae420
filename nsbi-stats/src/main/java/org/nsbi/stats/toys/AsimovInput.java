package org.nsbi.stats.toys;

/** Checks the inputs of the samplers: Asimov weights and the true nuisance parameters. */
final class AsimovInput {

    private AsimovInput() {
    }

    /** &Sigma; w, after checking every weight is finite and &ge; 0 and the total is &gt; 0. */
    static double total(double[] w) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException("Asimov weight of event " + i + " is " + w[i]
                        + "; expected a finite weight >= 0");
            }
            sum += w[i];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("the total Asimov weight of " + w.length
                    + " events is 0; expected > 0 (no pseudo-experiment can be drawn)");
        }
        return sum;
    }

    /** a_k = &alpha;_true,k + N(0, 1), into a new array. */
    static double[] aux(double[] alphaTrue, org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler gauss) {
        return aux(alphaTrue, gauss, new double[alphaTrue.length]);
    }

    /** a_k = &alpha;_true,k + N(0, 1), into {@code a} (length K), returned. */
    static double[] aux(double[] alphaTrue, org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler gauss,
                        double[] a) {
        for (int k = 0; k < a.length; k++) {
            a[k] = alphaTrue[k] + gauss.sample();
        }
        return a;
    }
}
