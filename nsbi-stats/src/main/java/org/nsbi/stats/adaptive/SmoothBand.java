package org.nsbi.stats.adaptive;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The Monte Carlo uncertainty of smooth critical values at the grid points, by the bootstrap: the toys of each point
 * are resampled with replacement (each point keeps its count, the design of the quantile regression stays fixed), the
 * form is fitted again ({@link SmoothCriticalValue#fit}), and the standard deviation of the refitted t_c(&mu;) over the
 * replicates is the band. The resampling streams are keyed by the toys' counts per point and the replicate
 * ({@link ToyRandom}, purpose "smooth-bootstrap"), so the same toys always give the same band.
 *
 * @param tc the fit on all the toys at each grid point
 * @param sd the bootstrap standard deviation of the fitted t_c at each grid point
 */
public record SmoothBand(double cl, double[] tc, double[] sd) {

    /** Bootstrap replicates. */
    public static final int REPLICATES = 40;

    /** The band of the fit at level cl over the toys of a grid (point m's toys have muIndex m). */
    public static SmoothBand of(double[] grid, List<ToyOutcome> toys, double cl) {
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
        SmoothCriticalValue all = SmoothCriticalValue.fit(toys, cl);
        double[] tc = new double[grid.length];
        double[] sum = new double[grid.length];
        double[] sum2 = new double[grid.length];
        for (int r = 0; r < REPLICATES; r++) {
            key[grid.length + 1] = r;
            UniformRandomProvider rng = ToyRandom.of(0, "smooth-bootstrap", key);
            List<ToyOutcome> sample = new ArrayList<>(toys.size());
            for (List<ToyOutcome> at : byPoint) {
                for (int i = 0; i < at.size(); i++) {
                    sample.add(at.get(rng.nextInt(at.size())));
                }
            }
            SmoothCriticalValue f = SmoothCriticalValue.fit(sample, cl);
            for (int m = 0; m < grid.length; m++) {
                double v = f.at(grid[m]);
                sum[m] += v;
                sum2[m] += v * v;
            }
        }
        double[] sd = new double[grid.length];
        for (int m = 0; m < grid.length; m++) {
            tc[m] = all.at(grid[m]);
            double mean = sum[m] / REPLICATES;
            sd[m] = Math.sqrt(Math.max(0, (sum2[m] - REPLICATES * mean * mean) / (REPLICATES - 1)));
        }
        return new SmoothBand(cl, tc, sd);
    }

    /** Whether t_obs at point m lies beyond {@code signif} standard deviations of the fitted t_c (in or out is certain). */
    public boolean decided(int m, double tObs, double signif) {
        return Math.abs(tObs - tc[m]) > signif * sd[m];
    }
}
