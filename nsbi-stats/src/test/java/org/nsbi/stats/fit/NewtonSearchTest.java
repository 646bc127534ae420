package org.nsbi.stats.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.fit.SurfaceNll.Surface;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.ColumnarNll;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.likelihood.TestModels;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.PseudoExperiment;
import org.nsbi.stats.toys.SparsePoissonSampler;

/**
 * How few evaluations the fitter's search spends (issue 15), on surfaces in (&mu;, &alpha;) whose minimum is known
 * exactly: a Newton step that overshoots is shortened along its own direction, a run bound for a minimum another
 * start found stops there, and the global fit started at the conditional fit's minimum gets that point for free.
 * The counts are the NLL's own ({@link Nll#evaluationCounts}).
 */
class NewtonSearchTest {

    /** &frac12;(&mu; &minus; m)&sup2; + &frac12;(&alpha; &minus; a)&sup2;: one Newton step from anywhere. */
    private static Surface bowl(double m, double a) {
        return (mu, al, grad, hess) -> {
            if (grad != null) {
                grad[0] = mu - m;
                grad[1] = al - a;
            }
            if (hess != null) {
                hess[0] = 1;
                hess[1] = 0;
                hess[2] = 0;
                hess[3] = 1;
            }
            return 0.5 * (mu - m) * (mu - m) + 0.5 * (al - a) * (al - a);
        };
    }

    /** &frac12;(&mu; &minus; m)&sup2; + &frac12;u&sup2; + &frac14;u&#8308; with u = &alpha; &minus; a: Newton maps u to 2u&sup3;/(1 + 3u&sup2;). */
    private static Surface quartic(double m, double a) {
        return (mu, al, grad, hess) -> {
            double u = al - a;
            if (grad != null) {
                grad[0] = mu - m;
                grad[1] = u + u * u * u;
            }
            if (hess != null) {
                hess[0] = 1;
                hess[1] = 0;
                hess[2] = 0;
                hess[3] = 1 + 3 * u * u;
            }
            return 0.5 * (mu - m) * (mu - m) + 0.5 * u * u + 0.25 * u * u * u * u;
        };
    }

    /**
     * In &alpha; a pseudo-Huber well &radic;(1 + (&alpha; &minus; 1.5)&sup2;), flat far out: from &alpha; = 0 the Newton step is
     * 4.87 long, to &alpha; = 4.87 where the NLL is higher than at the start. Shortened at the parabola's minimum it
     * lands at 1.71 at once; damping instead (&lambda; = 10&#8315;&#8308;, 10&#8315;&sup3;, &hellip; times the curvature) needs &lambda; &asymp; 1
     * before a step lowers the NLL: five rejected evaluations.
     */
    @Test
    void anOvershootingNewtonStepIsShortenedAlongItsDirection() {
        SurfaceNll nll = new SurfaceNll((mu, al, grad, hess) -> {
            double u = al - 1.5;
            double r = Math.sqrt(1 + u * u);
            if (grad != null) {
                grad[0] = mu - 2;
                grad[1] = u / r;
            }
            if (hess != null) {
                hess[0] = 1;
                hess[1] = 0;
                hess[2] = 0;
                hess[3] = 1 / (r * r * r);
            }
            return 0.5 * (mu - 2) * (mu - 2) + r;
        });
        FitResult c = ProfileFitter.withDefaults().conditional(nll, 2.0);
        assertTrue(c.converged(), c.toString());
        assertEquals(1.5, c.alpha()[0], 1e-6, c.toString());
        assertEquals(1.0, c.nll(), 1e-12, c.toString());
        long evaluations = nll.evaluations(Nll.Stage.CONDITIONAL);
        assertTrue(evaluations <= 6, evaluations + " evaluations: the overshoot cost more than one shortened step");
    }

    /**
     * Two starts, both in the one well of a bowl at (2, 0.5): the scan at the start's &alpha; = 0.5 and the scan at
     * &alpha; = 0. The first run converges in two evaluations (the start, one exact Newton step). The second's Newton
     * step from its start lands on that minimum, so it stops after its first evaluation instead of taking the step
     * and evaluating again: three in all, not four.
     */
    @Test
    void aRunWhoseNewtonStepLandsOnAMinimumAnotherStartFoundStopsThere() {
        SurfaceNll nll = new SurfaceNll(bowl(2, 0.5));
        FitResult g = ProfileFitter.withDefaults().globalFromScan(nll, new double[] {3, 0.5});
        assertTrue(g.converged(), g.toString());
        assertEquals(2, g.mu(), 1e-12, g.toString());
        assertEquals(0.5, g.alpha()[0], 1e-12, g.toString());
        assertEquals(3, nll.evaluations(Nll.Stage.GLOBAL), "two for the first run, one for the second");
    }

