package org.nsbi.stats.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/** The held-out check's p-value against held-out counts drawn from the null exactly (a distributional test). */
class HeldOutNullTest {

    @Test
    void thePValueRejectsARightFitAtItsNominalRateWhereChiSquaredDofRejectsFourTimesTooOften() {
        // 17 points with 12 held-out toys at 95.45 % and a fit of exactly the right coverage (infinite effective toys):
        // each point's covered count is Binomial(12, 0.9545); 0.55 toys expected above t_c
        double cl = 0.9545;
        int[] heldOut = new int[17];
        Arrays.fill(heldOut, 12);
        double[] effective = new double[17];
        Arrays.fill(effective, Double.POSITIVE_INFINITY);
        SplittableRandom rng = new SplittableRandom(5);
        int sets = 400;
        int atOnePercent = 0;
        int atFivePercent = 0;
        int chi2DofAtOnePercent = 0;
        ChiSquaredDistribution dof = new ChiSquaredDistribution(null, 17);
        for (int s = 0; s < sets; s++) {
            double chi2 = 0;
            for (int n : heldOut) {
                int in = 0;
                for (int i = 0; i < n; i++) {
                    in += rng.nextDouble() < cl ? 1 : 0;
                }
                double z = (in / (double) n - cl) / Math.sqrt(cl * (1 - cl) / n);
                chi2 += z * z;
            }
            double p = HeldOutNull.pValue(chi2, heldOut, effective, cl);
            atOnePercent += p <= 0.01 ? 1 : 0;
            atFivePercent += p <= 0.05 ? 1 : 0;
            chi2DofAtOnePercent += 1 - dof.cumulativeProbability(chi2) <= 0.01 ? 1 : 0;
        }
        // binomial errors over 400 sets: 1 % +- 0.5 %, 5 % +- 1.1 %; the counts are discrete, so p is at most nominal
        assertTrue(atOnePercent <= 0.01 * sets + 3 * Math.sqrt(0.01 * 0.99 * sets), atOnePercent + " of " + sets + " at 1 %");
        assertEquals(0.05 * sets, atFivePercent, 3 * Math.sqrt(0.05 * 0.95 * sets), "at 5 %");
        // the chi2_dof reference of the previous check rejects ~4.6 % at its 1 % (simulated with 2e5 sets)
        assertTrue(chi2DofAtOnePercent >= 0.025 * sets, chi2DofAtOnePercent + " of " + sets + " by chi2_dof at 1 %");
    }

    @Test
    void theSameCountsGiveTheSamePValueAndALargerChi2ASmallerOne() {
        int[] heldOut = {12, 25, 100, 0};
        double[] effective = {60, 120, 400, 50};
        double p = HeldOutNull.pValue(5.0, heldOut, effective, 0.9545);
        assertEquals(p, HeldOutNull.pValue(5.0, heldOut, effective, 0.9545), 0.0, "keyed by the counts");
        assertTrue(HeldOutNull.pValue(15.0, heldOut, effective, 0.9545) < p);
        assertEquals(1.0, HeldOutNull.pValue(0.0, heldOut, effective, 0.9545), 0.0, "every replicate is >= 0");
    }
}
