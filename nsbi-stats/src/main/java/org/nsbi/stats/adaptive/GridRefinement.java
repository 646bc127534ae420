package org.nsbi.stats.adaptive;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.random.ToyRandom;

/**
 * Where a Neyman interval's endpoints lie between grid points, and how uncertain the grid spacing leaves them.
 *
 * <p>At each level, d(&mu;) = t_obs(&mu;) &minus; t_c(&mu;) changes sign between the two grid points a &lt; b that bracket an
 * endpoint. Between them the belt interpolates t_c linearly, which misses a curved t_c by (&mu; &minus; a)(b &minus; &mu;)/2 &middot;
 * |t_c''| (the remainder of linear interpolation; exact for a quadratic t_c). At the linear crossing &mu;* of d, that
 * error in t moves the endpoint by about err / |d'|, d' = (d(b) &minus; d(a)) / (b &minus; a): the endpoint's uncertainty from the
 * grid spacing. t_c'' is the larger second divided difference of t_c over the two triples of grid points around the
 * bracket; without a triple (a two-point grid) or with an infinite t_c, the uncertainty is half the bracket, (b &minus; a)/2,
 * the most it can be. {@link #refine} adds the mid-point of each bracket whose endpoint is less precise than a target
 * (a canonical &mu; value, whose toys do not depend on the other points).
 */
public final class GridRefinement {

    private GridRefinement() {
    }

    /**
     * One endpoint: the bracket [a, b] at level cl, the crossing by linear interpolation, and its uncertainty from the
     * grid spacing.
     */
    public record Endpoint(double cl, double a, double b, double mu, double uncertainty) {
    }

    /** The endpoints of the observed interval at every level, from t_obs at the grid points and the belt. */
    public static List<Endpoint> endpoints(double[] grid, double[] tObs, Belt belt) {
        if (tObs.length != grid.length) {
            throw new IllegalArgumentException(tObs.length + " values of t_obs for " + grid.length + " grid points");
        }
        List<Endpoint> out = new ArrayList<>();
        for (double cl : belt.cls()) {
            double[] tc = new double[grid.length];
            for (int m = 0; m < grid.length; m++) {
                tc[m] = belt.point(m, cl).tCrit();
            }
            for (int m = 0; m + 1 < grid.length; m++) {
                double da = tObs[m] - tc[m];
                double db = tObs[m + 1] - tc[m + 1];
                if ((da <= 0) == (db <= 0)) {
                    continue;
                }
                double a = grid[m];
                double b = grid[m + 1];
                double h = b - a;
                double half = h / 2;
                if (!Double.isFinite(da) || !Double.isFinite(db)) {
                    out.add(new Endpoint(cl, a, b, a + half, half));
                    continue;
                }
                double mu = a + h * da / (da - db);
                double curvature = larger(secondDifference(grid, tc, m - 1), secondDifference(grid, tc, m));
                double slope = Math.abs(db - da) / h;
                double u = Double.isNaN(curvature) ? half
                        : Math.min(half, (mu - a) * (b - mu) / 2 * curvature / slope);
                out.add(new Endpoint(cl, a, b, mu, u));
            }
        }
        return out;
    }

    /** The larger of two values where both exist, the one that exists, or NaN (Math.max would give NaN with either). */
    private static double larger(double x, double y) {
        return Double.isNaN(x) ? y : Double.isNaN(y) ? x : Math.max(x, y);
    }

    /** |t_c''| over the grid points i, i+1, i+2 (second divided difference times 2); NaN without three finite points. */
    private static double secondDifference(double[] grid, double[] tc, int i) {
        if (i < 0 || i + 2 >= grid.length || !Double.isFinite(tc[i]) || !Double.isFinite(tc[i + 1]) || !Double.isFinite(tc[i + 2])) {
            return Double.NaN;
        }
        double s1 = (tc[i + 1] - tc[i]) / (grid[i + 1] - grid[i]);
        double s2 = (tc[i + 2] - tc[i + 1]) / (grid[i + 2] - grid[i + 1]);
        return Math.abs(2 * (s2 - s1) / (grid[i + 2] - grid[i]));
    }

    /**
     * The new grid points: the mid-point of every bracket whose endpoint's uncertainty exceeds {@code target}, in
     * increasing order (empty when every endpoint is precise enough).
     */
    public static double[] refine(double[] grid, double[] tObs, Belt belt, double target) {
        if (!(target > 0)) {
            throw new IllegalArgumentException("--grid-precision = " + target + "; expected a positive distance in mu");
        }
        TreeSet<Double> added = new TreeSet<>();
        for (Endpoint e : endpoints(grid, tObs, belt)) {
            if (e.uncertainty() > target) {
                added.add(ToyRandom.canonicalMu((e.a() + e.b()) / 2));
            }
        }
        return added.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
