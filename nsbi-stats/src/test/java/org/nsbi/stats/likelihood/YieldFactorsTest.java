package org.nsbi.stats.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.model.MixtureModel;

/** {@link YieldFactors} against the model's own yield factor of each pair. */
class YieldFactorsTest {

    @Test
    void everyPairIsTheBitsOfItsModelsYieldFactor() {
        // the synthetic layout (each yield-only parameter with equal kappa on two processes: shared) and the off-shell-like
        for (MixtureModel model : new MixtureModel[] {TestModels.syntheticLike(3, 20), TestModels.offshellLike()}) {
            int nc = model.processCount();
            int nk = model.nuisanceCount();
            int[][] active = new int[nc][];
            for (int c = 0; c < nc; c++) {
                // every parameter, in descending order: any order given is kept
                active[c] = new int[nk];
                for (int i = 0; i < nk; i++) {
                    active[c][i] = nk - 1 - i;
                }
            }
            YieldFactors yields = new YieldFactors(model, active);
            SplittableRandom rng = new SplittableRandom(9);
            double[] theta = new double[1 + nk];
            double[] ref = new double[3];
            for (int trial = 0; trial < 50; trial++) {
                for (int k = 0; k < nk; k++) {
                    theta[1 + k] = trial == 0 ? 0 : -2.5 + 5 * rng.nextDouble();
                }
                yields.evaluate(theta, 1e-300);
                for (int c = 0; c < nc; c++) {
                    assertEquals(c * nk, yields.start[c], "process " + c + "'s first pair");
                    for (int i = 0; i < nk; i++) {
                        int at = yields.start[c] + i;
                        int k = active[c][i];
                        assertEquals(k, yields.k[at]);
                        model.yieldFactor(c, k, theta[1 + k], ref);
                        double g = ref[0] == 0 ? 1e-300 : ref[0];
                        String what = model + ": process " + c + ", parameter " + k + " at " + theta[1 + k];
                        assertEquals(Double.doubleToRawLongBits(g), Double.doubleToRawLongBits(yields.g[at]), "G " + what);
                        assertEquals(Double.doubleToRawLongBits(ref[1] / g), Double.doubleToRawLongBits(yields.u[at]), "G'/G " + what);
                        assertEquals(Double.doubleToRawLongBits(ref[2] / g), Double.doubleToRawLongBits(yields.v[at]), "G''/G " + what);
                    }
                }
            }
        }
    }
}
