package org.nsbi.stats.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.likelihood.TestModels;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

class HessianErrorsTest {

    private static final ProfileFitter FITTER = ProfileFitter.withDefaults();

    /** A Poisson count (s mu + b, n events) and one nuisance parameter that nothing depends on: its NLL is &frac12;(&alpha; &minus; a)&sup2;. */
    @Test
    void aParameterNothingDependsOnHasItsPriorErrorOfOne() {
        MixtureModel model = MixtureModel.of(List.of(
                Process.unaffected("S", 4, Coefficient.parse("mu"), 1),
                Process.unaffected("B", 3, Coefficient.parse("1"), 1)), List.of("idle"), "mu", 0, 20);
        int n = 9;
        float[] ones = new float[n];
        java.util.Arrays.fill(ones, 1f);
        EventTable events = EventTable.of(model, ones, new float[][] {ones, ones}, null, null);
        Nll nll = Nll.of(model, events, null, new double[] {0.4});
        FitResult g = FITTER.global(nll);
        assertTrue(g.converged(), g.toString());
        assertEquals(0.4, g.alpha()[0], 1e-6);
        HessianErrors e = HessianErrors.of(nll, g);
        assertNull(e.problem());
        assertEquals(1.0, e.alphaError()[0], 1e-12);
    }

    /**
     * Asimov data of the off-shell-like model (3 nuisance parameters, correlated with &mu; through the yields): &sigma;_k
     * against the diagonal of the inverse of a finite-difference Hessian of the NLL's value in (&mu;, &alpha;), inverted
     * by Commons Math's LU decomposition. The model fits in &radic;&mu;, the check in &mu;: the &alpha; errors do not depend
     * on it. The correlations matter: 1/&radic;H_kk differs from &sigma;_k.
     */
    @Test
    void theErrorsAreTheDiagonalOfTheInverseOfTheFiniteDifferenceHessian() {
        MixtureModel model = TestModels.offshellLike();
        EventTable reference = TestModels.randomEvents(model, 600, 21);
        double[] truth = {0.3, -0.4, 0.2};
        Nll nll = Nll.of(model, reference, AsimovWeights.compute(model, reference, 1.2, truth).weights(), truth);
        FitResult g = FITTER.global(nll);
        assertTrue(g.converged(), g.toString());
        assertFalse(g.atBound());
        HessianErrors e = HessianErrors.of(nll, g);
        assertNull(e.problem());
        double[] x = new double[4];
        x[0] = g.mu();
        System.arraycopy(g.alpha(), 0, x, 1, 3);
        RealMatrix h = finiteDifferenceHessian(nll, x, new boolean[] {true, true, true, true});
        RealMatrix inverse = new LUDecomposition(h).getSolver().getInverse();
        double largestCorrelationEffect = 0;
        for (int k = 0; k < 3; k++) {
            double expected = Math.sqrt(inverse.getEntry(k + 1, k + 1));
            assertEquals(expected, e.alphaError()[k], 1e-5 * expected, "sigma of " + model.nuisances().get(k));
            largestCorrelationEffect = Math.max(largestCorrelationEffect,
                    Math.abs(expected * Math.sqrt(h.getEntry(k + 1, k + 1)) - 1));
        }
        assertTrue(largestCorrelationEffect > 1e-2, "the test needs correlated parameters: " + largestCorrelationEffect);
    }