    /**
     * In &alpha; the quartic &frac12;u&sup2; + &frac14;u&#8308; (u = &alpha; &minus; 0.3), in &mu; a bowl at 2.5 (a point of the scans' grid).
     * The first run starts at the minimum (2.5, 0.3) itself: one evaluation. The run from the scan at &alpha; = 0 starts
     * at u = &minus;0.3 with edm 0.042; its Newton step maps u to 2u&sup3;/(1 + 3u&sup2;) = &minus;0.0425, whose H-distance from the
     * minimum is 4u&#8308;/(1 + u&sup2;)&sup2; = 0.027 of the edm: within 0.1 edm, so it joins at once (two evaluations in all);
     * with the old 0.01 it took that step and evaluated there first (three).
     */
    @Test
    void aRunWhoseNewtonTargetIsWithinATenthOfItsEdmOfAKnownMinimumJoinsIt() {
        SurfaceNll nll = new SurfaceNll(quartic(2.5, 0.3));
        FitResult g = ProfileFitter.withDefaults().globalFromScan(nll, new double[] {2.5, 0.3});
        assertTrue(g.converged(), g.toString());
        assertEquals(2.5, g.mu(), 1e-12, g.toString());
        assertEquals(0.3, g.alpha()[0], 1e-12, g.toString());
        assertEquals(0.0, g.nll(), 0.0, g.toString());
        assertEquals(2, nll.evaluations(Nll.Stage.GLOBAL), "one for the first run, one for the run from alpha = 0");
    }

    /**
     * The bowl's centre at &mu; = &minus;1 is outside the range: the minimum is on the bound &mu; = 0, where the conditional
     * fit at &mu; = 0 already is. The global fit started from that conditional minimum scans at its &alpha;, finds
     * the scan's minimum at &mu; = 0, i.e. the conditional fit's point, which the NLL remembers: no evaluation. The
     * run from the scan at &alpha; = 0 joins it after one. One evaluation for the whole global fit, t = 0.
     */
    @Test
    void theGlobalFitFromTheConditionalMinimumOnTheMuBoundaryDoesNotEvaluateItAgain() {
        SurfaceNll nll = new SurfaceNll(bowl(-1, 0.5));
        TestStatistic.Result t = TestStatistic.withDefaults().at(nll, 0.0);
        assertTrue(t.converged(), t.failure());
        assertEquals(0, t.t(), 0.0);
        assertEquals(0, t.global().mu(), 0.0, t.global().toString());
        assertEquals(0.5, t.global().alpha()[0], 1e-12, t.global().toString());
        assertEquals(1, nll.evaluations(Nll.Stage.GLOBAL), "the conditional minimum again, for free; one for the other start");
    }

    /**
     * In &alpha; the quartic &frac12;u&sup2; + &frac14;u&#8308; (u = &alpha; &minus; 1), where Newton maps u to 2u&sup3;/(1 + 3u&sup2;): from u = 0.3 to
     * 0.0425, then 1.5&times;10&#8315;&#8308;, where edm = 1.2&times;10&#8315;&#8312; is below the predicted-minimum threshold but above the
     * tolerance. The fit ends there at the model's minimum (u &asymp; 7&times;10&#8315;&sup1;&sup2;, NLL f &minus; edm) instead of evaluating
     * that point only to confirm it: three evaluations, not four, and the minimum to 10&#8315;&sup1;&#8309;.
     */
    @Test
    void aRunEndsAtTheMinimumItsNewtonModelPredictsOnceEdmIsTiny() {
        SurfaceNll nll = new SurfaceNll(quartic(2, 1));
        FitResult c = ProfileFitter.withDefaults().conditional(nll, 2.0, new double[] {1.3});
        assertTrue(c.converged(), c.toString());
        assertEquals(1.0, c.alpha()[0], 1e-10, c.toString());
        assertEquals(0.0, c.nll(), 1e-15, c.toString());
        assertEquals(3, nll.evaluations(Nll.Stage.CONDITIONAL), "the start, u = 0.0425 and u = 1.5e-4; not the confirmation");
    }

