package org.nsbi.stats.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The outcome of one fit: the best point (&mu;, &alpha;), the NLL there, the status, the iterations
 * used (over all starts), the expected distance to the minimum edm = &frac12; g&#7488; H&#8315;&sup1; g over the free
 * parameters, a message (why it failed, or which start won), the failure's {@link FailureReason} (null when
 * converged), and which nuisance parameters ended on a bound of their range ({@code alphaAtBound[k]}).
 * A converged fit with a parameter on a bound is the minimum within the bounds, not the unbounded one: the
 * caller flags it ({@link #atBound()}).
 */
public record FitResult(double mu, double[] alpha, double nll, FitStatus status, int iterations, double edm,
                        String message, FailureReason reason, boolean[] alphaAtBound) {

    public FitResult {
        alpha = alpha.clone();
        alphaAtBound = alphaAtBound.clone();
        if ((status == FitStatus.FAILED) != (reason != null)) {
            throw new IllegalArgumentException("a failed fit needs a reason, a converged one none: " + status + ", " + reason);
        }
    }

    public boolean converged() {
        return status == FitStatus.CONVERGED;
    }

    @Override
    public double[] alpha() {
        return alpha.clone();
    }

    @Override
    public boolean[] alphaAtBound() {
        return alphaAtBound.clone();
    }

    /** True when a nuisance parameter ended on a bound of its range. */
    public boolean atBound() {
        for (boolean b : alphaAtBound) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** The names of the parameters on a bound, from the model's list of nuisance parameters. */
    public List<String> atBoundNames(List<String> nuisances) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < alphaAtBound.length; k++) {
            if (alphaAtBound[k]) {
                out.add(nuisances.get(k) + " = " + alpha[k]);
            }
        }
        return out;
    }

    static FitResult failed(FailureReason reason, String message, int iterations) {
        return new FitResult(Double.NaN, new double[0], Double.NaN, FitStatus.FAILED, iterations, Double.NaN, message,
                reason, new boolean[0]);
    }

    @Override
    public String toString() {
        return "FitResult[" + status + (reason == null ? "" : " (" + reason.code() + ")") + ", mu = " + mu + ", alpha = "
                + Arrays.toString(alpha) + (atBound() ? ", at bound " + Arrays.toString(alphaAtBound) : "") + ", nll = " + nll
                + ", iterations = " + iterations + ", edm = " + edm + (message == null ? "" : ", " + message) + "]";
    }
}
