package org.nsbi.spark.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
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
}
