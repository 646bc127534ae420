package org.nsbi.stats.belt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        assertEquals(69, cv.t(), "ceil(0.6827 * 100) = 69th smallest");
        // sigma = sqrt(100 * 0.6827 * 0.3173) = 4.65: order statistics 64 and 74
        assertEquals(64, cv.lo());
        assertEquals(74, cv.hi());
        assertEquals(90, CriticalValue.of(oneToHundred(), 0, 0.9).t());
    }

    @Test
    void failedToysMakeItConservative() {
        double[] t = new double[90];
        for (int i = 0; i < 90; i++) {
            t[i] = i + 1;
        }
        assertEquals(69, CriticalValue.of(t, 10, 0.6827).t(), "10 failed toys at +infinity: still the 69th of 100");
        assertEquals(62, CriticalValue.of(t, 0, 0.6827).t(), "dropping them would have given the lower 62nd of 90");
        assertEquals(Double.POSITIVE_INFINITY, CriticalValue.of(t, 10, 0.95).t(), "95th of 100 is a failed toy");
    }

    @Test
    void nanMustBeCountedAsFailed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CriticalValue.of(new double[] {1, Double.NaN}, 0, 0.5));
        assertEquals("a t value is NaN; failed toys must be counted in 'failed'", e.getMessage());
    }
}