    /**
     * A bowl with correlation 0.9 between &mu; and &alpha;, centred at (&minus;1, 0.5) outside the range: the minimum on &mu; &ge; 0
     * is (0, 0.5 &minus; 0.9) = (0, &minus;0.4). From the scan's start (0.625, &minus;1.3) the Newton step points at the centre;
     * projected into the box it keeps &alpha; = 0.5, chosen for &mu; going on to &minus;1, where the NLL (0.5) is above the
     * start's (0.24): rejected, shortened, rejected again. Held at &mu; = 0 instead, the model's minimum over the
     * other parameters is the exact minimum: two evaluations for that run, one for the run from the scan at &alpha; = 0
     * (its first step lands there too), three in all.
     */
    @Test
    void aStepPastTheMuBoundMinimisesTheModelWithMuHeldAtTheBound() {
        double rho = 0.9;
        SurfaceNll nll = new SurfaceNll((mu, al, grad, hess) -> {
            double x = mu + 1;
            double y = al - 0.5;
            if (grad != null) {
                grad[0] = x + rho * y;
                grad[1] = rho * x + y;
            }
            if (hess != null) {
                hess[0] = 1;
                hess[1] = rho;
                hess[2] = rho;
                hess[3] = 1;
            }
            return 0.5 * (x * x + 2 * rho * x * y + y * y);
        });
        FitResult g = ProfileFitter.withDefaults().globalFromScan(nll, new double[] {1, 0.5 - 2 * rho});
        assertTrue(g.converged(), g.toString());
        assertEquals(0, g.mu(), 0.0, g.toString());
        assertEquals(0.5 - rho, g.alpha()[0], 1e-12, g.toString());
        assertEquals(0.5 * (1 - rho * rho), g.nll(), 1e-12, g.toString());
        assertEquals(3, nll.evaluations(Nll.Stage.GLOBAL), "two for the first run, one for the second");
    }

    /** In &alpha; the convex e<sup>u</sup> &minus; u (u = &alpha; &minus; 1, minimum 1 at u = 0), in &mu; a bowl at 2. */
    private static Surface expWell() {
        return (mu, al, grad, hess) -> {
            double u = al - 1;
            double e = Math.exp(u);
            if (grad != null) {
                grad[0] = mu - 2;
                grad[1] = e - 1;
            }
            if (hess != null) {
                hess[0] = 1;
                hess[1] = 0;
                hess[2] = 0;
                hess[3] = e;
            }
            return 0.5 * (mu - 2) * (mu - 2) + e - u;
        };
    }

    /** With the Hessian evaluations of {@code stage} and all of them, as "hessian/all". */
    private static String counts(SurfaceNll nll, Nll.Stage stage) {
        return nll.hessianCounts().get(stage) + "/" + nll.evaluations(stage);
    }

    /**
     * The quartic of {@link #aRunEndsAtTheMinimumItsNewtonModelPredictsOnceEdmIsTiny} from u = 0.1: the Newton steps go to
     * u = 1.94&times;10&#8315;&sup3; (edm 1.9&times;10&#8315;&#8310;, just above the predicted-minimum threshold) and then to 1.5&times;10&#8315;&#8312;. The
     * run's edm fell from 5.0&times;10&#8315;&sup3; to 1.9&times;10&#8315;&#8310; (c = edm/edm_before&sup2; = 0.077), so the next edm is expected near
     * 3&times;10&#8315;&sup1;&sup3;, below the tolerance: that last point is evaluated with the value and gradient only, and its edm with the
     * Hessian of the point before (1.1&times;10&#8315;&sup1;&#8310;) ends the run there. Two evaluations with the Hessian and one
     * without, where always evaluating the Hessian takes three.
     */
    @Test
    void aStepExpectedToEndTheRunIsEvaluatedWithoutTheHessian() {
        SurfaceNll nll = new SurfaceNll(quartic(2, 1));
        FitResult c = ProfileFitter.withDefaults().conditional(nll, 2.0, new double[] {1.1});
        assertTrue(c.converged(), c.toString());
        assertEquals(1.0, c.alpha()[0], 1e-7, c.toString());
        assertEquals(0.0, c.nll(), 1e-15, c.toString());
        assertEquals("2/3", counts(nll, Nll.Stage.CONDITIONAL), "with the Hessian / all");

        SurfaceNll always = new SurfaceNll(quartic(2, 1));
        FitResult a = ProfileFitter.withDefaults().withGradientFirst(false).conditional(always, 2.0, new double[] {1.1});
        assertEquals(c.alpha()[0], a.alpha()[0], 1e-7, a.toString());
        assertEquals("3/3", counts(always, Nll.Stage.CONDITIONAL), "with the Hessian / all, the Hessian always");
    }

