package org.nsbi.stats.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.junit.jupiter.api.Test;

/**
 * The global fit's starts (issue 12 item 3), on constructed likelihoods where only one start finds the global
 * minimum: NLL(&mu;, &alpha;) = W(&mu;) &minus; &alpha; c(&mu;) + &frac12;&alpha;&sup2;, whose profile is W &minus; c&sup2;/2 at
 * &alpha;&#770;&#770; = c(&mu;), so the exact global minimum is a one-dimensional minimisation (Brent).
 * <ul>
 * <li>A window that keeps only the lowest scan minima drops the start that matters: at &alpha; = 0 the scan's
 * minimum in the global minimum's basin is the <em>highest</em> of three.</li>
 * <li>Skipping the scan at the conditional fit's &alpha;&#770;&#770; loses it: at &alpha; = 0 its basin has no minimum at all.</li>
 * </ul>
 */
class GlobalFitStartsTest {

    /** W, W', W'' and c, c', c'' of the constructed NLL, and its value/gradient/Hessian in (&mu;, &alpha;). */
    private static final class ConstructedNll extends SurfaceNll {
        private final DoubleUnaryOperator[] w;
        private final DoubleUnaryOperator[] c;

        ConstructedNll(DoubleUnaryOperator[] w, DoubleUnaryOperator[] c) {
            super((mu, a, grad, hess) -> {
                double cm = c[0].applyAsDouble(mu);
                if (grad != null) {
                    grad[0] = w[1].applyAsDouble(mu) - a * c[1].applyAsDouble(mu);
                    grad[1] = a - cm;
                }
                if (hess != null) {
                    hess[0] = w[2].applyAsDouble(mu) - a * c[2].applyAsDouble(mu);
                    hess[1] = -c[1].applyAsDouble(mu);
                    hess[2] = hess[1];
                    hess[3] = 1;
                }
                return w[0].applyAsDouble(mu) - a * cm + 0.5 * a * a;
            });
            this.w = w;
            this.c = c;
        }

        double profile(double mu) {
            double cm = c[0].applyAsDouble(mu);
            return w[0].applyAsDouble(mu) - 0.5 * cm * cm;
        }
    }

    /** A Gaussian bump h exp(&minus;(&mu; &minus; m)&sup2; / (2 s&sup2;)) with its two derivatives. */
    private static DoubleUnaryOperator[] bump(double h, double m, double s) {
        DoubleUnaryOperator f = x -> h * Math.exp(-(x - m) * (x - m) / (2 * s * s));
        return new DoubleUnaryOperator[] {f, x -> -(x - m) / (s * s) * f.applyAsDouble(x),
                x -> ((x - m) * (x - m) / (s * s * s * s) - 1 / (s * s)) * f.applyAsDouble(x)};
    }

    /** The exact global minimum: Brent on the profile around each of the given guesses, the lowest. */
    private static UnivariatePointValuePair exactMinimum(ConstructedNll nll, double... around) {
        UnivariatePointValuePair best = null;
        for (double m : around) {
            UnivariatePointValuePair p = new BrentOptimizer(1e-13, 1e-14).optimize(new MaxEval(10_000),
                    new UnivariateObjectiveFunction(nll::profile), GoalType.MINIMIZE,
                    new SearchInterval(Math.max(0, m - 1), Math.min(10, m + 1), m));
            if (best == null || p.getValue() < best.getValue()) {
                best = p;
            }
        }
        return best;
    }

    /**
     * Three wells at &mu; &asymp; 1, 4, 7 on a rising slope, W = 1.5 (1 &minus; cos(2&pi;(&mu; &minus; 1)/3)) + 0.5 (&mu; &minus; 1); c a
     * bump of height 3 at &mu; = 7. At &alpha; = 0 the scan's minima rank 1, 4, 7 (NLL about 0, 1.5, 3); profiled, the
     * well at 7 is lowest (about 3 &minus; 4.5). Only Newton from the highest scan minimum reaches it.
     */
    @Test
    void everyScanMinimumIsAStartEvenTheHighest() {
        double k = 2 * Math.PI / 3;
        DoubleUnaryOperator[] w = {x -> 1.5 * (1 - Math.cos(k * (x - 1))) + 0.5 * (x - 1),
                x -> 1.5 * k * Math.sin(k * (x - 1)) + 0.5, x -> 1.5 * k * k * Math.cos(k * (x - 1))};
        ConstructedNll nll = new ConstructedNll(w, bump(3, 7, 0.4));
        double[] scan = nll.valuesAtFixedAlpha(new double[1], new double[] {1, 4, 7});
        assertTrue(scan[0] < scan[1] && scan[1] < scan[2], "at alpha = 0 the well at 7 is the highest of the three");
        UnivariatePointValuePair exact = exactMinimum(nll, 1, 4, 7);
        assertTrue(Math.abs(exact.getPoint() - 7) < 0.5, "the global minimum is in the well at 7: " + exact.getPoint());
        FitResult g = ProfileFitter.withDefaults().global(nll);
        assertTrue(g.converged(), g.toString());
        assertEquals(exact.getPoint(), g.mu(), 1e-5, g.toString());
        assertEquals(exact.getValue(), g.nll(), 1e-9, g.toString());
    }

    /**
     * One well at &mu; &asymp; 1 at &alpha; = 0 (W = 2 (1 &minus; e^(&minus;(&mu;&minus;1)&sup2;/2)) + 0.05 &mu;); c a narrow bump of height 3 at &mu; = 7
     * that only makes a well where &alpha; is large. The conditional fit at &mu; = 7 has &alpha;&#770;&#770; = 3; the scan at that
     * &alpha; has the well, and the global fit started from that conditional fit (the scan's minima only, as the toys
     * do) must find it.
     */
    @Test
    void theScanAtTheConditionalFitsAlphaFindsAMinimumTheNominalScanHasNot() {
        DoubleUnaryOperator[] w = {x -> 2 * (1 - Math.exp(-(x - 1) * (x - 1) / 2)) + 0.05 * x,
                x -> 2 * (x - 1) * Math.exp(-(x - 1) * (x - 1) / 2) + 0.05,
                x -> 2 * (1 - (x - 1) * (x - 1)) * Math.exp(-(x - 1) * (x - 1) / 2)};
        ConstructedNll nll = new ConstructedNll(w, bump(3, 7, 0.5));
        double[] mus = new double[101];
        for (int i = 0; i < mus.length; i++) {
            mus[i] = i * 0.1;
        }
        double[] nominal = nll.valuesAtFixedAlpha(new double[1], mus);
        for (int i = 11; i < mus.length; i++) {
            assertTrue(nominal[i] > nominal[i - 1], "at alpha = 0 the NLL rises beyond mu = 1 (no well at 7): mu = " + mus[i]);
        }
        FitResult conditional = ProfileFitter.withDefaults().conditional(nll, 7.0);
        assertEquals(3, conditional.alpha()[0], 1e-6, conditional.toString());
        UnivariatePointValuePair exact = exactMinimum(nll, 1, 7);
        assertTrue(Math.abs(exact.getPoint() - 7) < 0.5, "the global minimum is in the well at 7: " + exact.getPoint());
        FitResult g = ProfileFitter.withDefaults().globalFromScan(nll, new double[] {7.0, conditional.alpha()[0]});
        assertTrue(g.converged(), g.toString());
        assertEquals(exact.getPoint(), g.mu(), 1e-5, g.toString());
        assertEquals(exact.getValue(), g.nll(), 1e-9, g.toString());
    }
}
