package org.nsbi.spark.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.nsbi.model.UserError;
import org.junit.jupiter.api.Test;
import org.nsbi.model.output.FailedFits;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The failed-fit rule of the neyman job: failed toys are counted per grid point (and in belts.csv), kept in the belt
 * as t = +infinity, and the run fails with a message above the allowed fraction (default 1 %).
 */
class FailedFitsTest {

    private static final double[] GRID = {0.0, 1.0};

    /**
     * 200 toys per point, t = 0.01 * toy index; {@code failedAt1} of them at mu = 1 failed (the second for another
     * reason than the others); at mu = 0 every 25th toy's fit ended on a bound.
     */
    private static List<ToyOutcome> toys(int failedAt1) {
        List<ToyOutcome> toys = new ArrayList<>();
        for (int m = 0; m < GRID.length; m++) {
            for (int i = 0; i < 200; i++) {
                boolean failed = m == 1 && i < failedAt1;
                String reason = !failed ? null : i == 1 ? "conditional_below_global" : "iteration_limit";
                toys.add(new ToyOutcome(m, GRID[m], i, failed ? Double.NaN : 0.01 * i, failed ? Double.NaN : 0.5,
                        new double[0], !failed, failed ? "global fit: no convergence" : null, 100, reason,
                        m == 0 && i % 25 == 0));
            }
        }
        return toys;
    }

    private static Belt belt(int failedAt1) {
        return Belt.build(GRID, toys(failedAt1), List.of(0.6827, 0.9545));
    }

    private static NeymanJob.Settings settings(double maxFailed) {
        return new NeymanJob.Settings(GRID, 200, 25, List.of(0.6827, 0.9545), 1, new double[2][0], maxFailed, 0);
    }

    @Test
    void failedFitsAreCountedPerPointAndMakeTheBeltWider() {
        Belt two = belt(2);
        List<FailedFits> failed = NeymanJob.failedFits(two, toys(2), settings(0.01));
        assertEquals(0, failed.get(0).failed());
        assertEquals(2, failed.get(1).failed());
        assertEquals(0.01, failed.get(1).fraction(), 1e-12);
        assertEquals(java.util.Map.of("conditional_below_global", 1, "iteration_limit", 1), failed.get(1).failedByReason());
        assertEquals(java.util.Map.of(), failed.get(0).failedByReason());
        assertEquals(8, failed.get(0).atBound(), "toys 0, 25, ..., 175 at mu = 0 ended on a bound");
        assertEquals(0, failed.get(1).atBound());
        NeymanJob.requireFewFailures(failed, settings(0.01), "ckpt");   // 1 % is allowed
        // k = ceil(0.6827 * 201) = 138. Without failures t = 0.00 .. 1.99 and t_c = 1.37; when toys 0 and 1 fail they
        // count as +inf, not as dropped, so the 138th smallest is 0.02 + 1.37: the belt gets wider, never narrower
        assertEquals(1.37, belt(0).criticalValue(0.6827, 1.0), 1e-12);
        assertEquals(1.39, two.criticalValue(0.6827, 1.0), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, belt(20).criticalValue(0.9545, 1.0),
                "with 20 of 200 failed, the 192nd is a failed toy: +inf, never a dropped toy");
        String csv = two.toCsv();
        assertEquals(true, csv.contains("\n1.0,0.6827,1.39"), csv);
        assertEquals(true, csv.lines().filter(l -> l.startsWith("1.0,")).allMatch(l -> l.split(",")[6].equals("2")),
                "n_failed in belts.csv: " + csv);
        assertEquals(true, csv.lines().filter(l -> l.startsWith("0.0,")).allMatch(l -> l.endsWith(",false,8")),
                "too_few_toys and n_at_bound, the last column, in belts.csv: " + csv);
    }

    @Test
    void aMaxFailedFractionOutsideZeroToOneOrNanIsRefused() {
        for (double f : new double[] {-0.01, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            UserError e = assertThrows(UserError.class, () -> settings(f));
            assertEquals("--max-failed-fraction = " + f + "; expected a fraction in [0, 1]", e.getMessage());
        }
        settings(0);
        settings(1);
    }

    @Test
    void aRunWithTooManyFailedFitsFailsWithAMessage() {
        List<FailedFits> failed = NeymanJob.failedFits(belt(3), toys(3), settings(0.01));
        NeymanJob.FailedFitsException e = assertThrows(NeymanJob.FailedFitsException.class,
                () -> NeymanJob.requireFewFailures(failed, settings(0.01), "/runs/.n.checkpoint/toys"));
        assertEquals("at mu = 1.0, 3 of 200 toys failed to fit (1.50%), more than the allowed 1.00%; the toys are kept"
                + " in /runs/.n.checkpoint/toys (rerun with --resume and a higher --max-failed-fraction to accept them,"
                + " counted conservatively, without recomputing)", e.getMessage());
        NeymanJob.requireFewFailures(failed, settings(0.02), "ckpt");
    }
}
