package org.nsbi.stats.adaptive;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The Monte Carlo uncertainty of smooth critical values at the grid points, by the bootstrap: the toys of each point
 * are resampled with replacement (each point keeps its count, the design of the quantile regression stays fixed), the
 * form is fitted again ({@link SmoothCriticalValues.Form#fit}), and the standard deviation of the refitted t_c(&mu;) over the
 * replicates is the band. The resampling streams are keyed by the toys' counts per point and the replicate
 * ({@link ToyRandom}, purpose "smooth-bootstrap"), so the same toys always give the same band.
 *
 * <p>In coverage probability (what {@code --target-precision} asks for): the coverage a replicate's t_c delivers at a
 * point, read from every toy scaled to its own point, u = t / t_c,fit(&mu;) (the toys' distribution taken as a scale
 * family across &mu;, so that all of them, not the point's few, give its CDF near the quantile): G(t_c,rep(&mu;) /
 * t_c,fit(&mu;)) with G the empirical CDF of u; coverageSd is its standard deviation over the replicates (+&infin; where the
 * fit is not positive).
 *
 * @param tc         the fit on all the toys at each grid point
 * @param sd         the bootstrap standard deviation of the fitted t_c at each grid point
 * @param coverageSd the same in coverage probability
 * @param own        per grid point, true when the fit there is the point's own order statistic
 *                   ({@link CriticalValueCurve#ownOrderStatistic}): its exact order-statistic band, not the bootstrap,
 *                   then decides ({@link AdaptiveToys}); the bootstrap of an extreme order statistic of few toys is far
 *                   too narrow
 * @param effectiveToys per grid point, the toys behind the fit there ({@link CriticalValueCurve#effectiveToys})
 */
public record SmoothBand(double cl, double[] tc, double[] sd, double[] coverageSd, boolean[] own, double[] effectiveToys) {

    /** Bootstrap replicates. */
    public static final int REPLICATES = 40;

    /** The band of the fit of a form at level cl over the toys of a grid (point m's toys have muIndex m). */
    public static SmoothBand of(double[] grid, List<ToyOutcome> toys, double cl, SmoothCriticalValues.Form form) {
        List<List<ToyOutcome>> byPoint = new ArrayList<>();
        for (int m = 0; m < grid.length; m++) {
            byPoint.add(new ArrayList<>());
        }
        for (ToyOutcome o : toys) {
            byPoint.get(o.muIndex()).add(o);
        }
        long[] key = new long[grid.length + 2];
        for (int m = 0; m < grid.length; m++) {
            key[m] = byPoint.get(m).size();
        }
        key[grid.length] = Double.doubleToLongBits(cl);
        CriticalValueCurve all = form.fit(grid, toys, cl);
        double[] u = new double[toys.size()];
        for (int i = 0; i < u.length; i++) {
            ToyOutcome o = toys.get(i);
            u[i] = o.converged() ? o.t() / all.at(o.muTrue()) : Double.POSITIVE_INFINITY;
        }
        java.util.Arrays.sort(u);
        double[] tc = new double[grid.length];
        boolean[] own = new boolean[grid.length];
        double[] effective = new double[grid.length];
        for (int m = 0; m < grid.length; m++) {
            tc[m] = all.at(grid[m]);
            own[m] = all.ownOrderStatistic(m);
            effective[m] = all.effectiveToys(m, toys.size());
        }
        double[][] moments = new double[4][grid.length]; // sums of t_c and t_c^2, of G and G^2
        for (int r = 0; r < REPLICATES; r++) {
            key[grid.length + 1] = r;
            UniformRandomProvider rng = ToyRandom.of(0, "smooth-bootstrap", key);
            List<ToyOutcome> sample = new ArrayList<>(toys.size());
            for (List<ToyOutcome> at : byPoint) {
                for (int i = 0; i < at.size(); i++) {
                    sample.add(at.get(rng.nextInt(at.size())));
                }
            }
            CriticalValueCurve f = form.fit(grid, sample, cl);
            for (int m = 0; m < grid.length; m++) {
                double v = f.at(grid[m]);
                double g = cdf(u, v / tc[m]);
                moments[0][m] += v;
                moments[1][m] += v * v;
                moments[2][m] += g;
                moments[3][m] += g * g;
            }
        }
        double[] sd = new double[grid.length];
        double[] coverageSd = new double[grid.length];
        for (int m = 0; m < grid.length; m++) {
            sd[m] = sd(moments[0][m], moments[1][m]);
            coverageSd[m] = tc[m] > 0 ? sd(moments[2][m], moments[3][m]) : Double.POSITIVE_INFINITY;
        }
        return new SmoothBand(cl, tc, sd, coverageSd, own, effective);
    }

    /** The sample standard deviation over the replicates from the sum and the sum of squares. */
    private static double sd(double sum, double sum2) {
        double mean = sum / REPLICATES;
        return Math.sqrt(Math.max(0, (sum2 - REPLICATES * mean * mean) / (REPLICATES - 1)));
    }

    /** The fraction of the sorted values at or below x. */
    private static double cdf(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo / (double) sorted.length;
    }

    /** Whether t_obs at point m lies beyond {@code signif} standard deviations of the fitted t_c (in or out is certain). */
    public boolean decided(int m, double tObs, double signif) {
        return Math.abs(tObs - tc[m]) > signif * sd[m];
    }
}
