package org.nsbi.stats.fit;

import java.util.Arrays;

/**
 * The outcome of one fit: the best point (&mu;, &alpha;), the NLL there, the status, the iterations
 * used (over all starts), the expected distance to the minimum edm = &frac12; g&#7488; H&#8315;&sup1; g over the free
 * parameters, and a message (why it failed, or which start won).
 */
public record FitResult(double mu, double[] alpha, double nll, FitStatus status, int iterations, double edm,
                        String message) {

    public FitResult {
        alpha = alpha.clone();
    }

    public boolean converged() {
        return status == FitStatus.CONVERGED;
    }

    @Override
    public double[] alpha() {
        return alpha.clone();
    }

    static FitResult failed(String message, int iterations) {
        return new FitResult(Double.NaN, new double[0], Double.NaN, FitStatus.FAILED, iterations, Double.NaN, message);
    }

    @Override
    public String toString() {
        return "FitResult[" + status + ", mu = " + mu + ", alpha = " + Arrays.toString(alpha) + ", nll = " + nll
                + ", iterations = " + iterations + ", edm = " + edm + (message == null ? "" : ", " + message) + "]";
    }
}