    /**
     * In &alpha; the convex e<sup>u</sup> &minus; u (u = &alpha; &minus; 1, minimum 1 at u = 0; Newton maps u to about u&sup2;/2), in &mu; a
     * bowl at 2; from u = 0.18 Newton goes to u = 0.0153 (edm 1.17&times;10&#8315;&#8308;) and then to 1.16&times;10&#8315;&#8308;, evaluated with the value
     * and gradient only. There the edm with the point before's Hessian, e<sup>0.0153</sup>, is 6.63&times;10&#8315;&#8313;: above the tolerance,
     * below the predicted-minimum threshold, and that Hessian's change along the step (&epsilon; = 2&radic;(edm/edm_before) = 0.015)
     * puts the error of its model's minimum near &epsilon;&middot;edm = 1.0&times;10&#8315;&sup1;&#8304;. The run ends at that minimum, its NLL within
     * 1.1&times;10&#8315;&sup1;&#8304; of the exact 1: two evaluations with the Hessian and one without, against three with it.
     */
    @Test
    void aRunEndsAtTheMinimumPredictedWithTheHessianBeforeWhenItsErrorIsTiny() {
        Surface expWell = expWell();
        SurfaceNll nll = new SurfaceNll(expWell);
        FitResult c = ProfileFitter.withDefaults().conditional(nll, 2.0, new double[] {1.18});
        assertTrue(c.converged(), c.toString());
        assertEquals(1.0, c.nll(), 1.1e-10, c.toString());
        assertTrue(c.nll() >= 1.0, "the model's minimum is above the exact one here: " + c);
        assertEquals(1.0, c.alpha()[0], 1e-5, c.toString());
        assertEquals("2/3", counts(nll, Nll.Stage.CONDITIONAL), "with the Hessian / all");

        SurfaceNll always = new SurfaceNll(expWell);
        FitResult a = ProfileFitter.withDefaults().withGradientFirst(false).conditional(always, 2.0, new double[] {1.18});
        assertEquals(1.0, a.nll(), 1e-12, a.toString());
        assertEquals("3/3", counts(always, Nll.Stage.CONDITIONAL), "with the Hessian / all, the Hessian always");
    }

    /**
     * t at &mu; = 2 on {@link #expWell()}, the conditional fit from &alpha; = 1.18: it ends at the minimum its model predicts
     * from u = 1.16&times;10&#8315;&#8308;, a point evaluated without the Hessian, the last one with it being u = 0.0153. The global fit's
     * scan at the conditional &alpha;&#770;&#770; has its minimum at the conditional fit's &mu; = 2, so it starts at the conditional minimum;
     * handed off, it starts at u = 0.0153 instead, which the NLL remembers: one evaluation with the Hessian fewer, t the same.
     */
    @Test
    void theGlobalFitFromTheConditionalMinimumStartsAtItsLastPointEvaluatedWithTheHessian() {
        SurfaceNll nll = new SurfaceNll(expWell());
        TestStatistic.Result t = new TestStatistic(ProfileFitter.withDefaults()).at(nll, 2.0, null, new double[] {1.18});
        SurfaceNll without = new SurfaceNll(expWell());
        TestStatistic.Result u = new TestStatistic(ProfileFitter.withDefaults().withHandoff(false)).at(without, 2.0, null,
                new double[] {1.18});
        assertTrue(t.converged() && u.converged(), t.failure() + " / " + u.failure());
        assertEquals(0, t.t(), 1e-9, t.toString());
        assertEquals(u.t(), t.t(), 1e-9);
        assertEquals(2, t.global().mu(), 1e-5, t.global().toString());
        assertEquals(nll.hessianCounts().get(Nll.Stage.CONDITIONAL), without.hessianCounts().get(Nll.Stage.CONDITIONAL));
        assertEquals(without.hessianCounts().get(Nll.Stage.GLOBAL) - 1, (long) nll.hessianCounts().get(Nll.Stage.GLOBAL),
                "global evaluations with the Hessian, handed off " + counts(nll, Nll.Stage.GLOBAL) + ", not "
                + counts(without, Nll.Stage.GLOBAL));
    }

