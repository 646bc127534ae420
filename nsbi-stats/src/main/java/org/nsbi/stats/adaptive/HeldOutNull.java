package org.nsbi.stats.adaptive;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.nsbi.stats.random.ToyRandom;

/**
 * The p-value of the held-out check's &chi;&sup2; = &Sigma; z&sup2; ({@link SmoothCriticalValues.Check}) from its distribution
 * when the fit is right, by simulation. With few held-out toys at a far-tail level (12 toys at 95.45 %: 0.55 expected
 * above t_c) the count of toys above the fit is far from normal, one point with 3 of them gives z&sup2; &asymp; 10, and the sum
 * has a much longer tail than &chi;&sup2;_dof: a right fit would fail the &chi;&sup2;_dof test at p &lt; 0.01 one time in ten.
 *
 * <p>Each replicate draws, at every point, the coverage c that a fit of N_eff toys delivers, Beta(CL&middot;N_eff,
 * (1 &minus; CL)&middot;N_eff) (mean CL, variance CL(1 &minus; CL) / (N_eff + 1), the fit's own noise), then its n held-out toys,
 * each covered with probability c, and sums z&sup2; exactly as the check does. The p-value is
 * (1 + #{replicates &ge; &chi;&sup2;}) / (1 + {@value #REPLICATES}). The stream is keyed by the counts, the effective toys and
 * CL, so the same toys always give the same p-value.
 */
final class HeldOutNull {

    /** Replicates of the simulated &chi;&sup2;. */
    static final int REPLICATES = 10_000;

    private HeldOutNull() {
    }

    /**
     * P(&Sigma; z&sup2; &ge; chi2) for a right fit.
     *
     * @param chi2      the observed sum
     * @param heldOut   per point, its held-out toys (points with none are skipped)
     * @param effective per point, the effective toys of the fit there (the check's N_eff)
     * @param cl        the confidence level
     */
    static double pValue(double chi2, int[] heldOut, double[] effective, double cl) {
        long[] key = new long[2 * heldOut.length + 1];
        for (int m = 0; m < heldOut.length; m++) {
            key[2 * m] = heldOut[m];
            key[2 * m + 1] = Double.doubleToLongBits(effective[m]);
        }
        key[key.length - 1] = Double.doubleToLongBits(cl);
        UniformRandomProvider rng = ToyRandom.of(0, "held-out-null", key);
        ChengBetaSampler[] coverage = new ChengBetaSampler[heldOut.length];
        double[] scale = new double[heldOut.length];
        for (int m = 0; m < heldOut.length; m++) {
            if (heldOut[m] > 0) {
                coverage[m] = Double.isFinite(effective[m])
                        ? new ChengBetaSampler(rng, cl * effective[m], (1 - cl) * effective[m]) : null;
                scale[m] = Math.sqrt(cl * (1 - cl) * (1.0 / heldOut[m] + 1.0 / effective[m]));
            }
        }
        int beyond = 0;
        for (int r = 0; r < REPLICATES; r++) {
            double sum = 0;
            for (int m = 0; m < heldOut.length; m++) {
                if (heldOut[m] == 0) {
                    continue;
                }
                double c = coverage[m] == null ? cl : coverage[m].sample();
                int in = 0;
                for (int i = 0; i < heldOut[m]; i++) {
                    in += rng.nextDouble() < c ? 1 : 0;
                }
                double z = (in / (double) heldOut[m] - cl) / scale[m];
                sum += z * z;
            }
            beyond += sum >= chi2 ? 1 : 0;
        }
        return (1.0 + beyond) / (1.0 + REPLICATES);
    }
}
