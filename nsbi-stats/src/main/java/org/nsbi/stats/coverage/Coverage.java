package org.nsbi.stats.coverage;

import java.util.ArrayList;
import java.util.List;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.interval.IntervalInverter;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * Coverage of the intervals at a true &mu; (primer section 4): the fraction of independent experiments drawn
 * at &mu;_true whose interval contains &mu;_true. An interval {&mu; : t_obs(&mu;) &le; t_c(&mu;)} contains &mu;_true
 * exactly when t_obs(&mu;_true) &le; t_c(&mu;_true), so each experiment needs one t, at &mu;_true; between grid points
 * t_c(&mu;_true) is the belt's linear interpolation ({@link Belt#criticalValue}), the one the observed interval is
 * read with. Neyman uses the belt's t_c, Wilks the &chi;&sup2;&#8321; quantile. An experiment whose fit failed has no
 * interval and counts as not covering.
 *
 * <p>The error: the binomial error of the fraction, &radic;(p(1&minus;p)/n), and for Neyman also the belt's own Monte
 * Carlo noise: t_c is an order statistic of N_toys toys, so the coverage it gives scatters by &radic;(CL(1&minus;CL)/N_toys)
 * around the coverage of the exact t_c. For smooth critical values N_toys is the fit's effective toys at the point
 * (more than the point's own: the fit pools its neighbours'), given by {@link #of(Belt, List, double[], int[][])}. Both are added in quadrature. At p = 0 or 1 the binomial term is not 0 but
 * the distance from p to the far end of the central 68.27 % Clopper&ndash;Pearson interval, 1 &minus; ((1 &minus; 0.6827)/2)^(1/n).
 *
 * @param mu        &mu;_true
 * @param cl        the confidence level
 * @param method    "neyman" or "wilks"
 * @param covered   experiments whose interval contains &mu;_true
 * @param n         experiments
 * @param failed    experiments whose fits failed (counted as not covering)
 * @param beltToys  toys behind t_c(&mu;_true) (the fewer of the two neighbouring grid points'), 0 for Wilks
 */
public record Coverage(double mu, double cl, String method, int covered, int n, int failed, int beltToys) {

    /** One standard deviation, as a central probability. */
    static final double ONE_SIGMA = 0.682689492137086;

    public Coverage {
        if (n < 1 || covered < 0 || covered > n || failed < 0 || failed > n || beltToys < 0) {
            throw new IllegalArgumentException("coverage at mu = " + mu + ": covered " + covered + ", failed " + failed
                    + " of n = " + n + ", belt toys " + beltToys + "; expected 0 <= covered, failed <= n, n >= 1");
        }
    }

    /** The covered fraction. */
    public double fraction() {
        return covered / (double) n;
    }

    /**
     * The binomial error of the fraction: &radic;(p(1&minus;p)/n) for 0 &lt; p &lt; 1; at p = 0 or 1 the distance to the
     * other end of the central 68.27 % Clopper&ndash;Pearson interval.
     */
    public double binomialError() {
        double p = fraction();
        if (covered > 0 && covered < n) {
            return Math.sqrt(p * (1 - p) / n);
        }
        // the central interval's far end: at x = 0 the upper end solves (1 - u)^n = (1 - CL)/2, at x = n the lower end
        // l^n = (1 - CL)/2 (Commons Math's ClopperPearsonInterval needs 0 < x < n: an F distribution with 0 degrees of
        // freedom otherwise; CoverageTest checks these against it just inside the ends)
        double end = Math.pow((1 - ONE_SIGMA) / 2, 1.0 / n);
        return 1 - end;
    }

    /** The belt's Monte Carlo noise on the coverage, &radic;(CL(1&minus;CL)/N_toys); 0 for Wilks. */
    public double beltError() {
        return beltToys == 0 ? 0 : Math.sqrt(cl * (1 - cl) / beltToys);
    }

    /** The total error: the binomial and the belt's errors in quadrature. */
    public double error() {
        double b = binomialError();
        double t = beltError();
        return Math.sqrt(b * b + t * t);
    }

    /** (fraction &minus; CL) / error: how many standard deviations the coverage lies above (+) or below (&minus;) nominal. */
    public double pull() {
        return (fraction() - cl) / error();
    }

    /**
     * Coverage of every level of the belt, Neyman and Wilks. {@code experiments} are grouped by their
     * {@link ToyOutcome#muIndex()}, an index into {@code muTrue}; each &mu;_true lies in the belt's grid range.
     */
    public static List<Coverage> of(Belt belt, List<ToyOutcome> experiments, double[] muTrue) {
        return of(belt, experiments, muTrue, null);
    }

    /**
     * As {@link #of(Belt, List, double[])}, with the toys behind the belt's t_c given per [grid point][level] (the
     * effective toys of smooth critical values); null: each point's own toys.
     */
    public static List<Coverage> of(Belt belt, List<ToyOutcome> experiments, double[] muTrue, int[][] beltToys) {
        if (beltToys != null && beltToys.length != belt.muGrid().length) {
            throw new IllegalArgumentException(beltToys.length + " rows of belt toys for " + belt.muGrid().length
                    + " grid points");
        }
        List<Coverage> out = new ArrayList<>();
        double[] grid = belt.muGrid();
        for (int e = 0; e < muTrue.length; e++) {
            double mu = muTrue[e];
            if (!(mu >= grid[0] && mu <= grid[grid.length - 1])) {
                throw new IllegalArgumentException("mu_true = " + mu + " is outside the belt's grid [" + grid[0] + ", "
                        + grid[grid.length - 1] + "]; coverage is checked where the belt is defined");
            }
            int index = e;
            List<ToyOutcome> at = experiments.stream().filter(o -> o.muIndex() == index).toList();
            if (at.isEmpty()) {
                throw new IllegalArgumentException("no experiments at mu_true = " + mu);
            }
            int failed = (int) at.stream().filter(o -> !o.converged()).count();
            for (double cl : belt.cls()) {
                double tc = belt.criticalValue(cl, mu);
                double wilks = IntervalInverter.wilksThreshold(cl);
                int neyman = (int) at.stream().filter(o -> o.converged() && o.t() <= tc).count();
                int w = (int) at.stream().filter(o -> o.converged() && o.t() <= wilks).count();
                out.add(new Coverage(mu, cl, "neyman", neyman, at.size(), failed, toysBehind(belt, cl, mu, beltToys)));
                out.add(new Coverage(mu, cl, "wilks", w, at.size(), failed, 0));
            }
        }
        return out;
    }

    /** The toys behind t_c(&mu;): those of the grid point, or the fewer of the two it is interpolated between. */
    static int toysBehind(Belt belt, double cl, double mu, int[][] beltToys) {
        double[] grid = belt.muGrid();
        int c = belt.cls().indexOf(cl);
        java.util.function.IntUnaryOperator at = m -> beltToys == null ? belt.point(m, cl).nToys() : beltToys[m][c];
        int i = java.util.Arrays.binarySearch(grid, mu);
        if (i >= 0) {
            return at.applyAsInt(i);
        }
        int hi = -i - 1;
        return Math.min(at.applyAsInt(hi - 1), at.applyAsInt(hi));
    }

    /**
     * The default &mu;_true of a coverage check: the grid points and the mid-points between neighbours, so that
     * the belt's interpolation is exercised as well as its grid points.
     */
    public static double[] gridAndMidpoints(double[] grid) {
        double[] out = new double[2 * grid.length - 1];
        for (int i = 0; i < grid.length; i++) {
            out[2 * i] = grid[i];
            if (i + 1 < grid.length) {
                out[2 * i + 1] = 0.5 * (grid[i] + grid[i + 1]);
            }
        }
        return out;
    }
}