    /**
     * A parameter pinned on a bound of its range has no error (NaN); the others' are those with it held: the
     * inverse of the finite-difference Hessian without its row and column.
     */
    @Test
    void aParameterOnABoundIsHeldAndTheOthersErrorsAreConditionalOnIt() {
        MixtureModel model = TestModels.offshellLike().withNuisanceBounds(new double[] {-5, -5, -5}, new double[] {5, 0.3, 5});
        EventTable reference = TestModels.randomEvents(model, 600, 22);
        double[] truth = {0.1, 1.0, 0.0};
        Nll nll = Nll.of(model, reference, AsimovWeights.compute(model, reference, 1.0, truth).weights(), truth);
        FitResult g = FITTER.global(nll);
        assertTrue(g.converged(), g.toString());
        assertTrue(g.alphaAtBound()[1], "norm ends on its bound 0.3: " + g);
        HessianErrors e = HessianErrors.of(nll, g);
        assertTrue(Double.isNaN(e.alphaError()[1]));
        double[] x = new double[4];
        x[0] = g.mu();
        System.arraycopy(g.alpha(), 0, x, 1, 3);
        RealMatrix h = finiteDifferenceHessian(nll, x, new boolean[] {true, true, false, true});
        RealMatrix inverse = new LUDecomposition(h).getSolver().getInverse();
        assertEquals(Math.sqrt(inverse.getEntry(1, 1)), e.alphaError()[0], 1e-5 * Math.sqrt(inverse.getEntry(1, 1)));
        assertEquals(Math.sqrt(inverse.getEntry(2, 2)), e.alphaError()[2], 1e-5 * Math.sqrt(inverse.getEntry(2, 2)));
    }

    /**
     * A bound from the truth: on Asimov data of a model that closes exactly (&Sigma;&#375; &lambda;(&theta;) = &nu;(&theta;) at every
     * &theta;), the data part of the Hessian at the truth is the Fisher information, positive semi-definite, so no post-fit
     * &sigma; exceeds the prior width 1. The off-shell-like model closes exactly with its shape factors normalised per
     * process (shape_normalisation: per_event); without it, the shape factors' mean is not 1 at second order in &alpha;
     * and a &sigma; above 1 is possible, as here.
     */
    @Test
    void onAsimovDataOfAModelThatClosesNoErrorExceedsThePrior() {
        MixtureModel plain = TestModels.offshellLike();
        EventTable reference = TestModels.randomEvents(plain, 600, 23);
        MixtureModel normalised = plain.withNormalisedShapes(new boolean[] {true, false, true})
                .withShapeNormalisationFrom(reference);
        double[] truth = {0.3, -0.4, 0.2};
        double largestPlain = 0;
        for (MixtureModel model : List.of(plain, normalised)) {
            Nll nll = Nll.of(model, reference, AsimovWeights.compute(model, reference, 1.2, truth).weights(), truth);
            FitResult g = FITTER.global(nll);
            assertTrue(g.converged(), g.toString());
            double[] sigma = HessianErrors.of(nll, g).alphaError();
            for (int k = 0; k < sigma.length; k++) {
                if (model == normalised) {
                    assertTrue(sigma[k] <= 1 + 1e-9, model.nuisances().get(k) + ": sigma " + sigma[k] + " > 1");
                } else {
                    largestPlain = Math.max(largestPlain, sigma[k]);
                }
            }
        }
        assertTrue(largestPlain > 1, "without the normalisation a sigma exceeds 1: " + largestPlain);
    }

    /**
     * Central second differences of the NLL's value in (&mu;, &alpha;) over the parameters {@code used} (in their order),
     * step 1e-3 (smaller steps lose digits to rounding: the NLL is ~10^3, H ~ 1).
     */
    private static RealMatrix finiteDifferenceHessian(Nll nll, double[] x, boolean[] used) {
        int[] idx = java.util.stream.IntStream.range(0, x.length).filter(a -> used[a]).toArray();
        double step = 1e-3;
        RealMatrix h = MatrixUtils.createRealMatrix(idx.length, idx.length);
        for (int i = 0; i < idx.length; i++) {
            for (int j = 0; j < idx.length; j++) {
                double f = 0;
                for (int si = -1; si <= 1; si += 2) {
                    for (int sj = -1; sj <= 1; sj += 2) {
                        double[] y = x.clone();
                        y[idx[i]] += si * step;
                        y[idx[j]] += sj * step;
                        f += si * sj * value(nll, y);
                    }
                }
                h.setEntry(i, j, f / (4 * step * step));
            }
        }
        return h;
    }

    private static double value(Nll nll, double[] x) {
        return nll.value(x[0], java.util.Arrays.copyOfRange(x, 1, x.length));
    }
}
