package org.nsbi.stats.belt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CriticalValueTest {

    private static double[] oneToHundred() {
        double[] t = new double[100];
        for (int i = 0; i < 100; i++) {
            t[i] = 100 - i; // unsorted on purpose
        }
        return t;
    }

    @Test
    void theQuantileIsTheKthOrderStatistic() {
        CriticalValue cv = CriticalValue.of(oneToHundred(), 0, 0.6827);
        assertEquals(69, cv.t(), "ceil(0.6827 * 101) = 69th smallest");
        // sigma = sqrt(100 * 0.6827 * 0.3173) = 4.65: order statistics 64 and 74
        assertEquals(64, cv.lo());
        assertEquals(74, cv.hi());
        assertEquals(91, CriticalValue.of(oneToHundred(), 0, 0.9).t(), "ceil(0.9 * 101) = 91");
    }

    @Test
    void failedToysMakeItConservative() {
        double[] t = new double[90];
        for (int i = 0; i < 90; i++) {
            t[i] = i + 1;
        }
        assertEquals(69, CriticalValue.of(t, 10, 0.6827).t(), "10 failed toys at +infinity: still the 69th of 100");
        assertEquals(63, CriticalValue.of(t, 0, 0.6827).t(), "dropping them would have given the lower 63rd of 90");
        assertEquals(Double.POSITIVE_INFINITY, CriticalValue.of(t, 10, 0.95).t(), "95th of 100 is a failed toy");
    }

    /**
     * A new draw of a continuous t lies below the k-th of N order statistics with probability exactly k/(N+1)
     * (the ranks are uniform). t_c must be the smallest order statistic whose probability is at least CL, for
     * every N; where even the N-th is not enough, t_c = +infinity and the point has too few toys.
     */
    @Test
    void theCriticalValueCoversAtLeastClForAnyNumberOfToys() {
        for (double cl : new double[] {0.6827, 0.9, 0.9545, 0.99, 0.9973}) {
            for (int n = 1; n <= 1000; n++) {
                double[] t = new double[n];
                for (int i = 0; i < n; i++) {
                    t[i] = n - i;
                }
                CriticalValue cv = CriticalValue.of(t, 0, cl);
                if (Double.isFinite(cv.t())) {
                    int k = (int) cv.t();
                    assertTrue(k / (n + 1.0) >= cl, "N = " + n + ", CL = " + cl + ": covers " + k / (n + 1.0));
                    assertTrue((k - 1) / (n + 1.0) < cl, "N = " + n + ", CL = " + cl + ": the smallest such k");
                    assertFalse(cv.tooFewToys());
                } else {
                    assertTrue(n / (n + 1.0) < cl, "N = " + n + ", CL = " + cl + ": the N-th would have been enough");
                    assertTrue(cv.tooFewToys(), "N = " + n + ", CL = " + cl);
                }
            }
        }
        // the case: 200 toys at 95.45% take the 192nd, not the 191st (which covers 191/201 = 95.02%)
        double[] t = new double[200];
        for (int i = 0; i < 200; i++) {
            t[i] = i + 1;
        }
        assertEquals(192, CriticalValue.of(t, 0, 0.9545).t());
        assertTrue(CriticalValue.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0, 0.9545).tooFewToys(),
                "10 toys: k = ceil(0.9545 * 11) = 11 > 10");
    }

    @Test
    void nanMustBeCountedAsFailed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CriticalValue.of(new double[] {1, Double.NaN}, 0, 0.5));
        assertEquals("a t value is NaN; failed toys must be counted in 'failed'", e.getMessage());
    }
}
