package org.nsbi.stats.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/** {@link YieldBlock}: the NLL in the yield-only parameters alone, against the full kernel and finite differences. */
class YieldBlockTest {

    /** A toy of the model: its events with Poisson-like weights (some 0) and random auxiliary measurements. */
    private static ColumnarNll toy(MixtureModel model, int n, long seed) {
        EventTable events = TestModels.randomEvents(model, n, seed);
        SplittableRandom rng = new SplittableRandom(seed + 1);
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = rng.nextInt(4);
        }
        double[] aux = new double[model.nuisanceCount()];
        for (int k = 0; k < aux.length; k++) {
            aux[k] = rng.nextGaussian();
        }
        return new ColumnarNll(model).load(events, null, weights, aux);
    }

    /**
     * A point where the block applies: the first parameter (&mu; or &radic;&mu;) in [0.3, 1.2], the parameters with a shape
     * effect 0, the yield-only ones up to 2.5 in size (a third beyond 1, the exponential branches), some exactly 0.
     */
    private static double[] point(YieldBlock block, SplittableRandom rng, int d) {
        double[] theta = new double[d];
        theta[0] = 0.3 + 0.9 * rng.nextDouble();
        for (int a = 1; a < d; a++) {
            theta[a] = !block.isYieldOnly(a) || rng.nextInt(5) == 0 ? 0 : -2.5 + 5 * rng.nextDouble();
        }
        return theta;
    }

    private static void close(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance * Math.max(1, Math.abs(expected)), what);
    }

    /**
     * Prepared at one point and moved in the yield-only parameters (also to 0 exactly), its value, gradient and Hessian are
     * the full kernel's at the new point (value and gradient in Y, the Hessian's Y-Y entries) to 1e-10.
     */
    private static void agreesWithTheFullKernel(MixtureModel model, long seed) {
        ColumnarNll nll = toy(model, 700, seed);
        YieldBlock block = YieldBlock.of(nll);
        int d = nll.dimension();
        SplittableRandom rng = new SplittableRandom(seed + 2);
        StructuredHessian full = nll.newHessian();
        StructuredHessian mine = nll.newHessian();
        int yields = 0;
        for (int trial = 0; trial < 12; trial++) {
            double[] theta0 = point(block, rng, d);
            double[] g = new double[d];
            double[] gFull = new double[d];
            // at the prepared point itself, then moved
            double v = block.prepare(nll, theta0, g, mine);
            close(nll.evaluateStructured(theta0, gFull, full), v, 1e-10, "value at the prepared point");
            double[] theta = theta0.clone();
            for (int a = 1; a < d; a++) {
                if (block.isYieldOnly(a)) {
                    theta[a] = trial % 3 == 0 ? 0 : -2.5 + 5 * rng.nextDouble();
                    yields++;
                }
            }
            v = block.evaluate(nll, theta, g, mine);
            double vFull = nll.evaluateStructured(theta, gFull, full);
            String at = "at " + Arrays.toString(theta) + " from " + Arrays.toString(theta0);
            close(vFull, v, 1e-10, "value " + at);
            for (int a = 0; a < d; a++) {
                if (block.isYieldOnly(a)) {
                    close(gFull[a], g[a], 1e-10, "d/dtheta" + a + " " + at);
                    for (int b = 0; b < d; b++) {
                        if (block.isYieldOnly(b)) {
                            close(full.get(a, b), mine.get(a, b), 1e-10, "d2/dtheta" + a + "dtheta" + b + " " + at);
                        }
                    }
                } else {
                    assertEquals(0, g[a], "the gradient of a parameter held");
                }
            }
        }
        assertTrue(yields > 0);
    }

    @Test
    void theSyntheticLayoutsYieldBlockIsTheFullKernelsRestricted() {
        agreesWithTheFullKernel(TestModels.syntheticLike(3, 12), 3);
    }

    @Test
    void theOffshellLikeYieldBlockIsTheFullKernelsRestricted() {
        agreesWithTheFullKernel(TestModels.offshellLike(), 5);
    }

    /** The gradient and the Hessian against central differences of the block's own value and gradient, at K = 50. */
    @Test
    void derivativesAreFiniteDifferencesOfTheValue() {
        MixtureModel model = TestModels.syntheticLike(5, 45);
        ColumnarNll nll = toy(model, 600, 7);
        YieldBlock block = YieldBlock.of(nll);
        int d = nll.dimension();
        SplittableRandom rng = new SplittableRandom(8);
        double[] theta = point(block, rng, d);
        StructuredHessian h = nll.newHessian();
        double[] g = new double[d];
        block.prepare(nll, theta, null, null);
        block.evaluate(nll, theta, g, h);
        double step = 1e-5;
        double[] gp = new double[d];
        double[] gm = new double[d];
        for (int a = 1; a < d; a++) {
            if (!block.isYieldOnly(a)) {
                continue;
            }
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[a] += step;
            minus[a] -= step;
            double fd = (block.evaluate(nll, plus, gp, null) - block.evaluate(nll, minus, gm, null)) / (2 * step);
            close(fd, g[a], 1e-6, "d/dtheta" + a);
            for (int b = 1; b < d; b++) {
                if (block.isYieldOnly(b)) {
                    close((gp[b] - gm[b]) / (2 * step), h.get(a, b), 1e-6, "d2/dtheta" + a + "dtheta" + b);
                }
            }
        }
    }

    @Test
    void onlyTheYieldOnlyParametersMayMoveFromAStartWithTheShapesAtZero() {
        MixtureModel model = TestModels.syntheticLike(2, 4);
        ColumnarNll nll = toy(model, 100, 9);
        YieldBlock block = YieldBlock.of(nll);
        double[] theta = new double[nll.dimension()];
        theta[0] = 1;
        theta[1] = 0.5; // a shape parameter
        assertFalse(block.applies(theta));
        assertThrows(IllegalArgumentException.class, () -> block.prepare(nll, theta, null, null));
        theta[1] = 0;
        theta[4] = 0.7; // a yield-only one
        assertTrue(block.applies(theta));
        block.prepare(nll, theta, null, null);
        theta[0] = 1.1;
        assertThrows(IllegalArgumentException.class, () -> block.evaluate(nll, theta, null, null), "mu moved");
        theta[0] = 1;
        assertThrows(IllegalStateException.class, () -> block.evaluate(toy(model, 100, 10), theta, null, null),
                "prepared on another NLL");
        assertNull(YieldBlock.of(new ColumnarNll(TestModels.syntheticLike(2, 0))), "no yield-only parameters, no block");
        assertThrows(IllegalArgumentException.class,
                () -> block.prepare(new ColumnarNll(TestModels.offshellLike()), new double[4], null, null));
    }
}
