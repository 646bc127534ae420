package org.nsbi.stats.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.PseudoExperiment;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyFit;

/** The fast kernel {@link ColumnarNll} against the plain one it replaced ({@link ReferenceNll}). */
class ColumnarNllTest {

    private static final double TOLERANCE = 1e-10;

    /** Two processes linear in mu (fit in mu), both shaped by both parameters, one also with yield factors. */
    private static MixtureModel linearModel() {
        return MixtureModel.of(List.of(
                new Process("sig", 50, Coefficient.parse("mu"), new double[] {1.05, 1.2}, new double[] {0.9, 0.85},
                        new boolean[] {true, true}),
                new Process("bkg", 300, Coefficient.parse("1"), new double[] {1, 1}, new double[] {1, 1},
                        new boolean[] {true, true})), List.of("a", "b"), "mu", -2, 10);
    }

    /**
     * Events with wide shape ratios (ln r in [-1.5, 1.5], some exactly 0 read as the smallest ratio), ratios
     * with some 0s, and weights in [0, 3) with about a quarter exactly 0.
     */
    private static Object[] wideEvents(MixtureModel model, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        float[] w = new float[n];
        float[][] r = new float[nc][n];
        float[][][] up = new float[nc][nk][];
        float[][][] down = new float[nc][nk][];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1;
            weights[i] = rng.nextDouble() < 0.25 ? 0 : 3 * rng.nextDouble();
        }
        for (int c = 0; c < nc; c++) {
            for (int i = 0; i < n; i++) {
                r[c][i] = rng.nextDouble() < 0.05 ? 0 : (float) (0.2 + 2 * rng.nextDouble());
            }
            for (int k = 0; k < nk; k++) {
                if (model.process(c).shape()[k]) {
                    up[c][k] = new float[n];
                    down[c][k] = new float[n];
                    for (int i = 0; i < n; i++) {
                        up[c][k][i] = rng.nextDouble() < 0.02 ? 0 : (float) Math.exp(-1.5 + 3 * rng.nextDouble());
                        down[c][k][i] = (float) Math.exp(-1.5 + 3 * rng.nextDouble());
                    }
                }
            }
        }
        return new Object[] {EventTable.of(model, w, r, up, down), weights};
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOLERANCE * Math.max(Math.abs(expected), 1e-6), what);
    }

    private static void compareAtRandomPoints(MixtureModel model, EventTable events, double[] weights, double[] aux,
                                              long seed, double pLo, double pHi) {
        compareAtRandomPoints(ReferenceNll.of(model, events, weights, aux), model, events, weights, aux, seed, pLo, pHi);
    }

    /** The fast kernel against {@code ref} on the same events. */
    private static void compareAtRandomPoints(Nll ref, MixtureModel model, EventTable events, double[] weights,
                                              double[] aux, long seed, double pLo, double pHi) {
        Nll fast = Nll.of(model, events, weights, aux);
        assertTrue(fast instanceof ColumnarNll, "Nll.of builds the fast kernel");
        assertEquals(ref.sumOfWeights(), fast.sumOfWeights(), 1e-9 * ref.sumOfWeights());
        int d = ref.dimension();
        SplittableRandom rng = new SplittableRandom(seed);
        int beyond = 0;
        for (int trial = 0; trial < 40; trial++) {
            double[] theta = new double[d];
            theta[0] = pLo + (pHi - pLo) * rng.nextDouble();
            for (int k = 1; k < d; k++) {
                theta[k] = -3 + 6 * rng.nextDouble();
                // some points with parameters exactly 0 (the shape factors' shortcut at alpha = 0), one with all of them
                if (trial == 1 || trial % 4 == 2 && k % 2 == 1) {
                    theta[k] = 0;
                }
                beyond += Math.abs(theta[k]) >= 1 ? 1 : 0;
            }
            double[] gr = new double[d];
            double[] hr = new double[d * d];
            double[] gf = new double[d];
            double[] hf = new double[d * d];
            double vr;
            try {
                vr = ref.evaluate(theta, gr, hr);
            } catch (NonPositiveDensityException e) {
                assertThrows(NonPositiveDensityException.class, () -> fast.evaluate(theta, gf, hf));
                continue;
            }
            double vf = fast.evaluate(theta, gf, hf);
            String at = "at theta = " + java.util.Arrays.toString(theta);
            assertClose(vr, vf, "value " + at);
            assertClose(vr, fast.evaluate(theta, null, null), "value alone " + at);
            double[] g2 = new double[d];
            fast.evaluate(theta, g2, null);
            for (int a = 0; a < d; a++) {
                assertClose(gr[a], gf[a], "d/dtheta" + a + " " + at);
                assertClose(gr[a], g2[a], "d/dtheta" + a + " without the Hessian " + at);
                for (int b = 0; b < d; b++) {
                    assertClose(hr[a * d + b], hf[a * d + b], "d2/dtheta" + a + "dtheta" + b + " " + at);
                }
            }
            double[] alpha = java.util.Arrays.copyOfRange(theta, 1, d);
            double[] mus = {0, 0.5, 1, 2.5, 7};
            double[] sr = ref.valuesAtFixedAlpha(alpha, mus);
            double[] sf = fast.valuesAtFixedAlpha(alpha, mus);
            for (int m = 0; m < mus.length; m++) {
                if (Double.isInfinite(sr[m])) {
                    assertEquals(sr[m], sf[m], "scan at mu = " + mus[m] + " " + at);
                } else {
                    assertClose(sr[m], sf[m], "scan at mu = " + mus[m] + " " + at);
                }
            }
        }
        assertTrue(beyond > 20, "the exponential branches were visited");
    }

    @Test
    void offshellLikeModelAgreesWithTheReferenceKernelOnValueGradientAndHessian() {
        MixtureModel model = TestModels.offshellLike();
        Object[] ev = wideEvents(model, 700, 3);
        compareAtRandomPoints(model, (EventTable) ev[0], (double[]) ev[1], new double[] {0.3, -0.4, 1.2}, 17, 0, 3);
    }

    @Test
    void tableWeightsAndCalibratedEventsAgreeWithTheReferenceKernel() {
        MixtureModel model = TestModels.offshellLike();
        EventTable events = TestModels.randomEvents(model, 600, 8);
        compareAtRandomPoints(model, events, null, new double[] {-0.2, 0.1, 0.5}, 5, 0, 3);
    }

    @Test
    void linearModelWithTwoShapesPerProcessAgreesWithTheReferenceKernel() {
        MixtureModel model = linearModel();
        Object[] ev = wideEvents(model, 1100, 4);
        compareAtRandomPoints(model, (EventTable) ev[0], (double[]) ev[1], new double[] {0.5, -1}, 23, -0.5, 6);
    }

    /**
     * Three processes (f = mu - sqrt(mu), sqrt(mu), 1, fit in sqrt(mu)) and seven parameters: two shape
     * parameters (the first also a yield factor on every process, the second shape-only on the last process
     * and a yield factor on the first), four yield-only parameters acting on one, two or all three processes,
     * and one acting on nothing (constraint only). The yield-only ones take the per-process sums' path.
     */
    private static MixtureModel yieldOnlyModel() {
        return MixtureModel.of(List.of(
                new Process("S", 40, Coefficient.parse("mu - sqrt(mu)"),
                        new double[] {1.05, 1.07, 1.10, 1, 1.03, 1.2, 1}, new double[] {0.95, 0.9, 0.93, 1, 0.96, 0.85, 1},
                        new boolean[] {true, false, false, false, false, false, false}),
                new Process("SBI", 150, Coefficient.parse("sqrt(mu)"),
                        new double[] {1.02, 1, 1.04, 1.08, 1, 1.1, 1}, new double[] {0.97, 1, 0.95, 0.9, 1, 0.9, 1},
                        new boolean[] {true, false, false, false, false, false, false}),
                new Process("B", 400, Coefficient.parse("1"),
                        new double[] {1.01, 1, 1, 1.05, 1, 1.3, 1}, new double[] {0.99, 1, 1, 0.96, 1, 0.8, 1},
                        new boolean[] {true, true, false, false, false, false, false})),
                List.of("a", "b", "y1", "y2", "y3", "y4", "free"), "mu", Double.NaN, 10);
    }

    @Test
    void yieldOnlyParametersOnSeveralProcessesAgreeWithTheReferenceKernel() {
        MixtureModel model = yieldOnlyModel();
        Object[] ev = wideEvents(model, 900, 31);
        compareAtRandomPoints(model, (EventTable) ev[0], (double[]) ev[1],
                new double[] {0.2, -0.3, 0.4, -1.1, 0.6, 0.1, 0.7}, 37, 0, 3);
        EventTable calibrated = TestModels.randomEvents(model, 500, 41);
        compareAtRandomPoints(model, calibrated, null, new double[7], 43, 0, 3);
    }

    /**
     * As the synthetic analysis: &mu; on the signal alone (the backgrounds' coefficient is constant), each shape parameter
     * on one background, yield-only parameters on two processes each. The per-process sums R of &mu; and of the shape
     * parameters are then the gradient's own sums, not summed again; against the reference kernel.
     */
    @Test
    void parametersWithThePerEventTermOfOneProcessAgreeWithTheReferenceKernel() {
        MixtureModel model = MixtureModel.of(List.of(
                new Process("S", 60, Coefficient.parse("mu"),
                        new double[] {1, 1, 1.04, 1}, new double[] {1, 1, 0.96, 1},
                        new boolean[] {false, false, false, false}),
                new Process("B1", 300, Coefficient.parse("1"),
                        new double[] {1.03, 1, 1.05, 1.02}, new double[] {0.97, 1, 0.95, 0.98},
                        new boolean[] {true, false, false, false}),
                new Process("B2", 200, Coefficient.parse("1"),
                        new double[] {1, 1.02, 1, 1.06}, new double[] {1, 0.98, 1, 0.94},
                        new boolean[] {false, true, false, false})),
                List.of("a", "b", "y1", "y2"), "mu", 0, 10);
        Object[] ev = wideEvents(model, 700, 71);
        compareAtRandomPoints(model, (EventTable) ev[0], (double[]) ev[1], new double[] {0.3, -0.2, 0.5, -0.4}, 73, 0, 3);
    }

    @Test
    void shapesOnSeparateProcessesAgreeWithTheReferenceKernel() {
        // a on S alone, b on B alone, c on SBI and B, y1/y2 yield-only: the pairs (a, b) and (a, c) share no
        // process (their d2 lambda is 0), (b, c) share B
        MixtureModel model = MixtureModel.of(List.of(
                new Process("S", 40, Coefficient.parse("mu - sqrt(mu)"),
                        new double[] {1.05, 1, 1, 1.1, 1}, new double[] {0.95, 1, 1, 0.92, 1},
                        new boolean[] {true, false, false, false, false}),
                new Process("SBI", 150, Coefficient.parse("sqrt(mu)"),
                        new double[] {1, 1, 1.03, 1, 1.06}, new double[] {1, 1, 0.97, 1, 0.95},
                        new boolean[] {false, false, true, false, false}),
                new Process("B", 400, Coefficient.parse("1"),
                        new double[] {1, 1.02, 1, 1.04, 1.05}, new double[] {1, 0.99, 1, 0.96, 0.97},
                        new boolean[] {false, true, true, false, false})),
                List.of("a", "b", "c", "y1", "y2"), "mu", Double.NaN, 10);
        Object[] ev = wideEvents(model, 800, 61);
        compareAtRandomPoints(model, (EventTable) ev[0], (double[]) ev[1], new double[] {0.2, -0.3, 0.4, -0.5, 0.1}, 63,
                0, 3);
    }

    @Test
    void yieldOnlyParametersBesideNormalisedShapesEqualFiniteDifferences() {
        // both shape parameters normalised per event (process B has both: a mixed process-level term), four
        // yield-only parameters on the per-process sums' path
        MixtureModel plain = yieldOnlyModel();
        MixtureModel model = plain.withNormalisedShapes(new boolean[] {true, true, false, false, false, false, false})
                .withShapeNormalisationFrom(TestModels.randomEvents(plain, 600, 53));
        Nll nll = Nll.of(model, TestModels.randomEvents(plain, 300, 54), null, new double[] {0.1, -0.2, 0.3, 0, -0.4, 0.2, 0});
        SplittableRandom rng = new SplittableRandom(55);
        for (int trial = 0; trial < 6; trial++) {
            double[] theta = new double[8];
            theta[0] = 0.3 + 1.5 * rng.nextDouble();
            for (int k = 1; k < 8; k++) {
                theta[k] = -2.5 + 5 * rng.nextDouble();
            }
            NllDerivativesTest.check(nll, theta, "random point " + java.util.Arrays.toString(theta));
        }
    }

    /**
     * The synthetic analysis's layout at K = 50 (5 shape, 45 yield-only parameters; C = 4), and the off-shell-like model:
     * the kernel that sums the Hessian in register tiles against the kernel before it (which made &nabla;&sup2;&lambda; per
     * event, {@link PerEventHessianNll}) and against the plain reference kernel.
     */
    @Test
    void theTiledHessianAgreesWithTheKernelBeforeItAndTheReferenceAtFiftyParameters() {
        MixtureModel model = TestModels.syntheticLike(5, 45);
        Object[] ev = wideEvents(model, 600, 81);
        EventTable events = (EventTable) ev[0];
        double[] weights = (double[]) ev[1];
        double[] aux = new double[50];
        SplittableRandom rng = new SplittableRandom(82);
        for (int k = 0; k < aux.length; k++) {
            aux[k] = rng.nextDouble() - 0.5;
        }
        Nll before = new PerEventHessianNll(model).load(events, null, weights, aux);
        compareAtRandomPoints(before, model, events, weights, aux, 83, 0, 3);
        compareAtRandomPoints(model, events, weights, aux, 84, 0, 3);
    }

    @Test
    void theTiledHessianAgreesWithTheKernelBeforeItOnTheOffshellLikeModel() {
        MixtureModel model = TestModels.offshellLike();
        Object[] ev = wideEvents(model, 700, 85);
        double[] aux = {0.3, -0.4, 1.2};
        Nll before = new PerEventHessianNll(model).load((EventTable) ev[0], null, (double[]) ev[1], aux);
        compareAtRandomPoints(before, model, (EventTable) ev[0], (double[]) ev[1], aux, 86, 0, 3);
    }

    /**
     * The tiled sums depend on the events and their blocks alone: the same evaluation on four threads at once, each
     * with a workspace of its own, gives the same bits as on one.
     */
    @Test
    void theTiledHessianIsTheSameBitsOnAnyThread() throws Exception {
        MixtureModel model = TestModels.syntheticLike(10, 90);
        EventTable events = TestModels.randomEvents(model, 2 * ColumnarNll.BLOCK + 38, 87);
        double[] aux = new double[100];
        double[] theta = new double[101];
        theta[0] = 1.3;
        for (int k = 1; k < theta.length; k++) {
            theta[k] = 0.05 * (k % 9) - 0.2;
        }
        java.util.function.Supplier<double[]> evaluation = () -> {
            Nll nll = Nll.of(model, events, null, aux);
            double[] g = new double[101];
            double[] h = new double[101 * 101];
            double v = nll.evaluate(theta, g, h);
            double[] all = new double[1 + g.length + h.length];
            all[0] = v;
            System.arraycopy(g, 0, all, 1, g.length);
            System.arraycopy(h, 0, all, 1 + g.length, h.length);
            return all;
        };
        double[] one = evaluation.get();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<double[]>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(evaluation::get));
            }
            for (java.util.concurrent.Future<double[]> run : runs) {
                assertTrue(java.util.Arrays.equals(one, run.get()), "value, gradient and Hessian bit for bit");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aReloadedWorkspaceEqualsAFreshOne() {
        MixtureModel model = TestModels.offshellLike();
        EventTable events = TestModels.randomEvents(model, 2000, 9);
        ColumnarNll workspace = new ColumnarNll(model);
        int[] big = new int[1500];
        for (int j = 0; j < big.length; j++) {
            big[j] = j;
        }
        workspace.load(events, big, null, new double[3]);
        int[] small = {3, 10, 11, 400, 1999};
        double[] counts = {1, 2, 1, 3, 1};
        double[] aux = {0.1, 0.2, -0.3};
        workspace.load(events, small, counts, aux);
        Nll fresh = ReferenceNll.of(model, events.gather(small), counts, aux);
        assertEquals(5, workspace.events());
        double[] theta = {1.1, 0.4, -1.3, 0.2};
        double[] g1 = new double[4];
        double[] g2 = new double[4];
        assertClose(fresh.evaluate(theta, g1, null), workspace.evaluate(theta, g2, null), "value after reload");
        for (int a = 0; a < 4; a++) {
            assertClose(g1[a], g2[a], "gradient after reload");
        }
    }

    /**
     * The NLL remembers its last evaluation with the Hessian (the global fit starting at the conditional fit's
     * minimum gets it uncounted); a workspace loaded with another toy must forget it, or the next toy's first
     * evaluation at the same point would be the previous toy's.
     */
    @Test
    void theLastEvaluationIsRememberedUntilTheWorkspaceIsReloaded() {
        MixtureModel model = TestModels.offshellLike();
        EventTable events = TestModels.randomEvents(model, 300, 12);
        ColumnarNll workspace = new ColumnarNll(model);
        int[] first = {0, 5, 9, 40, 41, 200};
        int[] second = {1, 6, 8, 77, 150, 299};
        double[] counts = {1, 2, 1, 1, 3, 1};
        double[] aux = {0.1, -0.2, 0.3};
        double[] theta = {0.9, 0.3, -0.6, 0.2};
        workspace.load(events, first, counts, aux);
        StructuredHessian h = workspace.newHessian();
        double[] g = new double[4];
        double v1 = workspace.evaluateStructured(theta, g, h);
        double[] g1 = g.clone();
        double[] h1 = new double[16];
        h.toDense(h1);
        StructuredHessian again = workspace.newHessian();
        double[] gAgain = new double[4];
        assertEquals(v1, workspace.evaluateStructured(theta.clone(), gAgain, again), 0.0, "the same point again");
        double[] hAgain = new double[16];
        again.toDense(hAgain);
        assertTrue(java.util.Arrays.equals(g1, gAgain) && java.util.Arrays.equals(h1, hAgain), "the remembered gradient and Hessian");
        assertEquals(1L, workspace.evaluationCounts().get(Nll.Stage.OTHER), "the second call is not an evaluation");
        workspace.load(events, second, counts, aux);
        double v2 = workspace.evaluateStructured(theta, g, h);
        Nll fresh = Nll.of(model, events.gather(second), counts, aux);
        double[] gFresh = new double[4];
        assertClose(fresh.evaluate(theta, gFresh, null), v2, "value after reload at the remembered point");
        for (int a = 0; a < 4; a++) {
            assertClose(gFresh[a], g[a], "gradient after reload at the remembered point");
        }
        assertEquals(2L, workspace.evaluationCounts().get(Nll.Stage.OTHER));
    }

    @Test
    void aNonPositiveDensityNamesTheEventOfTheLoadedList() {
        MixtureModel model = linearModel();
        Object[] ev = wideEvents(model, 40, 6);
        double[] weights = new double[40];
        java.util.Arrays.fill(weights, 1);
        weights[0] = 0;
        Nll fast = Nll.of(model, (EventTable) ev[0], weights, new double[2]);
        Nll ref = ReferenceNll.of(model, (EventTable) ev[0], weights, new double[2]);
        // mu = -2 makes the signal term negative; the reference and the fast kernel name the same event
        double[] theta = {-2, 0, 0};
        NonPositiveDensityException r = assertThrows(NonPositiveDensityException.class, () -> ref.evaluate(theta, null, null));
        NonPositiveDensityException f = assertThrows(NonPositiveDensityException.class, () -> fast.evaluate(theta, null, null));
        assertEquals(r.event(), f.event());
    }

    @Test
    void toysGiveTheSameTestStatisticWithBothKernels() {
        MixtureModel model = TestModels.offshellLike();
        EventTable reference = TestModels.randomEvents(model, 20_000, 12);
        double[] alpha = new double[3];
        double[] wA = AsimovWeights.compute(model, reference, 1.0, alpha).weights();
        SparsePoissonSampler sampler = SparsePoissonSampler.of(wA, alpha);
        ProfileLikelihoodFit fast = new ProfileLikelihoodFit(model, reference);
        TestStatistic statistic = TestStatistic.withDefaults();
        for (int i = 0; i < 30; i++) {
            double mu = 0.25 * (i % 9);
            PseudoExperiment pe = sampler.draw(ToyRandom.forToy(77, 0, i));
            double[] counts = java.util.Arrays.stream(pe.count()).asDoubleStream().toArray();
            TestStatistic.Result r = statistic.at(ReferenceNll.of(model, reference.gather(pe.eventIndex()), counts, pe.aux()), mu);
            ToyFit f = fast.fit(pe, mu);
            assertTrue(r.converged() && f.converged(), "toy " + i);
            assertEquals(r.t(), f.t(), 1e-6, "t of toy " + i + " at mu = " + mu);
            assertEquals(r.global().mu(), f.muHat(), 1e-4, "mu hat of toy " + i);
        }
    }

    @Test
    void evaluationsAreCountedByStage() {
        MixtureModel model = TestModels.offshellLike();
        EventTable events = TestModels.randomEvents(model, 1000, 2);
        Nll nll = Nll.of(model, events, null, new double[3]);
        // the Hessian always: by default a step likely to end a Newton run is evaluated without it first
        new TestStatistic(ProfileFitter.withDefaults().withGradientFirst(false)).at(nll, 1.0);
        Map<Nll.Stage, Long> counts = nll.evaluationCounts();
        assertTrue(counts.get(Nll.Stage.CONDITIONAL) > 0, counts.toString());
        assertTrue(counts.get(Nll.Stage.GLOBAL) > 0, counts.toString());
        assertEquals(17 + 18, counts.get(Nll.Stage.SCAN),
                "the default scan has 17 points, 18 at the conditional fit's alpha with its mu: " + counts);
        assertEquals(0L, counts.get(Nll.Stage.OTHER), counts.toString());
        long hess = nll.hessianCounts().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(counts.get(Nll.Stage.CONDITIONAL) + counts.get(Nll.Stage.GLOBAL), hess, "Newton evaluations carry the Hessian");
    }
}
