package org.nsbi.model.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

class SyntheticAnalysisTest {

    /** Richardson-extrapolated central differences in direction b: of the NLL (element 0) and of the gradient (1..D). */
    private static double[] fd(Nll nll, double[] theta, int b, double step) {
        double[] coarse = central(nll, theta, b, step);
        double[] fine = central(nll, theta, b, step / 2);
        double[] out = new double[coarse.length];
        for (int a = 0; a < out.length; a++) {
            out[a] = (4 * fine[a] - coarse[a]) / 3;
        }
        return out;
    }

    private static double[] central(Nll nll, double[] theta, int b, double step) {
        double[] tp = theta.clone();
        double[] tm = theta.clone();
        tp[b] += step;
        tm[b] -= step;
        int d = theta.length;
        double[] gp = new double[d];
        double[] gm = new double[d];
        double[] out = new double[1 + d];
        out[0] = (nll.evaluate(tp, gp, null) - nll.evaluate(tm, gm, null)) / (2 * step);
        for (int a = 0; a < d; a++) {
            out[1 + a] = (gp[a] - gm[a]) / (2 * step);
        }
        return out;
    }

    @Test
    void gradientAndHessianEqualFiniteDifferencesWithFiftyNuisanceParameters() {
        SyntheticAnalysis analysis = SyntheticAnalysis.of(new SyntheticSpec(4, 5, 45, 300, 300, 17));
        MixtureModel model = analysis.model();
        assertEquals(50, model.nuisanceCount(), "K = K_shape + K_yield");
        SyntheticAnalysis.Events events = analysis.referenceBlock(0);
        SplittableRandom rng = new SplittableRandom(3);
        double[] aux = new double[50];
        for (int k = 0; k < 50; k++) {
            aux[k] = rng.nextDouble(-1, 1);
        }
        Nll nll = Nll.of(model, events.table(), null, aux);
        int d = nll.dimension();
        // inside the polynomial region (|alpha| < 1) and beyond it (the exponential branches)
        for (double spread : new double[] {0.8, 2.5}) {
            double[] theta = new double[d];
            theta[0] = 0.5 + 2 * rng.nextDouble();
            for (int k = 1; k < d; k++) {
                theta[k] = rng.nextDouble(-spread, spread);
                if (Math.abs(Math.abs(theta[k]) - 1) < 0.01) {
                    theta[k] += 0.05; // keep the finite differences off the join at |alpha| = 1
                }
            }
            double[] grad = new double[d];
            double[] hess = new double[d * d];
            nll.evaluate(theta, grad, hess);
            for (int b = 0; b < d; b++) {
                double[] numeric = fd(nll, theta, b, 1e-4);
                double g = numeric[0];
                assertEquals(g, grad[b], 1e-6 * Math.max(1, Math.abs(g)), "dNLL/dtheta" + b + " at spread " + spread);
                for (int a = 0; a < d; a++) {
                    double h = numeric[1 + a];
                    assertEquals(h, hess[a * d + b], 1e-6 * Math.max(1, Math.abs(h)),
                            "d2NLL/dtheta" + a + "dtheta" + b + " at spread " + spread);
                }
            }
        }
    }

