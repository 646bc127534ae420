package org.nsbi.model.offshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nsbi.stats.validate.Calibration;
import org.nsbi.stats.validate.Closure;
import org.nsbi.stats.validate.LogRatioError;

/** The validation statistics on the off-shell toy with its exact ratios: closure, calibration, log-ratio error. */
class ExactRatioStatisticsTest {

    @Test
    void exactRatiosCloseWithinTheirMonteCarloError() {
        for (String ratio : new String[] {"ratio_S", "ratio_SBI", "ratio_B", "ratio_NI"}) {
            ToyData ref = ToyData.reference(ratio, 5, 20000);
            Closure c = Closure.of(ref.weights, ref.exact);
            assertTrue(Math.abs(c.pull()) < 4, ratio + ": closure " + c.value() + " +- " + c.mcError());
            assertTrue(c.mcError() < 0.02, ratio + ": MC error " + c.mcError());
        }
    }

    @Test
    void exactRatiosAreCalibratedAndAWrongOneIsNot() {
        ToyData num = ToyData.of("ratio_SBI", 11, 30000, "SBI");
        ToyData den = ToyData.reference("ratio_SBI", 12, 10000);
        Calibration exact = Calibration.of(num.weights, num.exact, den.weights, den.exact, 10);
        assertEquals(10, exact.filledBins(), "ten quantile bins of a continuous ratio");
        double bound = 10 + 5 * Math.sqrt(2 * 10);
        assertTrue(exact.chi2() < bound, "exact ratio: chi2 " + exact.chi2() + " over 10 bins; expected < " + bound);
        double[] tempered = new double[den.size()];
        double[] temperedNum = new double[num.size()];
        for (int i = 0; i < tempered.length; i++) {
            tempered[i] = Math.sqrt(den.exact[i]);
        }
        for (int i = 0; i < temperedNum.length; i++) {
            temperedNum[i] = Math.sqrt(num.exact[i]);
        }
        Calibration wrong = Calibration.of(num.weights, temperedNum, den.weights, tempered, 10);
        assertTrue(wrong.chi2() > 100, "sqrt of the exact ratio: chi2 " + wrong.chi2());
        assertTrue(wrong.maxRelativeDeviation() > 0.2, "sqrt of the exact ratio: max deviation "
                + wrong.maxRelativeDeviation());
    }

    @Test
    void logRatioErrorIsZeroForTheExactRatioAndTheShiftOtherwise() {
        ToyData ref = ToyData.reference("ratio_SBI", 3, 2000);
        LogRatioError self = LogRatioError.of(ref.exact, ref.exact, ref.weights);
        assertEquals(new LogRatioError(0, 0, 0, 0), self, "the exact ratio against itself");
        double[] scaled = new double[ref.size()];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = ref.exact[i] * Math.exp(i % 2 == 0 ? 0.1 : -0.3);
        }
        LogRatioError e = LogRatioError.of(scaled, ref.exact, ref.weights);
        assertEquals(0.3, e.p99Abs(), 1e-12, "the largest |d| is 0.3");
        assertTrue(e.meanAbs() > 0.1 && e.meanAbs() < 0.3, "mean |d| between 0.1 and 0.3: " + e.meanAbs());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> LogRatioError.of(new double[] {1, 0}, new double[] {1, 1}, new double[] {1, 1}));
        assertEquals("learned ratios[1] = 0.0; expected a finite ratio > 0", bad.getMessage());
    }
}
