package org.nsbi.stats.adaptive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.belt.Belt;

/**
 * The endpoint's uncertainty from the grid spacing against the exact error of linear interpolation (a quadratic t_c,
 * whose remainder is exactly (mu - a)(b - mu)/2 * t_c''), and refinement until a target.
 */
class GridRefinementTest {

    /** t_c(mu) = 1 + 0.8 mu^2 at one level; t_obs(mu) = 4 (mu - 0.3): they cross once, at 0.629, between 0.5 and 1. */
    private static final DoubleUnaryOperator TC = mu -> 1 + 0.8 * mu * mu;
    private static final DoubleUnaryOperator TOBS = mu -> 4 * (mu - 0.3);

    private static Belt belt(double[] grid) {
        StringBuilder csv = new StringBuilder("mu,cl,t_crit,t_crit_lo,t_crit_hi,n_toys,n_failed,muhat_lo,muhat_hi,too_few_toys,n_at_bound\n");
        for (double mu : grid) {
            double t = TC.applyAsDouble(mu);
            csv.append(mu).append(",0.9,").append(t).append(',').append(t).append(',').append(t).append(",100,0,0,1,false,0\n");
        }
        return Belt.fromCsv(csv.toString(), "belts.csv");
    }

    private static double[] tObs(double[] grid) {
        return Arrays.stream(grid).map(TOBS).toArray();
    }

    /** The exact crossing of t_obs with the linear interpolation of t_c over the grid (what the interval reads). */
    private static double linearCrossing(double[] grid) {
        Belt b = belt(grid);
        double lo = Math.max(0.2, grid[0]);
        double hi = 2.0;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (TOBS.applyAsDouble(mid) - b.criticalValue(0.9, mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The exact crossing of t_obs with the true t_c: 0.8 mu^2 - 4 mu + 2.2 = 0. */
    private static final double TRUE = (4 - Math.sqrt(16 - 4 * 0.8 * 2.2)) / (2 * 0.8);

    @Test
    void theUncertaintyIsTheShiftThatTheLinearInterpolationCausesForAQuadraticCriticalValue() {
        double[] grid = {0, 0.5, 1, 1.5, 2};
        List<GridRefinement.Endpoint> e = GridRefinement.endpoints(grid, tObs(grid), belt(grid));
        assertEquals(1, e.size());
        GridRefinement.Endpoint upper = e.get(0);
        assertEquals(0.5, upper.a());
        assertEquals(1.0, upper.b());
        double actual = Math.abs(linearCrossing(grid) - TRUE);
        // first order in the interpolation error: within 25 % of the true shift
        assertEquals(actual, upper.uncertainty(), 0.25 * actual, "estimated " + upper.uncertainty() + ", actual " + actual);
    }

    @Test
    void refinementHalvesTheBracketUntilTheEndpointIsPreciseEnough() {
        double[] grid = {0, 0.5, 1, 1.5, 2};
        double target = 0.002;
        int rounds = 0;
        while (true) {
            double[] added = GridRefinement.refine(grid, tObs(grid), belt(grid), target);
            if (added.length == 0) {
                break;
            }
            assertEquals(1, added.length, "one endpoint, one new point per round");
            double[] next = Arrays.copyOf(grid, grid.length + 1);
            next[grid.length] = added[0];
            Arrays.sort(next);
            grid = next;
            rounds++;
        }
        // the remainder falls as h^2, by 4 per halving
        assertTrue(rounds >= 2, rounds + " rounds: " + Arrays.toString(grid));
        assertTrue(Math.abs(linearCrossing(grid) - TRUE) < target, "the endpoint is within the target of the truth");
        assertTrue(Arrays.stream(grid).anyMatch(mu -> mu == 0.625 || mu == 0.5625), "mid-points are canonical values: " + Arrays.toString(grid));
    }

    @Test
    void anEndpointInTheGridsFirstBracketUsesTheOneTripleThereNotHalfTheBracket() {
        // the crossing at 0.629 lies in the first bracket [0.5, 1]: only the triple 0.5, 1, 1.5 exists around it
        double[] grid = {0.5, 1, 1.5, 2};
        GridRefinement.Endpoint e = GridRefinement.endpoints(grid, tObs(grid), belt(grid)).get(0);
        assertEquals(0.5, e.a());
        double actual = Math.abs(linearCrossing(grid) - TRUE);
        assertEquals(actual, e.uncertainty(), 0.25 * actual, "estimated " + e.uncertainty() + ", actual " + actual);
    }

    @Test
    void withoutNeighboursTheUncertaintyIsHalfTheBracket() {
        double[] grid = {0.5, 1};
        GridRefinement.Endpoint e = GridRefinement.endpoints(grid, tObs(grid), belt(grid)).get(0);
        assertEquals(0.25, e.uncertainty());
        assertArrayEquals(new double[] {0.75}, GridRefinement.refine(grid, tObs(grid), belt(grid), 0.1));
    }
}
