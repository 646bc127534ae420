package org.nsbi.stats.fit;

import java.util.Arrays;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.nsbi.stats.likelihood.NonPositiveDensityException;
import org.nsbi.stats.likelihood.Nll;

/**
 * The post-fit errors of the nuisance parameters, as HESSE gives them: &sigma;_k = &radic;(H&#8315;&sup1;)_kk, with H the
 * Hessian of the NLL at the global fit's minimum (&mu;&#770;, &alpha;&#770;), &mu; profiled with them. A parameter on a bound
 * of its range (&mu;&#770; at the end of the poi's range, an &alpha;&#770;_k flagged {@link FitResult#alphaAtBound()}) is
 * not at a stationary point, so the curvature there says nothing about its error: it is held at its value, its
 * &sigma; is NaN, and the others' errors are those of the remaining free parameters (the inverse of H restricted
 * to them). The &alpha; block of H&#8315;&sup1; does not depend on whether the poi is fitted in &mu; or &radic;&mu;.
 *
 * @param alphaError &sigma;_k per nuisance parameter, in the model's order (NaN on a bound, or when H is not
 *                   positive definite)
 * @param problem    null, or why the errors are NaN (the Hessian is not positive definite, a density &le; 0)
 */
public record HessianErrors(double[] alphaError, String problem) {

    public HessianErrors {
        alphaError = alphaError.clone();
    }

    @Override
    public double[] alphaError() {
        return alphaError.clone();
    }

    /**
     * The errors at {@code fit}, a converged global fit of {@code nll}.
     *
     * @throws IllegalArgumentException if the fit did not converge
     */
    public static HessianErrors of(Nll nll, FitResult fit) {
        if (!fit.converged()) {
            throw new IllegalArgumentException("errors need a converged fit: " + fit);
        }
        int d = nll.dimension();
        int k = d - 1;
        double[] theta = new double[d];
        theta[0] = nll.p(fit.mu());
        System.arraycopy(fit.alpha(), 0, theta, 1, k);
        double[] grad = new double[d];
        double[] hess = new double[d * d];
        double[] nan = new double[k];
        Arrays.fill(nan, Double.NaN);
        try {
            nll.evaluate(theta, grad, hess);
        } catch (NonPositiveDensityException e) {
            return new HessianErrors(nan, "the NLL cannot be evaluated at the minimum: " + e.getMessage());
        }
        boolean[] free = new boolean[d];
        free[0] = fit.mu() > nll.model().muMin() && fit.mu() < nll.model().muMax();
        boolean[] atBound = fit.alphaAtBound();
        for (int a = 1; a < d; a++) {
            free[a] = !atBound[a - 1];
        }
        int[] index = new int[d];
        int nf = 0;
        for (int a = 0; a < d; a++) {
            if (free[a]) {
                index[nf++] = a;
            }
        }
        if (nf == 0) {
            return new HessianErrors(nan, null);
        }
        RealMatrix h = MatrixUtils.createRealMatrix(nf, nf);
        for (int i = 0; i < nf; i++) {
            for (int j = 0; j < nf; j++) {
                h.setEntry(i, j, hess[index[i] * d + index[j]]);
            }
        }
        RealMatrix inverse;
        try {
            inverse = new CholeskyDecomposition(h, 1e-10, 0).getSolver().getInverse();
        } catch (NonPositiveDefiniteMatrixException e) {
            return new HessianErrors(nan, "the Hessian of the NLL at the global minimum is not positive definite");
        }
        double[] sigma = nan.clone();
        for (int i = 0; i < nf; i++) {
            if (index[i] > 0) {
                sigma[index[i] - 1] = Math.sqrt(inverse.getEntry(i, i));
            }
        }
        return new HessianErrors(sigma, null);
    }
}
