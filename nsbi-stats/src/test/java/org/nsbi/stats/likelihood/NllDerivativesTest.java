package org.nsbi.stats.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/** The analytic gradient and Hessian against finite differences (Richardson-extrapolated central differences). */
class NllDerivativesTest {

    private static double fd(Nll nll, double[] theta, int a, double step) {
        double d1 = central(nll, theta, a, step);
        double d2 = central(nll, theta, a, step / 2);
        return (4 * d2 - d1) / 3;
    }

    private static double central(Nll nll, double[] theta, int a, double step) {
        double[] tp = theta.clone();
        double[] tm = theta.clone();
        tp[a] += step;
        tm[a] -= step;
        return (nll.evaluate(tp, null, null) - nll.evaluate(tm, null, null)) / (2 * step);
    }

    private static double fdGrad(Nll nll, double[] theta, int a, int b, double step) {
        int d = theta.length;
        double[] gp = new double[d];
        double[] gm = new double[d];
        double[] tp = theta.clone();
        double[] tm = theta.clone();
        tp[b] += step;
        tm[b] -= step;
        nll.evaluate(tp, gp, null);
        nll.evaluate(tm, gm, null);
        double d1 = (gp[a] - gm[a]) / (2 * step);
        tp = theta.clone();
        tm = theta.clone();
        tp[b] += step / 2;
        tm[b] -= step / 2;
        nll.evaluate(tp, gp, null);
        nll.evaluate(tm, gm, null);
        double d2 = (gp[a] - gm[a]) / step;
        return (4 * d2 - d1) / 3;
    }

    static void check(Nll nll, double[] theta, String where) {
        int d = theta.length;
        double[] grad = new double[d];
        double[] hess = new double[d * d];
        double v = nll.evaluate(theta, grad, hess);
        double[] g2 = new double[d];
        assertEquals(v, nll.evaluate(theta, g2, null), 1e-12 * Math.abs(v), "value with and without Hessian");
        for (int a = 0; a < d; a++) {
            double expected = fd(nll, theta, a, 1e-4);
            assertEquals(expected, grad[a], 1e-6 * Math.max(1, Math.abs(expected)), where + ": d/dtheta" + a);
            assertEquals(grad[a], g2[a], 1e-12 * Math.max(1, Math.abs(grad[a])), where + ": gradient without Hessian");
            for (int b = 0; b < d; b++) {
                double h = fdGrad(nll, theta, a, b, 1e-4);
                assertEquals(h, hess[a * d + b], 1e-6 * Math.max(1, Math.abs(h)), where + ": d2/dtheta" + a + "dtheta" + b);
            }
        }
    }

    @Test
    void gradientAndHessianOfTheOffshellLikeModelEqualFiniteDifferences() {
        MixtureModel model = TestModels.offshellLike();
        EventTable events = TestModels.randomEvents(model, 300, 11);
        Nll nll = Nll.of(model, events, null, new double[] {0.3, -0.2, 0.1});
        assertEquals(Nll.Scale.SQRT_MU, nll.scale(), "a model with sqrt(mu) fits in s = sqrt(mu)");
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 12; trial++) {
            double[] theta = {0.2 + 1.6 * rng.nextDouble(), -2.5 + 5 * rng.nextDouble(), -2.5 + 5 * rng.nextDouble(),
                    -2.5 + 5 * rng.nextDouble()};
            check(nll, theta, "random point " + java.util.Arrays.toString(theta));
        }
    }

    @Test
    void derivativesInMuForALinearModel() {
        List<String> nps = List.of("a", "b", "c");
        MixtureModel model = MixtureModel.of(List.of(
                new Process("S", 20, Coefficient.parse("mu"), new double[] {1.1, 1, 1.05}, new double[] {0.9, 1, 0.97},
                        new boolean[] {true, true, false}),
                new Process("B", 100, Coefficient.parse("1"), new double[] {1, 1.2, 1}, new double[] {1, 0.85, 1},
                        new boolean[] {false, true, true}),
                new Process("Q", 10, Coefficient.parse("mu^2"), new double[] {1, 1, 1}, new double[] {1, 1, 1},
                        new boolean[] {false, false, true})), nps, "mu", -2, 5);
        Nll nll = Nll.of(model, TestModels.randomEvents(model, 200, 3), null, new double[3]);
        assertEquals(Nll.Scale.MU, nll.scale());
        check(nll, new double[] {1.3, 0.4, -0.7, 1.6}, "inside");
        check(nll, new double[] {0.4, 1.3, -1.7, -0.2}, "beyond +-1");
    }

    @Test
    void valuesAtFixedAlphaAgreeWithTheFullEvaluation() {
        MixtureModel model = TestModels.offshellLike();
        Nll nll = Nll.of(model, TestModels.randomEvents(model, 100, 2), null, new double[] {0.1, 0, 0});
        double[] alpha = {0.4, -1.3, 0.2};
        double[] mus = {0, 0.5, 1, 2.5};
        double[] fast = nll.valuesAtFixedAlpha(alpha, mus);
        for (int m = 0; m < mus.length; m++) {
            assertEquals(nll.value(mus[m], alpha), fast[m], 1e-9 * Math.abs(fast[m]), "mu = " + mus[m]);
        }
    }

    @Test
    void valuesAtFixedAlphaAgreeWithTheFullEvaluationWithShapesAtZeroAndBeyondOne() {
        // the scan skips the shape factors of parameters at 0 (h = 1) and computes no h'/h, h''/h on the exponential branch
        MixtureModel model = TestModels.offshellLike();
        Nll nll = Nll.of(model, TestModels.randomEvents(model, 100, 2), null, new double[] {0.1, 0, 0});
        double[] mus = {0, 0.5, 1, 2.5};
        for (double[] alpha : new double[][] {{0, 0, 0}, {1.7, 0, -0.3}, {0, -1.2, 0.2}, {-2.5, 1.4, 0}}) {
            double[] fast = nll.valuesAtFixedAlpha(alpha, mus);
            for (int m = 0; m < mus.length; m++) {
                assertEquals(nll.value(mus[m], alpha), fast[m], 1e-9 * Math.abs(fast[m]),
                        "mu = " + mus[m] + ", alpha = " + java.util.Arrays.toString(alpha));
            }
        }
    }

    @Test
    void aNonPositiveDensityNamesTheEventAndTheParameters() {
        MixtureModel model = MixtureModel.of(List.of(
                Process.unaffected("S", 10, Coefficient.parse("mu"), 0),
                Process.unaffected("B", 10, Coefficient.parse("1 - mu"), 0)), List.of(), "mu", 0, 5);
        EventTable events = EventTable.of(model, new float[] {1, 1}, new float[][] {{1, 0}, {1, 2}}, null, null);
        Nll nll = Nll.of(model, events, null, new double[0]);
        NonPositiveDensityException e = assertThrows(NonPositiveDensityException.class, () -> nll.value(2, new double[0]));
        assertEquals("the mixture density at event 1 is -20.0 at mu = 2.0, alpha = []; expected > 0"
                + " (check the ratios of that event and the coefficients)", e.getMessage());
        assertEquals(1, e.event());
        assertTrue(Double.isFinite(nll.value(0.5, new double[0])));
    }
}
