package org.nsbi.model.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.model.offshell.ToyData;
import org.nsbi.stats.validate.Calibration;
import org.nsbi.stats.validate.LogRatioError;

/** The plots are PNGs, drawn in bounded time also for degenerate inputs (one value, an exact ratio's error of 0). */
class ValidationPlotsTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    private static void assertPng(byte[] bytes) {
        assertArrayEquals(PNG, Arrays.copyOf(bytes, 4), "PNG signature");
    }

    @Test
    void tickPatternHasDecimalsForTheRange() {
        org.junit.jupiter.api.Assertions.assertEquals("#0.##", ValidationPlots.decimalPattern(1.0));
        org.junit.jupiter.api.Assertions.assertEquals("#0.#########", ValidationPlots.decimalPattern(1e-7));
        org.junit.jupiter.api.Assertions.assertEquals("#0", ValidationPlots.decimalPattern(1000));
    }

    @Test
    void degenerateAndExactInputsDraw() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (String c : new String[] {"S", "SBI", "B", "NI"}) {
                ToyData num = ToyData.of("ratio_" + c, 31, 20000, c);
                ToyData ref = ToyData.reference("ratio_" + c, 32, 20000);
                assertPng(ValidationPlots.calibration("r_" + c, Calibration.of(num.weights, num.exact, ref.weights,
                        ref.exact, 20)));
            }
            ToyData den = ToyData.reference("ratio_S", 32, 20000);
            assertPng(ValidationPlots.histogram("zeros", "x", new double[den.size()], den.weights, 60));
            assertPng(ValidationPlots.histogram("d", "x", LogRatioError.perEvent(den.exact, den.exact), den.weights, 60));
            double[] narrow = new double[den.size()];
            for (int i = 0; i < narrow.length; i++) {
                narrow[i] = 1 + 1e-7 * (i % 100);
            }
            assertPng(ValidationPlots.histogram("narrow", "x", narrow, den.weights, 60));
            assertPng(ValidationPlots.perRatio("closure", "C - 1", List.of("r_S", "r_B"), List.of(0.0, 1e-5),
                    List.of(0.0, 0.0)));
        });
    }

    /**
     * A numerator that lives only at large r (40 events above r = 50) against a denominator spread over r in (0, 100]:
     * most bins have no numerator event (h = 0), and the lowest filled ones hold one or two events. Only bins that
     * measure something are drawn (numerator events, error at most the value); before, the empty bins were points at 0
     * with a made-up error bar, and the title says how many were left out.
     */
    @Test
    void calibrationPlotsDrawOnlyTheUsableBins() {
        int nDen = 2000;
        double[] denR = new double[nDen];
        for (int i = 0; i < nDen; i++) {
            denR[i] = 100.0 * (i + 1) / nDen;
        }
        double[] numR = new double[40];
        for (int i = 0; i < numR.length; i++) {
            numR[i] = 50 + 50.0 * i / numR.length;
        }
        double[] denW = new double[nDen];
        double[] numW = new double[numR.length];
        Arrays.fill(denW, 1);
        Arrays.fill(numW, 1);
        Calibration c = Calibration.of(numW, numR, denW, denR, 20);
        int usable = 0;
        int empty = 0;
        for (int b = 0; b < c.bins(); b++) {
            usable += c.usable(b) ? 1 : 0;
            empty += c.observed()[b] == 0 ? 1 : 0;
        }
        org.junit.jupiter.api.Assertions.assertTrue(empty >= 9, "bins below r = 50 hold no numerator event: " + empty);
        org.junit.jupiter.api.Assertions.assertTrue(usable > 0 && usable <= c.bins() - empty, "usable " + usable);
        org.knowm.xchart.XYChart chart = ValidationPlots.calibrationChart("r_X", c);
        double[] y = chart.getSeriesMap().get("numerator / denominator histograms").getYData();
        double[] e = chart.getSeriesMap().get("numerator / denominator histograms").getExtraValues();
        org.junit.jupiter.api.Assertions.assertEquals(usable, y.length, "one point per usable bin");
        for (int i = 0; i < y.length; i++) {
            org.junit.jupiter.api.Assertions.assertTrue(y[i] > 0 && e[i] <= y[i], "point " + i + ": " + y[i] + " +- " + e[i]);
        }
        org.junit.jupiter.api.Assertions.assertTrue(chart.getTitle().endsWith("; " + (c.bins() - usable) + " of "
                + c.bins() + " bins not drawn: no events or error > 100%)"), chart.getTitle());
        assertPng(ValidationPlots.calibration("r_X", c));
        Calibration none = new Calibration(new double[] {0, 1, 2}, new double[] {0.5, 1.5}, new double[] {0, 0},
                new double[] {1, 1});
        assertPng(ValidationPlots.calibration("r_none", none));
    }
}