    @Test
    void aBlockIsAFunctionOfTheSeedAndItsIndexOnly() {
        SyntheticSpec spec = new SyntheticSpec(3, 2, 4, 1000, 128, 5);
        SyntheticAnalysis one = SyntheticAnalysis.of(spec);
        SyntheticAnalysis other = SyntheticAnalysis.of(spec);
        SyntheticAnalysis.Events late = other.referenceBlock(7);
        other.referenceBlock(2);
        SyntheticAnalysis.Events early = one.referenceBlock(7);
        assertEquals(1000 - 7 * 128, early.x().length, "the last block holds the rest");
        assertArrayEquals(early.x(), late.x(), "block 7 is the same events in any order, on any instance");
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < early.x().length; i++) {
                assertEquals(early.table().ratio(c, i), late.table().ratio(c, i), "ratio of process " + c + ", event " + i);
            }
        }
        assertTrue(!Arrays.equals(one.referenceBlock(6).x(), early.x()), "blocks draw from different streams");
        assertThrows(IllegalArgumentException.class, () -> one.referenceBlock(8), "there are 8 blocks");
        SyntheticAnalysis reseeded = SyntheticAnalysis.of(new SyntheticSpec(3, 2, 4, 1000, 128, 6));
        assertTrue(!Arrays.equals(reseeded.referenceBlock(7).x(), early.x()), "another seed, other events");
    }

    @Test
    void theReferenceRatiosCloseAndTheAsimovYieldIsTheModelYield() {
        SyntheticAnalysis analysis = SyntheticAnalysis.of(new SyntheticSpec(3, 3, 6, 40_000, 40_000, 11));
        MixtureModel model = analysis.model();
        EventTable ref = analysis.referenceBlock(0).table();
        double total = ref.sumOfWeights();
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double sum2 = 0;
            for (int i = 0; i < ref.size(); i++) {
                double v = ref.weight(i) / total * ref.ratio(c, i);
                sum += v;
                sum2 += v * v;
            }
            double err = Math.sqrt(sum2);
            assertEquals(1, sum, 5 * err, "closure of process " + c + " (MC error " + err + ")");
        }
        for (int k = 0; k < 3; k++) {
            int c = 1 + k % 2;
            assertTrue(ref.hasShape(c, k), "shape parameter " + k + " acts on background " + c);
            assertTrue(!ref.hasShape(0, k), "shape parameter " + k + " leaves the signal's shape alone");
            double sum = 0;
            for (int i = 0; i < ref.size(); i++) {
                sum += ref.weight(i) / total * ref.ratio(c, i) * ref.up(c, k, i);
            }
            assertEquals(1, sum, 0.02, "p_c(x|+1) integrates to 1 (shape " + k + ")");
        }
        double[] alpha = new double[9];
        alpha[0] = 0.7;
        alpha[5] = -1.3;
        AsimovWeights a = AsimovWeights.compute(model, ref, 1.5, alpha);
        assertEquals(1, a.closure(), 0.02, "sum of Asimov weights over the yield");
    }

    @Test
    void observedEventsFollowTheMixtureDensity() {
        SyntheticAnalysis analysis = SyntheticAnalysis.of(new SyntheticSpec(3, 1, 2, 10, 10, 23));
        MixtureModel model = analysis.model();
        double mu = 2;
        double[] f = model.processNormalisations(mu, new double[3]);
        double nu = Arrays.stream(f).sum();
        SyntheticAnalysis.Observation obs = analysis.observed(mu, 0);
        float[] x = obs.events().x().clone();
        int n = x.length;
        assertEquals(nu, n, 5 * Math.sqrt(nu), "the number of events is Poisson(nu)");
        Arrays.sort(x);
        double dMax = 0;
        for (int i = 0; i < n; i++) {
            double cdf = 0;
            for (int c = 0; c < 3; c++) {
                cdf += f[c] / nu * mixtureCdf(analysis, c, x[i]);
            }
            dMax = Math.max(dMax, Math.max(Math.abs(cdf - (double) i / n), Math.abs(cdf - (i + 1.0) / n)));
        }
        // Kolmogorov-Smirnov at the 1% level
        assertTrue(dMax < 1.63 / Math.sqrt(n), "KS distance " + dMax + " of " + n + " observed events");
        assertEquals(3, obs.aux().length, "one auxiliary measurement per nuisance parameter");
        assertArrayEquals(obs.aux(), analysis.observed(mu, 0).aux(), "the same key draws the same data");
    }

    /** &int;_0^x p_c, by the trapezoidal rule (p_c is smooth). */
    private static double mixtureCdf(SyntheticAnalysis a, int c, double x) {
        int steps = 2000;
        double h = x / steps;
        double s = 0.5 * (a.density(c, 0) + a.density(c, x));
        for (int i = 1; i < steps; i++) {
            s += a.density(c, i * h);
        }
        return s * h;
    }
}
