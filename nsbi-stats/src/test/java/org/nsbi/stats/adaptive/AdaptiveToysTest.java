package org.nsbi.stats.adaptive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.toys.ToyOutcome;

/** The adaptive schedule: rounds double the toys of points that are neither precise nor decided, up to the maximum. */
class AdaptiveToysTest {

    private static final double[] GRID = {0.0, 1.0, 2.0};

    /** n toys at every point with t evenly spread on (0, 1) (in a scrambled order), so the CL-quantile is CL. */
    private static List<ToyOutcome> toys(int[] n) {
        List<ToyOutcome> out = new ArrayList<>();
        for (int m = 0; m < n.length; m++) {
            for (int i = 0; i < n[m]; i++) {
                double t = ((i * 7919L) % n[m] + 0.5) / n[m];
                out.add(new ToyOutcome(m, GRID[m], i, t, 1.0, new double[0], true, null, 10, null, false));
            }
        }
        return out;
    }

    @Test
    void undecidedPointsDoubleTheirToysDecidedOnesStop() {
        // t_obs far inside at 0, at the 68 % quantile at 1 (never decided), far outside at 2
        AdaptiveToys a = new AdaptiveToys(100, 800, 0.0, 2.0, List.of(0.6827), List.of(new double[] {0.2, 0.6827, 0.99}));
        int[] n = a.first(3);
        assertArrayEquals(new int[] {100, 100, 100}, n);
        n = a.next(GRID, toys(n), n);
        assertArrayEquals(new int[] {100, 200, 100}, n);
        n = a.next(GRID, toys(n), n);
        n = a.next(GRID, toys(n), n);
        assertArrayEquals(new int[] {100, 800, 100}, n, "the undecided point goes to the maximum");
        assertArrayEquals(n, a.next(GRID, toys(n), n), "then every point is done");
    }

    @Test
    void aPointStopsWhenItsCoverageIsPreciseEnough() {
        // no observed data: precision alone; sd of the coverage at 68.27 % is 0.0147 at 1000 toys, 0.0104 at 2000,
        // 0.0074 at 4000, so a target of 0.01 needs 4000
        AdaptiveToys a = new AdaptiveToys(1000, 10_000, 0.01, 2.0, List.of(0.6827), List.of());
        int[] n = a.first(1);
        double[] grid = {1.0};
        List<Integer> counts = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            int[] next = a.next(grid, toys(n).subList(0, n[0]), n);
            counts.add(n[0]);
            if (next[0] == n[0]) {
                break;
            }
            n = next;
        }
        assertEquals(List.of(1000, 2000, 4000), counts);
        assertEquals(true, OrderStatisticBand.coverageSd(2000, 0.6827) > 0.01);
        assertEquals(true, OrderStatisticBand.coverageSd(4000, 0.6827) <= 0.01);
    }

    @Test
    void everyLevelAndEveryDataSetMustBeDecided() {
        // at 0: inside at 68 % and at 95 % for the observed data, but the Asimov t is at the 95 % quantile
        AdaptiveToys both = new AdaptiveToys(200, 400, 0.0, 2.0, List.of(0.6827, 0.9545),
                List.of(new double[] {0.1}, new double[] {0.9545}));
        assertArrayEquals(new int[] {400}, both.next(new double[] {0.0}, toys(new int[] {200}), new int[] {200}));
        AdaptiveToys observedOnly = new AdaptiveToys(200, 400, 0.0, 2.0, List.of(0.6827, 0.9545),
                List.of(new double[] {0.1}));
        assertArrayEquals(new int[] {200}, observedOnly.next(new double[] {0.0}, toys(new int[] {200}), new int[] {200}));
    }

    @Test
    void badSettingsAreRefusedWithTheOptionsName() {
        assertEquals("--min-toys = 500, --max-toys = 100; expected 1 <= min <= max", assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveToys(500, 100, 0.01, 2, List.of(0.68), List.of())).getMessage());
        assertEquals("--signif = 0.0; expected a positive number of standard deviations", assertThrows(
                IllegalArgumentException.class, () -> new AdaptiveToys(50, 100, 0.01, 0, List.of(0.68), List.of())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveToys(50, 100, 1.5, 2, List.of(0.68), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveToys(50, 100, 0.01, 2, List.of(0.68), List.of(new double[2])).first(3));
    }
}