    /**
     * A steep well in &alpha;, (e<sup>100u</sup> &minus; 100u)/100&sup2; (u = &alpha; &minus; 1; curvature 1 at its minimum 10&#8315;&#8308;), where Newton
     * converges slowly at first (edm' &asymp; 5000 edm&sup2;). From u = 0.004 (edm 8.1&times;10&#8315;&#8310;) a run's first step is expected
     * (c = 1, nothing known yet) to end it, so u = 7.0&times;10&#8315;&#8308; is evaluated without the Hessian; judged with the start's
     * Hessian its edm is 1.8&times;10&#8315;&#8311; with an estimated model error 5&times;10&#8315;&#8312;, too large to end there. The point's Hessian is
     * evaluated and the run goes on exactly as with the Hessian always: the same minimum to the last bit, one evaluation
     * without the Hessian more.
     */
    @Test
    void aStepThatDoesNotEndTheRunCostsOneEvaluationWithoutTheHessianAndChangesNothingElse() {
        Surface steep = (mu, al, grad, hess) -> {
            double u = al - 1;
            double e = Math.exp(100 * u);
            if (grad != null) {
                grad[0] = mu - 2;
                grad[1] = (e - 1) / 100;
            }
            if (hess != null) {
                hess[0] = 1;
                hess[1] = 0;
                hess[2] = 0;
                hess[3] = e;
            }
            return 0.5 * (mu - 2) * (mu - 2) + (e - 100 * u) / 1e4;
        };
        SurfaceNll nll = new SurfaceNll(steep);
        FitResult c = ProfileFitter.withDefaults().conditional(nll, 2.0, new double[] {1.004});
        SurfaceNll always = new SurfaceNll(steep);
        FitResult a = ProfileFitter.withDefaults().withGradientFirst(false).conditional(always, 2.0, new double[] {1.004});
        assertTrue(c.converged() && a.converged(), c + " / " + a);
        assertEquals(1e-4, c.nll(), 1e-8, c.toString());
        assertEquals(a.nll(), c.nll(), 0.0, "the same minimum to the last bit");
        assertEquals(a.alpha()[0], c.alpha()[0], 0.0, "the same minimum to the last bit");
        assertEquals("2/3", counts(nll, Nll.Stage.CONDITIONAL), "with the Hessian / all");
        assertEquals("2/2", counts(always, Nll.Stage.CONDITIONAL), "with the Hessian / all, the Hessian always");
    }

    /**
     * Toys of a layout like the synthetic analysis (10 shape and 30 yield-only parameters, the auxiliary measurements
     * randomised): the conditional fit from &alpha; = 0 and the global fit's run from the scan at &alpha; = 0 start with a Newton
     * step in the yield-only parameters alone ({@link ProfileFitter#withYieldFirst}, from one pass of the yield-only block),
     * and need fewer evaluations with the Hessian than without it; t is the same to 1e-6 (or the fit with it found a lower
     * minimum).
     */
    @Test
    void runsFromAlphaZeroStartWithAYieldOnlyStepAndNeedFewerEvaluations() {
        MixtureModel model = TestModels.syntheticLike(10, 30);
        int k = model.nuisanceCount();
        EventTable reference = TestModels.randomEvents(model, 4000, 23);
        double[] zero = new double[k];
        SparsePoissonSampler sampler = SparsePoissonSampler.of(AsimovWeights.compute(model, reference, 1.0, zero).weights(), zero);
        ProfileFitter[] fitters = {ProfileFitter.withDefaults().withYieldFirst(false), ProfileFitter.withDefaults()};
        long[] hessians = new long[2];
        long[] passes = new long[2];
        for (int toy = 0; toy < 20; toy++) {
            PseudoExperiment pe = sampler.draw(ToyRandom.of(5, "yield-first-test", toy));
            double[] weights = Arrays.stream(pe.count()).asDoubleStream().toArray();
            double[] t = new double[2];
            double[] global = new double[2];
            for (int s = 0; s < 2; s++) {
                ColumnarNll nll = new ColumnarNll(model).load(reference, pe.eventIndex(), weights, pe.aux());
                TestStatistic.Result r = new TestStatistic(fitters[s]).at(nll, 1.0);
                assertTrue(r.converged(), "toy " + toy + ": " + r.failure());
                t[s] = r.t();
                global[s] = r.global().nll();
                hessians[s] += nll.hessianCounts().values().stream().mapToLong(Long::longValue).sum();
                passes[s] += nll.blockPassCounts().values().stream().mapToLong(Long::longValue).sum();
            }
            assertTrue(Math.abs(t[1] - t[0]) < 1e-6 || global[1] < global[0] - ProfileFitter.NLL_TOLERANCE,
                    "toy " + toy + ": t " + t[1] + " with the yield-only step, " + t[0] + " without");
        }
        assertEquals(0, passes[0], "no yield-only passes with the step off");
        assertEquals(40, passes[1], "one pass per toy for the conditional fit's start, one for the run from the alpha = 0 scan");
        assertTrue(hessians[1] < hessians[0] - 5, "evaluations with the Hessian: " + hessians[1] + " with the yield-only step, "
                + hessians[0] + " without");
    }

