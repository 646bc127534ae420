package org.nsbi.stats.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.model.Code4Interpolation;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.ShapeNormalisation;

/**
 * {@code shape_normalisation: per_event} (issue 12 item 6): each process's per-event shape factor divided by its
 * reference-sample mean. Checked against the definition evaluated event by event (closure to 1e-12 at any
 * &alpha;, the NLL's value), and the NLL's gradient and Hessian against finite differences.
 */
class ShapeNormalisationTest {

    /** The off-shell-like model with both shape parameters (scale on every process, shape on NI) normalised. */
    private static MixtureModel normalised() {
        return TestModels.offshellLike().withNormalisedShapes(new boolean[] {true, false, true});
    }

    /**
     * A reference sample whose shape factors do not average to 1 under p_c: r&plusmn; = e^&epsilon;&plusmn; with
     * independent &epsilon;+ and &epsilon;&minus; (so a shape buys events, the case the option is for), and weights not all 1.
     */
    static EventTable lopsidedReference(MixtureModel model, int n, long seed) {
        return shapedReference(model, n, seed, -0.1, 0.4, -0.3, 0.4);
    }

    /** Random events with ln r+ uniform in [upFrom, upFrom + upWidth), ln r&minus; likewise. */
    private static EventTable shapedReference(MixtureModel model, int n, long seed, double upFrom, double upWidth,
                                              double downFrom, double downWidth) {
        SplittableRandom rng = new SplittableRandom(seed);
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        float[] w = new float[n];
        float[][] r = new float[nc][n];
        float[][][] up = new float[nc][nk][];
        float[][][] down = new float[nc][nk][];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (0.5 + rng.nextDouble());
        }
        for (int c = 0; c < nc; c++) {
            for (int i = 0; i < n; i++) {
                r[c][i] = (float) (0.3 + 1.5 * rng.nextDouble());
            }
            for (int k = 0; k < nk; k++) {
                if (model.process(c).shape()[k]) {
                    up[c][k] = new float[n];
                    down[c][k] = new float[n];
                    for (int i = 0; i < n; i++) {
                        up[c][k][i] = (float) Math.exp(upFrom + upWidth * rng.nextDouble());
                        down[c][k][i] = (float) Math.exp(downFrom + downWidth * rng.nextDouble());
                    }
                }
            }
        }
        return EventTable.of(model, w, r, up, down);
    }

    /** g_c(x_i|&alpha;) of the model's shapes, event by event from the table's ratios (only the flagged parameters). */
    private static double shapeFactor(MixtureModel model, EventTable t, int c, int i, double[] alpha, boolean[] which) {
        double g = 1;
        for (int k = 0; k < model.nuisanceCount(); k++) {
            if (which[k] && t.hasShape(c, k)) {
                double lu = t.logUp(c, k, i);
                double ld = t.logDown(c, k, i);
                double[] a = new double[6];
                double[] v = new double[3];
                Code4Interpolation.coefficients(Math.max(t.up(c, k, i), Code4Interpolation.MIN_RATIO),
                        Math.max(t.down(c, k, i), Code4Interpolation.MIN_RATIO), lu, ld, a, 0);
                Code4Interpolation.evaluate(alpha[k], a, 0, lu, ld, v);
                g *= v[0];
            }
        }
        return g;
    }

    private static final double[][] ALPHAS = {
            {0, 0, 0}, {0.3, 0.5, -0.7}, {-0.99, 0, 0.999}, {1, 0, -1}, {1.7, -2, 0.4}, {-0.2, 3, -3.5}, {4.2, 1, 2.5},
            {-4.9, 0, -4.9}};

    @Test
    void theNormalisedShapesAverageToOneUnderEachProcessAtAnyAlpha() {
        MixtureModel plain = TestModels.offshellLike();
        EventTable ref = lopsidedReference(plain, 2000, 3);
        MixtureModel model = normalised().withShapeNormalisationFrom(ref);
        ShapeNormalisation norm = model.shapeNormalisation();
        boolean[] all = {true, true, true};
        for (double[] alpha : ALPHAS) {
            for (int c = 0; c < model.processCount(); c++) {
                double num = 0;
                double den = 0;
                for (int i = 0; i < ref.size(); i++) {
                    double wr = (double) ref.weight(i) * ref.ratio(c, i);
                    num += wr * shapeFactor(model, ref, c, i, alpha, all) / norm.value(c, alpha);
                    den += wr;
                }
                assertEquals(1, num / den, 1e-12, "closure of " + model.process(c).name() + " at alpha = "
                        + java.util.Arrays.toString(alpha));
            }
        }
        // the sample does buy events: without the option the mean is off 1, so the closure above is the option's doing
        double off = 0;
        for (int i = 0; i < ref.size(); i++) {
            off += (double) ref.weight(i) * ref.ratio(3, i) * shapeFactor(model, ref, 3, i, new double[] {0, 0, 2}, all);
        }
        double den = 0;
        for (int i = 0; i < ref.size(); i++) {
            den += (double) ref.weight(i) * ref.ratio(3, i);
        }
        assertTrue(Math.abs(off / den - 1) > 0.05, "unnormalised mean of NI's shape at alpha_shape = 2: " + off / den);
    }

    /**
     * The cached expansion (power series per cell, moments summed once) against the plain pass over the reference, at
     * cell edges, inside cells, in every combination of regions, for small shapes and for large ones (|ln r| up to 3,
     * cells narrower than 1 and long Taylor series).
     */
    @Test
    void theCachedExpansionEqualsThePlainPassOverTheReference() {
        MixtureModel plain = TestModels.offshellLike();
        EventTable small = lopsidedReference(plain, 500, 21);
        EventTable large = steepReference(plain, 500, 22);
        double[] grid = {-5, -4.3, -3.01, -2, -1.5, -1, -0.999, -0.4, 0, 0.7, 0.9999, 1, 1.0001, 1.5, 1.67, 2.5, 3.3, 4.99, 5};
        SplittableRandom rng = new SplittableRandom(23);
        for (EventTable ref : new EventTable[] {small, large}) {
            ShapeNormalisation norm = normalised().withShapeNormalisationFrom(ref).shapeNormalisation();
            for (int trial = 0; trial < 120; trial++) {
                double[] alpha = {grid[rng.nextInt(grid.length)], rng.nextDouble() - 0.5, grid[rng.nextInt(grid.length)]};
                for (int c = 0; c < plain.processCount(); c++) {
                    double[] fast = new double[13];
                    double[] slow = new double[13];
                    norm.evaluate(c, alpha, true, fast);
                    norm.evaluateDirect(c, alpha, true, slow);
                    for (int i = 0; i < fast.length; i++) {
                        assertEquals(slow[i], fast[i], 1e-12 * Math.max(Math.abs(slow[0]), Math.abs(slow[i])),
                                "entry " + i + " of " + plain.process(c).name() + " at " + java.util.Arrays.toString(alpha));
                    }
                }
            }
        }
    }

    /** Like {@link #lopsidedReference} with shape ratios e^&epsilon;, &epsilon; in (&minus;3, 3): cells narrower than 1. */
    private static EventTable steepReference(MixtureModel model, int n, long seed) {
        return shapedReference(model, n, seed, -3, 6, -3, 6);
    }

    @Test
    void theNormalisationsDerivativesEqualFiniteDifferencesInsideAndBeyondOne() {
        MixtureModel plain = TestModels.offshellLike();
        MixtureModel model = normalised().withShapeNormalisationFrom(lopsidedReference(plain, 400, 8));
        ShapeNormalisation norm = model.shapeNormalisation();
        int nk = 3;
        double h = 1e-5;
        for (double[] alpha : new double[][] {{0.3, 0.5, -0.7}, {1.7, -2, 0.4}, {-1.4, 0, -2.5}, {0.2, 0, 1.6}}) {
            for (int c = 0; c < model.processCount(); c++) {
                double[] out = new double[1 + nk + nk * nk];
                norm.evaluate(c, alpha, true, out);
                for (int k = 0; k < nk; k++) {
                    double[] p = alpha.clone();
                    double[] m = alpha.clone();
                    p[k] += h;
                    m[k] -= h;
                    double[] op = new double[out.length];
                    double[] om = new double[out.length];
                    norm.evaluate(c, p, true, op);
                    norm.evaluate(c, m, true, om);
                    String where = model.process(c).name() + " at " + java.util.Arrays.toString(alpha) + ", k = " + k;
                    assertEquals((op[0] - om[0]) / (2 * h), out[1 + k], 1e-8, "dN/dk " + where);
                    for (int l = 0; l < nk; l++) {
                        assertEquals((op[1 + l] - om[1 + l]) / (2 * h), out[1 + nk + k * nk + l], 1e-7,
                                "d2N/dk dl, l = " + l + ", " + where);
                    }
                }
            }
        }
    }

    @Test
    void theNllIsTheDefinitionWithTheShapesDividedByTheirMeans() {
        MixtureModel plain = TestModels.offshellLike();
        EventTable ref = lopsidedReference(plain, 600, 5);
        MixtureModel model = normalised().withShapeNormalisationFrom(ref);
        EventTable data = lopsidedReference(plain, 150, 6);
        double[] aux = {0.2, -0.1, 0.3};
        Nll nll = Nll.of(model, data, null, aux);
        boolean[] all = {true, true, true};
        for (double[] alpha : ALPHAS) {
            double mu = 1.3;
            double[] f = model.processNormalisations(mu, alpha);
            double expected = model.expectedYield(mu, alpha);
            for (int i = 0; i < data.size(); i++) {
                double lam = 0;
                for (int c = 0; c < model.processCount(); c++) {
                    double n = model.shapeNormalisation().normalises(c) ? model.shapeNormalisation().value(c, alpha) : 1;
                    lam += f[c] * data.ratio(c, i) * shapeFactor(model, data, c, i, alpha, all) / n;
                }
                expected -= data.weight(i) * Math.log(lam);
            }
            for (int k = 0; k < 3; k++) {
                expected += 0.5 * (alpha[k] - aux[k]) * (alpha[k] - aux[k]);
            }
            assertEquals(expected, nll.value(mu, alpha), 1e-9 * Math.abs(expected), "alpha = " + java.util.Arrays.toString(alpha));
            assertEquals(expected, nll.valuesAtFixedAlpha(alpha, new double[] {mu})[0], 1e-9 * Math.abs(expected),
                    "scan at alpha = " + java.util.Arrays.toString(alpha));
        }
    }

    @Test
    void gradientAndHessianOfTheNormalisedNllEqualFiniteDifferences() {
        MixtureModel plain = TestModels.offshellLike();
        MixtureModel model = normalised().withShapeNormalisationFrom(lopsidedReference(plain, 400, 9));
        Nll nll = Nll.of(model, lopsidedReference(plain, 200, 10), null, new double[] {0.3, -0.2, 0.1});
        SplittableRandom rng = new SplittableRandom(12);
        for (int trial = 0; trial < 10; trial++) {
            double[] theta = {0.2 + 1.6 * rng.nextDouble(), -2.5 + 5 * rng.nextDouble(), -2.5 + 5 * rng.nextDouble(),
                    -2.5 + 5 * rng.nextDouble()};
            NllDerivativesTest.check(nll, theta, "random point " + java.util.Arrays.toString(theta));
        }
        NllDerivativesTest.check(nll, new double[] {1.1, 0.4, 0.2, -0.6}, "inside +-1");
    }

    @Test
    void asimovWeightsOfNormalisedShapesSumToTheYieldTimesTheClosures() {
        MixtureModel plain = TestModels.offshellLike();
        EventTable ref = lopsidedReference(plain, 800, 4);
        MixtureModel model = normalised().withShapeNormalisationFrom(ref);
        double total = ref.sumOfWeights();
        for (double[] alpha : ALPHAS) {
            double mu = 0.7;
            double[] f = model.processNormalisations(mu, alpha);
            double expected = 0;
            for (int c = 0; c < model.processCount(); c++) {
                double closure = 0;
                for (int i = 0; i < ref.size(); i++) {
                    closure += (double) ref.weight(i) * ref.ratio(c, i) / total;
                }
                expected += f[c] * closure;
            }
            assertEquals(expected, AsimovWeights.compute(model, ref, mu, alpha).sum(), 1e-11 * expected,
                    "alpha = " + java.util.Arrays.toString(alpha));
        }
    }

    @Test
    void aModelWithNormalisedShapesButNoReferenceIsRefusedWhenItIsEvaluated() {
        MixtureModel model = normalised();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Nll.of(model, lopsidedReference(TestModels.offshellLike(), 10, 1), null, new double[3]));
        assertTrue(e.getMessage().contains("[scale, shape] are normalised"), e.getMessage());
    }
}
