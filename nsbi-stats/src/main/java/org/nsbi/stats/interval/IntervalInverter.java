package org.nsbi.stats.interval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.nsbi.stats.belt.Belt;

/**
 * Inverts a test: the set {&mu; : t_obs(&mu;) &le; t_c(&mu;)} over a scan grid. t_obs is evaluated once per
 * grid point (each call may be a fit); each boundary between an accepted and a rejected grid point is
 * refined with Commons Math's {@link BrentSolver} on t_obs &minus; t_c to 1e-4 in &mu;. Neyman intervals take
 * t_c from the belts, Wilks intervals the &chi;&sup2;&#8321; quantile of the level (0.6827 &rarr; 1.00,
 * 0.9545 &rarr; 4.00).
 */
public final class IntervalInverter {

    private static final double TOLERANCE = 1e-4;

    private IntervalInverter() {
    }

    public static ConfidenceInterval neyman(DoubleUnaryOperator tObs, double[] scanGrid, Belt belt, double cl) {
        return neyman(tObs, scanGrid, belt, cl, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    public static ConfidenceInterval wilks(DoubleUnaryOperator tObs, double[] scanGrid, double cl) {
        return wilks(tObs, scanGrid, cl, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** The Neyman set of a parameter that lives in [muMin, muMax]: a scan end on such a bound is no grid edge. */
    public static ConfidenceInterval neyman(DoubleUnaryOperator tObs, double[] scanGrid, Belt belt, double cl,
                                            double muMin, double muMax) {
        return invert(tObs, scanGrid, mu -> belt.criticalValue(cl, mu), cl, "neyman", muMin, muMax);
    }

    /** The Wilks set of a parameter that lives in [muMin, muMax]: a scan end on such a bound is no grid edge. */
    public static ConfidenceInterval wilks(DoubleUnaryOperator tObs, double[] scanGrid, double cl, double muMin,
                                           double muMax) {
        double threshold = wilksThreshold(cl);
        return invert(tObs, scanGrid, mu -> threshold, cl, "wilks", muMin, muMax);
    }

    /** The &chi;&sup2; (1 degree of freedom) quantile at cl. */
    public static double wilksThreshold(double cl) {
        return new ChiSquaredDistribution(null, 1).inverseCumulativeProbability(cl);
    }

    /** The accepted set of t_obs(&mu;) &le; threshold(&mu;) on the grid, with refined boundaries. */
    public static ConfidenceInterval invert(DoubleUnaryOperator tObs, double[] grid, DoubleUnaryOperator threshold,
                                            double cl, String method) {
        return invert(tObs, grid, threshold, cl, method, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #invert(DoubleUnaryOperator, double[], DoubleUnaryOperator, double, String)} for a parameter in
     * [muMin, muMax]: a piece that reaches a scan end lying on such a bound is complete there ({@code atPoiBound});
     * one that reaches any other scan end, or an empty set whose t &minus; threshold is smallest at such an end, is
     * {@code atGridEdge}.
     */
    public static ConfidenceInterval invert(DoubleUnaryOperator tObs, double[] grid, DoubleUnaryOperator threshold,
                                            double cl, String method, double muMin, double muMax) {
        if (grid.length < 2) {
            throw new IllegalArgumentException("a scan needs at least 2 points, got " + grid.length);
        }
        Map<Double, Double> cache = new HashMap<>();
        DoubleUnaryOperator t = mu -> cache.computeIfAbsent(mu, tObs::applyAsDouble);
        DoubleUnaryOperator d = difference(t, threshold);
        boolean[] in = accepted(d, grid);
        List<double[]> pieces = new ArrayList<>();
        boolean lowIsBound = grid[0] <= muMin;
        boolean highIsBound = grid[grid.length - 1] >= muMax;
        boolean edge = false;
        boolean bound = false;
        int i = 0;
        while (i < grid.length) {
            if (!in[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < grid.length && in[j + 1]) {
                j++;
            }
            double lo = i == 0 ? grid[0] : root(d, grid[i - 1], grid[i]);
            double hi = j == grid.length - 1 ? grid[j] : root(d, grid[j], grid[j + 1]);
            edge |= i == 0 && !lowIsBound || j == grid.length - 1 && !highIsBound;
            bound |= i == 0 && lowIsBound || j == grid.length - 1 && highIsBound;
            pieces.add(new double[] {lo, hi});
            i = j + 1;
        }
        if (pieces.isEmpty()) {
            int closest = 0;
            for (int k = 1; k < grid.length; k++) {
                if (d.applyAsDouble(grid[k]) < d.applyAsDouble(grid[closest])) {
                    closest = k;
                }
            }
            edge = closest == 0 && !lowIsBound || closest == grid.length - 1 && !highIsBound;
        }
        return new ConfidenceInterval(cl, method, pieces, edge, bound);
    }

    /**
     * The grid intervals whose ends an inversion of t_obs &le; threshold refines ({@link #root}): each [a, b] of
     * neighbouring grid points, one accepted and one not, in grid order. The grid's t_obs are computed here.
     */
    public static List<double[]> brackets(DoubleUnaryOperator tObs, double[] grid, DoubleUnaryOperator threshold) {
        boolean[] in = accepted(difference(tObs, threshold), grid);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i + 1 < grid.length; i++) {
            if (in[i] != in[i + 1]) {
                out.add(new double[] {grid[i], grid[i + 1]});
            }
        }
        return out;
    }

    /**
     * The end of an accepted set between grid points a and b, found as the inversion finds it (Brent on
     * t_obs &minus; threshold to {@link #TOLERANCE}): the same calls of tObs in the same order.
     */
    public static double root(DoubleUnaryOperator tObs, DoubleUnaryOperator threshold, double a, double b) {
        return root(difference(tObs, threshold), a, b);
    }

    private static DoubleUnaryOperator difference(DoubleUnaryOperator tObs, DoubleUnaryOperator threshold) {
        return mu -> clamp(tObs.applyAsDouble(mu) - threshold.applyAsDouble(mu));
    }

    private static boolean[] accepted(DoubleUnaryOperator d, double[] grid) {
        boolean[] in = new boolean[grid.length];
        for (int i = 0; i < grid.length; i++) {
            in[i] = d.applyAsDouble(grid[i]) <= 0;
        }
        return in;
    }

    private static double root(DoubleUnaryOperator d, double a, double b) {
        double fa = d.applyAsDouble(a);
        double fb = d.applyAsDouble(b);
        if (fa == 0) {
            return a;
        }
        if (fb == 0) {
            return b;
        }
        return new BrentSolver(TOLERANCE).solve(100, d::applyAsDouble, a, b);
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? Double.MAX_VALUE : Math.max(-1e300, Math.min(1e300, v));
    }
}