    /**
     * No yield-only step where it does not pay: with one shape parameter (1 + 2) a pass of the yield-only block costs about
     * half an evaluation, and with one yield-only parameter beside three others (off-shell-like) it saves too little.
     */
    @Test
    void noYieldOnlyStepWhereItsPassIsDearOrItsBlockSmall() {
        for (MixtureModel model : new MixtureModel[] {TestModels.syntheticLike(1, 2), TestModels.offshellLike()}) {
            EventTable reference = TestModels.randomEvents(model, 2000, 29);
            double[] zero = new double[model.nuisanceCount()];
            SparsePoissonSampler sampler = SparsePoissonSampler.of(AsimovWeights.compute(model, reference, 1.0, zero).weights(),
                    zero);
            PseudoExperiment pe = sampler.draw(ToyRandom.of(5, "yield-first-test", 0));
            ColumnarNll nll = new ColumnarNll(model).load(reference, pe.eventIndex(),
                    Arrays.stream(pe.count()).asDoubleStream().toArray(), pe.aux());
            assertTrue(TestStatistic.withDefaults().at(nll, 1.0).converged());
            assertEquals(0, nll.blockPassCounts().values().stream().mapToLong(Long::longValue).sum(), model.nuisances().toString());
        }
    }

    /**
     * In &alpha; a Gaussian well 1 &minus; e<sup>&minus;u&sup2;/2</sup> (u = &alpha; &minus; 1, minimum 0 at u = 0), concave for |u| &gt; 1; in &mu;
     * a bowl at 2. From u = &minus;1.5 the curvature is &minus;1.25 e<sup>&minus;1.125</sup> = &minus;0.406, so H_FF + &lambda;|H_FF| is positive
     * only for &lambda; &gt; 1, and the damping grows tenfold from its first value until it is: from 0.3 the first step
     * tried is at &lambda; = 3, &delta; = &minus;g/(2|h|) = 0.600 (to u = &minus;0.900, where the NLL is lower and the curvature positive);
     * from 10&#8315;&#8308; (the damping after a rejected step) it was at &lambda; = 10, &delta; = 0.133, with four more failed factors and
     * a second damped step before the curvature turns positive.
     */
    @Test
    void whereTheHessianIsNotPositiveDefiniteTheDampingStartsAtAThirdOfTheDiagonal() {
        List<Double> alphas = new ArrayList<>();
        SurfaceNll nll = new SurfaceNll((mu, al, grad, hess) -> {
            alphas.add(al);
            double u = al - 1;
            double e = Math.exp(-0.5 * u * u);
            if (grad != null) {
                grad[0] = mu - 2;
                grad[1] = u * e;
            }
            if (hess != null) {
                hess[0] = 1;
                hess[1] = 0;
                hess[2] = 0;
                hess[3] = (1 - u * u) * e;
            }
            return 0.5 * (mu - 2) * (mu - 2) + 1 - e;
        });
        FitResult c = ProfileFitter.withDefaults().conditional(nll, 2.0, new double[] {-0.5});
        assertTrue(c.converged(), c.toString());
        assertEquals(1, c.alpha()[0], 1e-4, c.toString()); // edm < 1e-9: |u| below 4.5e-5
        assertEquals(0, c.nll(), 1e-9, c.toString());
        double u = -1.5;
        double g = u * Math.exp(-0.5 * u * u);
        double h = (1 - u * u) * Math.exp(-0.5 * u * u);
        assertEquals(-0.5, alphas.get(0), 0.0, alphas.toString());
        assertEquals(-0.5 - g / (h + 3 * Math.abs(h)), alphas.get(1), 1e-12, alphas.toString());
        assertTrue(nll.evaluations(Nll.Stage.CONDITIONAL) <= 6, alphas + ": " + counts(nll, Nll.Stage.CONDITIONAL));
    }
}
