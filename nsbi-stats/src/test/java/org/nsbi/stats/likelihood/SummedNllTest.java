package org.nsbi.stats.likelihood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.fit.FitResult;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/** An NLL summed over parts of the events equals the NLL of all of them. */
class SummedNllTest {

    private static final double[] AUX = {0.3, -0.2, 0.1};

    private static List<EventPart> parts(MixtureModel model, EventTable events, double[] weights, int... cuts) {
        List<EventPart> parts = new ArrayList<>();
        int from = 0;
        for (int p = 0; p <= cuts.length; p++) {
            int to = p < cuts.length ? cuts[p] : events.size();
            int[] idx = new int[to - from];
            double[] w = weights == null ? null : new double[to - from];
            for (int i = from; i < to; i++) {
                idx[i - from] = i;
                if (w != null) {
                    w[i - from] = weights[i];
                }
            }
            parts.add(EventPart.of(model, events.gather(idx), w));
            from = to;
        }
        return parts;
    }

    @Test
    void valueGradientHessianAndScanEqualTheWholeTable() {
        MixtureModel model = TestModels.offshellLike();
        EventTable events = TestModels.randomEvents(model, 600, 3);
        double[] weights = new SplittableRandom(1).doubles(600, 0, 2).toArray();
        Nll whole = Nll.of(model, events, weights, AUX);
        Nll summed = SummedNll.local(model, AUX, parts(model, events, weights, 100, 101, 350));
        assertEquals(whole.events(), summed.events(), "events");
        assertEquals(whole.sumOfWeights(), summed.sumOfWeights(), 1e-9, "sum of weights");
        SplittableRandom rng = new SplittableRandom(9);
        for (int trial = 0; trial < 10; trial++) {
            double[] theta = {0.2 + 0.8 * rng.nextDouble(), rng.nextDouble(-2, 2), rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
            double[] g1 = new double[4];
            double[] h1 = new double[16];
            double[] g2 = new double[4];
            double[] h2 = new double[16];
            double v1 = whole.evaluate(theta, g1, h1);
            double v2 = summed.evaluate(theta, g2, h2);
            assertEquals(v1, v2, 1e-10 * Math.abs(v1), "NLL at trial " + trial);
            for (int a = 0; a < 4; a++) {
                assertEquals(g1[a], g2[a], 1e-9 * Math.max(1, Math.abs(g1[a])), "gradient " + a + " at trial " + trial);
            }
            for (int a = 0; a < 16; a++) {
                assertEquals(h1[a], h2[a], 1e-9 * Math.max(1, Math.abs(h1[a])), "Hessian " + a + " at trial " + trial);
            }
            assertEquals(v1, summed.evaluate(theta, null, null), 1e-10 * Math.abs(v1), "value alone");
        }
        double[] mus = {0, 0.3, 0.9};
        double[] alpha = {0.5, -0.4, 1.2};
        double[] s1 = whole.valuesAtFixedAlpha(alpha, mus);
        double[] s2 = summed.valuesAtFixedAlpha(alpha, mus);
        for (int m = 0; m < mus.length; m++) {
            assertEquals(s1[m], s2[m], 1e-10 * Math.abs(s1[m]), "scan at mu = " + mus[m]);
        }
    }

    @Test
    void theFitterFindsTheSameMinimaOnTheSummedNll() {
        MixtureModel model = TestModels.offshellLike();
        EventTable events = TestModels.randomEvents(model, 800, 21);
        Nll whole = Nll.of(model, events, null, AUX);
        Nll summed = SummedNll.local(model, AUX, parts(model, events, null, 200, 600));
        ProfileFitter fitter = ProfileFitter.withDefaults();
        FitResult g1 = fitter.global(whole);
        FitResult g2 = fitter.global(summed);
        assertTrue(g1.converged() && g2.converged(), "both global fits converge");
        assertEquals(g1.nll(), g2.nll(), 1e-9, "global minimum");
        assertEquals(g1.mu(), g2.mu(), 1e-6, "mu-hat");
        assertArrayEquals(g1.alpha(), g2.alpha(), 1e-6, "alpha-hat");
        for (double mu : new double[] {0.1, 0.6, 1.5}) {
            FitResult c1 = fitter.conditional(whole, mu);
            FitResult c2 = fitter.conditional(summed, mu);
            assertEquals(2 * (c1.nll() - g1.nll()), 2 * (c2.nll() - g2.nll()), 1e-9, "t at mu = " + mu);
        }
    }

    @Test
    void aNonPositiveDensityInAPartIsThrownAsInTheWholeTable() {
        // signal only, f = mu: at mu = 0 every density is 0
        MixtureModel model = MixtureModel.of(List.of(Process.unaffected("S", 10, Coefficient.parse("mu"), 0)), List.of(),
                "mu", 0, 5);
        float[] w = {1, 1, 1, 1};
        EventTable events = EventTable.of(model, w, new float[][] {{0.5f, 1, 1.5f, 2}}, new float[1][0][], new float[1][0][]);
        Nll whole = Nll.of(model, events, null, new double[0]);
        Nll summed = SummedNll.local(model, new double[0], parts(model, events, null, 2));
        double[] zero = {0};
        assertThrows(NonPositiveDensityException.class, () -> whole.evaluate(zero, null, null), "the whole table throws");
        NonPositiveDensityException e = assertThrows(NonPositiveDensityException.class,
                () -> summed.evaluate(zero, new double[1], new double[1]), "the summed NLL throws where the whole one does");
        assertTrue(e.getMessage().contains("mu = 0.0"), e.getMessage());
        assertEquals(whole.evaluate(new double[] {1}, null, null), summed.evaluate(new double[] {1}, null, null), 1e-12,
                "and is finite where the whole one is");
    }
}
