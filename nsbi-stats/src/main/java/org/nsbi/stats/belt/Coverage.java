package org.nsbi.stats.belt;

import java.util.ArrayList;
import java.util.List;
import org.nsbi.stats.interval.IntervalInverter;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * Coverage of the intervals at a true &mu; (primer section 4): the fraction of independent experiments drawn
 * at &mu;_true whose interval contains &mu;_true. An interval {&mu; : t_obs(&mu;) &le; t_c(&mu;)} contains &mu;_true
 * exactly when t_obs(&mu;_true) &le; t_c(&mu;_true), so each experiment needs one t, at &mu;_true (a grid point
 * of the belt, where no interpolation enters). Neyman uses the belt's t_c, Wilks the &chi;&sup2;&#8321; quantile. An
 * experiment whose fit failed has no interval and counts as not covering.
 *
 * @param mu        &mu;_true
 * @param cl        the confidence level
 * @param method    "neyman" or "wilks"
 * @param covered   experiments whose interval contains &mu;_true
 * @param n         experiments
 * @param failed    experiments whose fits failed (counted as not covering)
 */
public record Coverage(double mu, double cl, String method, int covered, int n, int failed) {

    /** The covered fraction. */
    public double fraction() {
        return covered / (double) n;
    }

    /** Its binomial standard error &radic;(p(1&minus;p)/n). */
    public double error() {
        double p = fraction();
        return Math.sqrt(p * (1 - p) / n);
    }

    /** Coverage of every level of the belt, Neyman and Wilks, from experiments at grid points of the belt. */
    public static List<Coverage> of(Belt belt, List<ToyOutcome> experiments, double[] muTrue) {
        List<Coverage> out = new ArrayList<>();
        double[] grid = belt.muGrid();
        for (int e = 0; e < muTrue.length; e++) {
            int m = java.util.Arrays.binarySearch(grid, muTrue[e]);
            if (m < 0) {
                throw new IllegalArgumentException("mu_true = " + muTrue[e] + " is not a grid point of the belt "
                        + java.util.Arrays.toString(grid) + "; coverage is checked at grid points");
            }
            int index = e;
            List<ToyOutcome> at = experiments.stream().filter(o -> o.muIndex() == index).toList();
            if (at.isEmpty()) {
                throw new IllegalArgumentException("no experiments at mu_true = " + muTrue[e]);
            }
            int failed = (int) at.stream().filter(o -> !o.converged()).count();
            for (double cl : belt.cls()) {
                double tc = belt.point(m, cl).tCrit();
                double wilks = IntervalInverter.wilksThreshold(cl);
                int neyman = (int) at.stream().filter(o -> o.converged() && o.t() <= tc).count();
                int w = (int) at.stream().filter(o -> o.converged() && o.t() <= wilks).count();
                out.add(new Coverage(muTrue[e], cl, "neyman", neyman, at.size(), failed));
                out.add(new Coverage(muTrue[e], cl, "wilks", w, at.size(), failed));
            }
        }
        return out;
    }
}
