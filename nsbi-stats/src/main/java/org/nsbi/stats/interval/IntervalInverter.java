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
 * refined to 1e-4 in &mu; ({@link #root}): first at two points 1e-4 apart around the zero of a cubic through the
 * neighbouring grid points, which usually bracket it, else with Commons Math's {@link BrentSolver} on
 * t_obs &minus; t_c beyond them. Neyman intervals take
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
            double lo = i == 0 ? grid[0] : root(d, grid, i - 1);
            double hi = j == grid.length - 1 ? grid[j] : root(d, grid, j);
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
     * The end of an accepted set between grid points {@code grid[i]} and {@code grid[i + 1]}, found as the inversion
     * finds it: the same calls of tObs in the same order. First the two points of {@link #firstTries}; if t_obs &minus;
     * threshold changes sign between them, the end is where the line through them crosses 0 (they are
     * {@link #TOLERANCE} apart); else Brent on the side of them where it does, to {@link #TOLERANCE}.
     */
    public static double root(DoubleUnaryOperator tObs, DoubleUnaryOperator threshold, double[] grid, int i) {
        return root(difference(tObs, threshold), grid, i);
    }

    /**
     * The two points the refinement of an end between {@code grid[i]} and {@code grid[i + 1]} tries first, before
     * any other (none when that grid interval is at most 2 {@link #TOLERANCE} wide or t_obs equals the threshold at
     * one of its ends): {@link #TOLERANCE} apart around the zero of t_obs &minus; threshold interpolated by the cubic
     * through the grid points i &minus; 1 .. i + 2 (those of them on the grid), from the grid's t_obs only. Both can
     * be fitted at once (in one round of {@link org.nsbi.stats.likelihood.Lockstep}); where the interpolation is good
     * they bracket the end, and no further fit is needed.
     */
    public static double[] firstTries(DoubleUnaryOperator tObs, DoubleUnaryOperator threshold, double[] grid, int i) {
        return firstTries(difference(tObs, threshold), grid, i);
    }

    private static double[] firstTries(DoubleUnaryOperator d, double[] grid, int i) {
        double a = grid[i];
        double b = grid[i + 1];
        double fa = d.applyAsDouble(a);
        double fb = d.applyAsDouble(b);
        if (fa == 0 || fb == 0 || b - a <= 2 * TOLERANCE) {
            return new double[0];
        }
        int from = Math.max(0, i - 1);
        int to = Math.min(grid.length - 1, i + 2);
        double[] x = java.util.Arrays.copyOfRange(grid, from, to + 1);
        double[] f = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            f[k] = d.applyAsDouble(x[k]);
        }
        // the interpolating polynomial's zero in [a, b], by bisection (its values at a and b are fa and fb)
        double lo = a;
        double hi = b;
        for (int it = 0; it < 60; it++) {
            double m = 0.5 * (lo + hi);
            if (Math.signum(lagrange(x, f, m)) == Math.signum(fa)) {
                lo = m;
            } else {
                hi = m;
            }
        }
        double guess = Math.min(b - TOLERANCE, Math.max(a + TOLERANCE, 0.5 * (lo + hi)));
        return new double[] {guess - TOLERANCE / 2, guess + TOLERANCE / 2};
    }

    /** The polynomial through (x_k, f_k) at {@code at}. */
    private static double lagrange(double[] x, double[] f, double at) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            double term = f[k];
            for (int l = 0; l < x.length; l++) {
                if (l != k) {
                    term *= (at - x[l]) / (x[k] - x[l]);
                }
            }
            sum += term;
        }
        return sum;
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

    private static double root(DoubleUnaryOperator d, double[] grid, int i) {
        double a = grid[i];
        double b = grid[i + 1];
        double fa = d.applyAsDouble(a);
        double fb = d.applyAsDouble(b);
        if (fa == 0) {
            return a;
        }
        if (fb == 0) {
            return b;
        }
        double[] tries = firstTries(d, grid, i);
        if (tries.length == 2) {
            double f0 = d.applyAsDouble(tries[0]);
            double f1 = d.applyAsDouble(tries[1]);
            if (f0 == 0) {
                return tries[0];
            }
            if (f1 == 0) {
                return tries[1];
            }
            if (Math.signum(f0) != Math.signum(f1)) {
                return tries[0] + (tries[1] - tries[0]) * f0 / (f0 - f1);
            }
            if (Math.signum(f0) == Math.signum(fa)) {
                a = tries[1];
            } else {
                b = tries[0];
            }
        }
        return new BrentSolver(TOLERANCE).solve(100, d::applyAsDouble, a, b);
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? Double.MAX_VALUE : Math.max(-1e300, Math.min(1e300, v));
    }
}
