package org.nsbi.stats.adaptive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The bootstrap band of the smooth critical values against the scatter of independent repeats, and the adaptive
 * schedule's smooth decisions against the per-point ones.
 */
class SmoothBandTest {

    private static final double[] GRID = {0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4};

    /** n toys per point, t = (1 + sqrt(mu)) * Exp(1). */
    private static List<ToyOutcome> toys(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<ToyOutcome> toys = new ArrayList<>();
        for (int m = 0; m < GRID.length; m++) {
            for (int i = 0; i < n; i++) {
                double t = -Math.log(1 - rng.nextDouble()) * (1 + Math.sqrt(GRID[m]));
                toys.add(new ToyOutcome(m, GRID[m], i, t, GRID[m], new double[0], true, null, 1, null, false));
            }
        }
        return toys;
    }

    @Test
    void theBootstrapBandMatchesTheScatterOfIndependentRepeats() {
        int repeats = 60;
        double cl = 0.9545;
        double[] fitted = new double[repeats];
        double bootstrap = 0;
        for (int r = 0; r < repeats; r++) {
            List<ToyOutcome> t = toys(50, 100 + r);
            fitted[r] = SmoothCriticalValue.fit(t, cl).at(1.0);
            if (r < 10) {
                bootstrap += SmoothBand.of(GRID, t, cl, SmoothCriticalValues.Form.SQRT).sd()[2] / 10;
            }
        }
        double mean = java.util.Arrays.stream(fitted).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(fitted).map(v -> (v - mean) * (v - mean)).sum() / (repeats - 1));
        // the sd of an sd from 60 repeats is ~9 %; the bootstrap's mean over 10 sets another few %
        assertEquals(sd, bootstrap, 0.3 * sd, "bootstrap " + bootstrap + " against the repeats' " + sd);
    }

    @Test
    void theBandInCoverageIsTheBandInTTimesTheDensityAtTheQuantile() {
        // t = s * Exp(1), s = 1 + sqrt(mu): its density at the CL-quantile is (1 - CL) / s
        double cl = 0.9545;
        SmoothBand b = SmoothBand.of(GRID, toys(200, 21), cl, SmoothCriticalValues.Form.SQRT);
        for (int m = 0; m < GRID.length; m++) {
            double density = (1 - cl) / (1 + Math.sqrt(GRID[m]));
            double ratio = b.coverageSd()[m] / (b.sd()[m] * density);
            // two estimates from 40 replicates and an empirical CDF of 1800 toys: within a factor 1.5
            assertTrue(ratio > 1 / 1.5 && ratio < 1.5, "mu = " + GRID[m] + ": " + b.coverageSd()[m] + " against "
                    + b.sd()[m] * density);
        }
    }

    @Test
    void theSameToysGiveTheSameBand() {
        List<ToyOutcome> t = toys(30, 5);
        assertArrayEquals(SmoothBand.of(GRID, t, 0.6827, SmoothCriticalValues.Form.SQRT).sd(), SmoothBand.of(GRID, t, 0.6827, SmoothCriticalValues.Form.SQRT).sd(), 0.0);
    }

    @Test
    void smoothDecisionsStopAPointFarOutsideWithFewerToysThanItsOwnOrderStatisticNeeds() {
        // t_obs three times the 95.45 % quantile at mu = 3.5 and 4 (4 has no neighbour decided otherwise), at the
        // quantile itself at mu = 1 (never certain)
        double q95 = -Math.log(1 - 0.9545);
        double q68 = -Math.log(1 - 0.6827);
        double[] tObs = new double[GRID.length];
        for (int m = 0; m < GRID.length; m++) {
            tObs[m] = 0.5 * q68 * (1 + Math.sqrt(GRID[m])); // inside at both levels
        }
        tObs[8] = 3 * q95 * 3;
        tObs[7] = 3 * q95 * 3;
        tObs[2] = q95 * 2;
        List<Double> cls = List.of(0.6827, 0.9545);
        int[] n = new int[GRID.length];
        java.util.Arrays.fill(n, 25);
        List<ToyOutcome> toys = toys(25, 9);
        int[] own = new AdaptiveToys(25, 400, 0, 2, cls, List.of(tObs)).next(GRID, toys, n);
        int[] smooth = new AdaptiveToys(25, 400, 0, 2, cls, List.of(tObs), SmoothCriticalValues.Form.SQRT).next(GRID, toys, n);
        assertEquals(50, own[8], "25 toys of its own cannot make 'outside' at 95.45 % certain (it takes 82)");
        assertEquals(25, smooth[8], "the fit over all 225 toys can");
        assertEquals(50, smooth[2], "at the quantile itself the decision stays open");
    }
}
