package org.nsbi.stats.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.likelihood.TestModels;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

class ProfileFitterTest {

    private static final ProfileFitter FITTER = ProfileFitter.withDefaults();

    /** All ratios 1: signal f = mu with yield s, background f = 1 with yield b, n events: a Poisson count. */
    private static Nll counting(double s, double b, int n) {
        MixtureModel model = MixtureModel.of(List.of(
                Process.unaffected("S", s, Coefficient.parse("mu"), 0),
                Process.unaffected("B", b, Coefficient.parse("1"), 0)), List.of(), "mu", 0, 20);
        float[] ones = new float[Math.max(n, 1)];
        java.util.Arrays.fill(ones, 1f);
        EventTable events = EventTable.of(model, ones, new float[][] {ones, ones}, null, null);
        double[] w = new double[ones.length];
        java.util.Arrays.fill(w, n == 0 ? 0 : 1);
        return Nll.of(model, events, w, new double[0]);
    }

    private static double poissonNll(double mean, int n) {
        return mean - (n == 0 ? 0 : n * Math.log(mean));
    }

    @Test
    void countingExperimentHasTheClosedFormMleAndT() {
        double s = 4;
        double b = 3;
        for (int n : new int[] {0, 1, 3, 7, 15}) {
            Nll nll = counting(s, b, n);
            FitResult g = FITTER.global(nll);
            assertTrue(g.converged(), g.toString());
            double muHat = Math.max(0, (n - b) / s);
            assertEquals(muHat, g.mu(), 1e-5, "mu-hat for n = " + n);
            for (double mu : new double[] {0, 0.5, 2, 5}) {
                TestStatistic.Result t = TestStatistic.withDefaults().at(nll, mu);
                double exact = 2 * (poissonNll(mu * s + b, n) - poissonNll(muHat * s + b, n));
                assertEquals(exact, t.t(), 1e-7, "t at mu = " + mu + ", n = " + n);
            }
        }
    }

    /**
     * Two groups of identical events (110 and 246 of them) under the off-shell-like coefficients give an
     * NLL in mu with two minima, at mu ~ 1.23 (lower) and mu ~ 6.85, with a barrier between them. The global
     * fit must find the lower one, whichever start it is given; checked against a fine brute-force scan.
     */
    @Test
    void globalFitFindsTheLowerOfTwoMinima() {
        Nll nll = TwoMinimaNll.of();

        double bestMu = Double.NaN;
        double best = Double.POSITIVE_INFINITY;
        int localMinima = 0;
        double[] mus = new double[20001];
        for (int i = 0; i < mus.length; i++) {
            double sq = Math.sqrt(10) * i / (mus.length - 1);
            mus[i] = sq * sq;
        }
        double[] v = nll.valuesAtFixedAlpha(new double[0], mus);
        for (int i = 0; i < mus.length; i++) {
            if (v[i] < best) {
                best = v[i];
                bestMu = mus[i];
            }
            if (i > 0 && i < mus.length - 1 && v[i] < v[i - 1] && v[i] < v[i + 1]) {
                localMinima++;
            }
        }
        assertEquals(2, localMinima, "the constructed NLL has two minima");
        for (double[] start : new double[][] {null, {6.8}, {9.5}, {0.01}}) {
            FitResult g = FITTER.global(nll, start);
            assertTrue(g.converged(), g.toString());
            assertEquals(bestMu, g.mu(), 2e-3, "global minimum from start " + java.util.Arrays.toString(start));
            assertEquals(best, g.nll(), 1e-6, "NLL at the global minimum");
        }
        FitResult local = FITTER.conditional(nll, 6.85);
        assertTrue(local.nll() > best + 0.4, "the other minimum is higher by ~0.47");
    }

    /**
     * Asimov data: calibrated reference events (TestModels: closure exact, shapes balanced at alpha = 0)
     * weighted by w_A(mu = 1, alpha = 0) with aux = 0. The NLL is then stationary exactly at the truth, so the
     * global fit must return (1, 0) and t_1 = 0, while t grows away from it.
     */
    @Test
    void asimovDataIsFittedAtTheTruth() {
        MixtureModel model = TestModels.offshellLike();
        EventTable reference = TestModels.randomEvents(model, 600, 21);
        double[] alphaTrue = {0, 0, 0};
        AsimovWeights asimov = AsimovWeights.compute(model, reference, 1.0, alphaTrue);
        Nll nll = Nll.of(model, reference, asimov.weights(), alphaTrue);
        FitResult g = FITTER.global(nll);
        assertTrue(g.converged(), g.toString());
        assertEquals(1.0, g.mu(), 1e-4, g.toString());
        for (int k = 0; k < 3; k++) {
            assertEquals(alphaTrue[k], g.alpha()[k], 1e-4, "alpha " + k + " " + g);
        }
        double[] grad = new double[4];
        nll.evaluate(new double[] {nll.p(g.mu()), g.alpha()[0], g.alpha()[1], g.alpha()[2]}, grad, null);
        for (int a = 0; a < 4; a++) {
            assertEquals(0, grad[a], 1e-4, "gradient component " + a + " at the minimum");
        }
        TestStatistic ts = TestStatistic.withDefaults();
        assertEquals(0, ts.at(nll, 1.0).t(), 1e-7, "t at the truth");
        double previous = Double.POSITIVE_INFINITY;
        for (double mu : new double[] {0.0, 0.5}) {
            TestStatistic.Result t = ts.at(nll, mu);
            assertTrue(t.converged(), t.failure());
            assertTrue(t.t() > 0 && t.t() < previous, "t decreases towards the truth: " + t.t() + " at " + mu);
            previous = t.t();
            assertTrue(t.conditional().nll() >= g.nll(), "conditional above global");
        }
    }

