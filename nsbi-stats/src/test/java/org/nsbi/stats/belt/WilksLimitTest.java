package org.nsbi.stats.belt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyBlockRunner;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * Wilks' limit (primer section 4): a model linear in mu with large yields, fitted unbinned with the full
 * likelihood over thousands of events per toy; with 20,000 toys the critical values approach the chi2_1
 * quantiles 1.00 and 4.00.
 */
class WilksLimitTest {

    @Test
    void criticalValuesApproachOneAndFour() {
        MixtureModel model = MixtureModel.of(List.of(
                Process.unaffected("S", 300, Coefficient.parse("mu"), 0),
                Process.unaffected("B", 1500, Coefficient.parse("1"), 0)), List.of(), "mu", -5, 5);
        int n = 10_000;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        float[] w = new float[n];
        float[] rs = new float[n];
        float[] rb = new float[n];
        for (int i = 0; i < n; i++) {
            double x = rng.nextDouble(); // reference: uniform in x; signal ~ 2x, background ~ 2(1-x)
            w[i] = 1f;
            rs[i] = (float) (2 * x);
            rb[i] = (float) (2 * (1 - x));
        }
        EventTable reference = EventTable.of(model, w, new float[][] {rs, rb}, null, null);
        double[] asimov = AsimovWeights.compute(model, reference, 1.0, new double[0]).weights();
        List<ToyOutcome> toys = new ArrayList<>(ToyBlockRunner.run(7, 0, 1.0, 0, 20_000,
                SparsePoissonSampler.of(asimov, new double[0]), new ProfileLikelihoodFit(model, reference)));
        Belt belt = Belt.build(new double[] {1.0}, toys, List.of(0.6827, 0.9545));
        BeltPoint one = belt.point(0, 0.6827);
        BeltPoint two = belt.point(0, 0.9545);
        System.out.println("Wilks limit, 20000 toys: t_c(68.27%) = " + one.tCrit() + " [" + one.tCritLo() + ", "
                + one.tCritHi() + "], t_c(95.45%) = " + two.tCrit() + " [" + two.tCritLo() + ", " + two.tCritHi() + "]");
        assertEquals(0, one.nFailed(), "no failed fits");
        assertEquals(1.00, one.tCrit(), 0.05);
        assertEquals(4.00, two.tCrit(), 0.20);
    }
}
