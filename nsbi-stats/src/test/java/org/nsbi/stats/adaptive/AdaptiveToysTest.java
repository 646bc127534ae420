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
                out.add(new ToyOutcome(m, m, i, t, 1.0, new double[0], true, null, 10, null, false));
            }
        }
        return out;
    }

    @Test
    void undecidedPointsAndTheirNeighboursDoubleTheirToysTheOthersStop() {
        // t_obs far inside at 0 and 1, at the 68 % quantile at 2 (never decided), far outside at 3 and 4: the endpoint
        // lies next to 2, and its neighbours' t_c enter it, so 1, 2 and 3 go on
        double[] grid = {0.0, 1.0, 2.0, 3.0, 4.0};
        AdaptiveToys a = new AdaptiveToys(100, 800, 0.0, 2.0, List.of(0.6827),
                List.of(new double[] {0.2, 0.2, 0.6827, 0.99, 0.99}));
        int[] n = a.first(5);
        assertArrayEquals(new int[] {100, 100, 100, 100, 100}, n);
        n = a.next(grid, toys(n), n);
        assertArrayEquals(new int[] {100, 200, 200, 200, 100}, n);
        n = a.next(grid, toys(n), n);
        n = a.next(grid, toys(n), n);
        assertArrayEquals(new int[] {100, 800, 800, 800, 100}, n, "to the maximum");
        assertArrayEquals(n, a.next(grid, toys(n), n), "then every point is done");
    }

    @Test
    void twoPointsDecidedOppositeWaysBracketAnEndpointAndGoOn() {
        AdaptiveToys a = new AdaptiveToys(100, 400, 0.0, 2.0, List.of(0.6827), List.of(new double[] {0.2, 0.2, 0.99}));
        int[] n = {100, 100, 100};
        assertArrayEquals(new int[] {100, 200, 200}, a.next(new double[] {0, 1, 2}, toys(n), n),
                "1 is inside and 2 outside, both certain: the endpoint is between them");
    }

    @Test
    void aPooledPointStopsWhenItsFitHasMaxToysBehindIt() {
        // local smooth critical values: the middle of 7 points fits over all 7 (weights 1, 3/4, 1/2, 1/4), 100 toys
        // each count as 100 * 16 / 2.75 = 582 >= 400 toys of its own; with its own order statistic it would go on
        double[] grid = {0, 1, 2, 3, 4, 5, 6};
        double[] tObs = {0.6827, 0.6827, 0.6827, 0.6827, 0.6827, 0.6827, 0.6827};
        int[] n = {100, 100, 100, 100, 100, 100, 100};
        List<ToyOutcome> toys = new ArrayList<>();
        for (int m = 0; m < grid.length; m++) {
            for (int i = 0; i < 100; i++) {
                double t = ((i * 7919L) % 100 + 0.5) / 100;
                toys.add(new ToyOutcome(m, grid[m], i, t, grid[m] + 0.5, new double[0], true, null, 10, null, false));
            }
        }
        int[] pooled = new AdaptiveToys(100, 400, 0.0, 2.0, List.of(0.6827), List.of(tObs),
                SmoothCriticalValues.Form.LOCAL).next(grid, toys, n);
        int[] own = new AdaptiveToys(100, 400, 0.0, 2.0, List.of(0.6827), List.of(tObs)).next(grid, toys, n);
        assertEquals(100, pooled[3], "582 effective toys at the middle");
        assertEquals(200, pooled[0], "the edge point's line is extrapolated: fewer effective toys");
        assertArrayEquals(new int[] {200, 200, 200, 200, 200, 200, 200}, own);
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