    @Test
    void aFitThatCannotConvergeIsReportedFailedWithItsReason() {
        // a density that is negative everywhere except exactly at mu = 0.5: no step can ever be taken
        MixtureModel model = MixtureModel.of(List.of(
                Process.unaffected("A", 10, Coefficient.parse("1 - 2*mu"), 0),
                Process.unaffected("B", 10, Coefficient.parse("2*mu - 1"), 0)), List.of(), "mu", 0, 1);
        EventTable events = EventTable.of(model, new float[] {1}, new float[][] {{1}, {1}}, null, null);
        Nll nll = Nll.of(model, events, null, new double[0]);
        FitResult g = FITTER.global(nll);
        assertFalse(g.converged());
        assertEquals(FitStatus.FAILED, g.status());
        assertTrue(g.message().contains("mixture density at event 0"), g.message());
        assertTrue(Double.isNaN(g.mu()), "no plausible number in place of a failed fit");
    }

    /**
     * With a 7-point scan and 3 iterations per start, the start in the basin of the lower minimum (mu ~ 1.23) runs
     * out of iterations below the NLL where the start in the other basin converged (mu ~ 6.85). The global fit keeps
     * the lowest NLL any start reached: it restarts from there and must end at the lower minimum, not report the
     * converged higher one.
     */
    @Test
    void theGlobalFitContinuesFromTheLowestNllAnyStartReached() {
        Nll nll = TwoMinimaNll.of();
        FitResult truth = FITTER.global(nll);
        FitResult g = FITTER.withScanPoints(7).withMaxIterations(3).global(nll);
        assertTrue(g.converged(), g.toString());
        assertEquals(truth.mu(), g.mu(), 1e-5, g.toString());
        assertEquals(truth.nll(), g.nll(), 1e-9, g.toString());
    }

    /**
     * The caller's global fit (here the conditional fit at mu = 3, far from mu-hat = 1) is above the conditional
     * NLL at mu = 0.5, and the global refit from there cannot converge (one iteration per start). The toy must be
     * FAILED with its reason, so that it counts as t = +infinity; never t = 0 and converged.
     */
    @Test
    void conditionalBelowGlobalWithAFailedRefitIsFailedNotTZero() {
        Nll nll = counting(4, 3, 7);
        FitResult notTheMinimum = FITTER.conditional(nll, 3.0);
        assertTrue(notTheMinimum.converged(), notTheMinimum.toString());
        TestStatistic oneIteration = new TestStatistic(FITTER.withMaxIterations(1));
        TestStatistic.Result t = oneIteration.at(nll, 0.5, notTheMinimum);
        assertTrue(t.conditional().converged(), t.conditional().toString());
        assertTrue(t.conditional().nll() < notTheMinimum.nll(), "the conditional NLL is below the given global one");
        assertFalse(t.converged(), "a failed refit is a failed toy, t = " + t.t());
        assertTrue(Double.isNaN(t.t()), "no plausible t in place of a failure");
        assertEquals(FailureReason.CONDITIONAL_BELOW_GLOBAL, t.reason(), t.failure());
        // with enough iterations the refit finds mu-hat = 1 and t is the closed form
        TestStatistic.Result ok = TestStatistic.withDefaults().at(nll, 0.5, notTheMinimum);
        assertTrue(ok.converged(), ok.failure());
        assertEquals(1.0, ok.global().mu(), 1e-5, "the refit's global minimum is the one t refers to");
        assertEquals(2 * (poissonNll(0.5 * 4 + 3, 7) - poissonNll(7, 7)), ok.t(), 1e-7);
    }

    /**
     * A density that is negative for alpha below 0.45 at mu = 0 (lambda = 10 * 1.5^alpha - 12): from alpha = -3 and
     * from alpha = 0 the conditional fit cannot start. The retry must start elsewhere (here the auxiliary
     * measurement, alpha = 2) and find the minimum, checked against Brent's method in one dimension.
     */
    @Test
    void conditionalRetryStartsElsewhereAndFindsTheMinimum() {
        MixtureModel model = MixtureModel.of(List.of(
                Process.unaffected("S", 4, Coefficient.parse("mu"), 1),
                new Process("A", 10, Coefficient.parse("1"), new double[] {1.5}, new double[] {1 / 1.5}, new boolean[] {false}),
                Process.unaffected("B", 10, Coefficient.parse("-1.2"), 1)), List.of("norm"), "mu", 0, 20);
        float[] ones = new float[7];
        java.util.Arrays.fill(ones, 1f);
        EventTable events = EventTable.of(model, ones, new float[][] {ones, ones, ones}, null, null);
        double aux = 2.0;
        Nll nll = Nll.of(model, events, null, new double[] {aux});
        FitResult c = FITTER.conditional(nll, 0.0, new double[] {-3});
        assertTrue(c.converged(), c.toString());
        org.apache.commons.math3.optim.univariate.UnivariatePointValuePair exact =
                new org.apache.commons.math3.optim.univariate.BrentOptimizer(1e-12, 1e-14).optimize(
                        new org.apache.commons.math3.optim.MaxEval(10_000),
                        new org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction(
                                a -> 10 * Math.pow(1.5, a) - 12 - 7 * Math.log(10 * Math.pow(1.5, a) - 12) + 0.5 * (a - aux) * (a - aux)),
                        org.apache.commons.math3.optim.nonlinear.scalar.GoalType.MINIMIZE,
                        new org.apache.commons.math3.optim.univariate.SearchInterval(0.46, 5));
        assertEquals(exact.getPoint(), c.alpha()[0], 1e-5, c.toString());
        assertEquals(exact.getValue(), c.nll(), 1e-9, c.toString());
        assertFalse(c.atBound(), c.toString());
    }
}
