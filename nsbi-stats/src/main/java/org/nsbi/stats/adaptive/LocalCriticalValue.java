package org.nsbi.stats.adaptive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nsbi.stats.belt.CriticalValue;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * t_c(&mu;) at one confidence level by local linear quantile regression: at each grid point m, t_c(&mu;_m) = a minimises
 * the weighted pinball loss &Sigma; w_i &rho;_CL(t_i &minus; a &minus; b(&mu;_i &minus; &mu;_m)) over the toys of the points within
 * {@value #HALF_WIDTH} &minus; 1 grid steps, weighted by the triangle w = 1 &minus; |j &minus; m| / {@value #HALF_WIDTH} in
 * grid index (1, 3/4, 1/2, 1/4). A point's critical value thus borrows the toys of its three neighbours on each side, and the
 * local slope b keeps a t_c(&mu;) that changes linearly unbiased; between grid points t_c is linear, as in the belt.
 * A failed toy (t = +&infin;) lies above any fit, as in {@link SmoothCriticalValue}.
 *
 * <p>A point whose t has an atom is fitted alone and lends no toys: where at least {@value #ATOM_FRACTION} of its toys
 * have &mu;&#770; = &mu;_true exactly (the true &mu; at a bound of the parameter, e.g. &mu; = 0 with &mu; &ge; 0), t = 0 for
 * all of them and the distribution differs in kind from the neighbours'. A point fitted alone (also one without
 * pooled neighbours) keeps its own order statistic ({@link CriticalValue}).
 *
 * <p>The minimum: for a fixed slope b the best a is the weighted CL-quantile of the residuals t_i &minus; b&middot;d_i; the loss
 * left is convex in b (the minimum over a of a jointly convex function), minimised by golden-section search over a
 * bracket of every slope two toys can define. The critical value is then not that minimum's intercept but the residuals'
 * quantile at plotting positions i / (N + 2) at the fitted slope ({@code Window#unbiasedQuantile}): the minimiser covers
 * too little by about (CL &minus; 1/2) / N, a bias that matters in the far tail with few toys.
 *
 * @param grid          the grid's &mu; values
 * @param tc            the fitted t_c at each grid point
 * @param effectiveToys the toys of a plain quantile about as precise as the fit at each point ({@link #effectiveToys(double[],
 *                      double[], double[][])}; a point's own count where it is fitted alone)
 * @param own           per point, true when its t_c is its own order statistic (fitted alone)
 */
public record LocalCriticalValue(double cl, double[] grid, double[] tc, double[] effectiveToys, boolean[] own)
        implements CriticalValueCurve {

    /** Points j with |j &minus; m| &lt; HALF_WIDTH enter the fit at m, weighted 1 &minus; |j &minus; m| / HALF_WIDTH. */
    public static final int HALF_WIDTH = 4;

    /** The fraction of toys with &mu;&#770; = &mu;_true from which a point's t counts as having an atom. */
    public static final double ATOM_FRACTION = 0.05;

    private static final int GOLDEN_STEPS = 90;

    public LocalCriticalValue {
        grid = grid.clone();
        tc = tc.clone();
        effectiveToys = effectiveToys.clone();
        own = own.clone();
    }

    @Override
    public boolean ownOrderStatistic(int m) {
        return own[m];
    }

    @Override
    public double at(double mu) {
        int i = Arrays.binarySearch(grid, mu);
        if (i >= 0) {
            return tc[i];
        }
        int hi = -i - 1;
        if (hi == 0 || hi == grid.length) {
            throw new IllegalArgumentException("mu = " + mu + " is outside the grid [" + grid[0] + ", "
                    + grid[grid.length - 1] + "] of the local critical values");
        }
        int lo = hi - 1;
        if (Double.isInfinite(tc[lo]) || Double.isInfinite(tc[hi])) {
            return Double.POSITIVE_INFINITY;
        }
        double f = (mu - grid[lo]) / (grid[hi] - grid[lo]);
        return tc[lo] + f * (tc[hi] - tc[lo]);
    }

    @Override
    public double effectiveToys(int m, int totalToys) {
        return effectiveToys[m];
    }

    /** Fits the toys of a grid (point m's toys have muIndex m) at level cl. */
    public static LocalCriticalValue fit(double[] grid, List<ToyOutcome> toys, double cl) {
        if (!(cl > 0 && cl < 1)) {
            throw new IllegalArgumentException("confidence level " + cl + "; expected a value in (0, 1)");
        }
        List<List<ToyOutcome>> byPoint = new ArrayList<>();
        for (int m = 0; m < grid.length; m++) {
            byPoint.add(new ArrayList<>());
        }
        for (ToyOutcome o : toys) {
            if (o.muIndex() < 0 || o.muIndex() >= grid.length) {
                throw new IllegalArgumentException("toy " + o.toyIndex() + " belongs to grid point " + o.muIndex()
                        + "; the grid has " + grid.length + " points");
            }
            byPoint.get(o.muIndex()).add(o);
        }
        boolean[] alone = new boolean[grid.length];
        for (int m = 0; m < grid.length; m++) {
            if (byPoint.get(m).isEmpty()) {
                throw new IllegalArgumentException("no toys at mu = " + grid[m] + "; expected toys at every grid point");
            }
            alone[m] = hasAtom(byPoint.get(m));
        }
        double[] tc = new double[grid.length];
        double[] effective = new double[grid.length];
        boolean[] own = new boolean[grid.length];
        double[][] sorted = new double[grid.length][]; // each point's t, ascending, failed toys (+inf) last
        for (int m = 0; m < grid.length; m++) {
            sorted[m] = byPoint.get(m).stream().mapToDouble(o -> o.converged() ? o.t() : Double.POSITIVE_INFINITY)
                    .sorted().toArray();
        }
        for (int m = 0; m < grid.length; m++) {
            List<Integer> window = new ArrayList<>();
            for (int j = Math.max(0, m - HALF_WIDTH + 1); j <= Math.min(grid.length - 1, m + HALF_WIDTH - 1); j++) {
                if (j == m || !(alone[m] || alone[j])) {
                    window.add(j);
                }
            }
            if (window.size() == 1) {
                List<ToyOutcome> at = byPoint.get(m);
                double[] t = at.stream().filter(ToyOutcome::converged).mapToDouble(ToyOutcome::t).toArray();
                tc[m] = CriticalValue.of(t, at.size() - t.length, cl).t();
                effective[m] = at.size();
                own[m] = true;
                continue;
            }
            double[] d = new double[window.size()];
            double[] w = new double[window.size()];
            double[][] t = new double[window.size()][];
            for (int g = 0; g < d.length; g++) {
                int j = window.get(g);
                d[g] = grid[j] - grid[m];
                w[g] = 1 - Math.abs(j - m) / (double) HALF_WIDTH;
                t[g] = sorted[j];
            }
            Window fitted = new Window(d, w, t);
            tc[m] = fitted.unbiasedQuantile(fitted.slope(cl), cl);
            effective[m] = effectiveToys(d, w, t);
        }
        return new LocalCriticalValue(cl, grid, tc, effective, own);
    }

    /**
     * The toys of a plain quantile as precise as the local linear fit's intercept: 1 / Var(a) of the weighted least
     * squares line through toys of unit variance, Var(a) = (S2&sup2;T0 &minus; 2 S1 S2 T1 + S1&sup2; T2) / (S0 S2 &minus; S1&sup2;)&sup2;
     * with Sk = &Sigma; w d^k and Tk = &Sigma; w&sup2; d^k over the toys; (&Sigma;w)&sup2; / &Sigma;w&sup2; for a window symmetric about
     * the point, less at the edge of the grid, where the line is extrapolated.
     */
    static double effectiveToys(double[] d, double[] w, double[][] t) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double t0 = 0;
        double t1 = 0;
        double t2 = 0;
        for (int g = 0; g < d.length; g++) {
            double n = t[g].length;
            s0 += w[g] * n;
            s1 += w[g] * n * d[g];
            s2 += w[g] * n * d[g] * d[g];
            t0 += w[g] * w[g] * n;
            t1 += w[g] * w[g] * n * d[g];
            t2 += w[g] * w[g] * n * d[g] * d[g];
        }
        double det = s0 * s2 - s1 * s1;
        double var = (s2 * s2 * t0 - 2 * s1 * s2 * t1 + s1 * s1 * t2) / (det * det);
        return 1 / var;
    }

    /** True when at least {@link #ATOM_FRACTION} of the toys have &mu;&#770; = &mu;_true exactly. */
    static boolean hasAtom(List<ToyOutcome> toys) {
        long onTruth = toys.stream().filter(o -> o.converged() && o.muHat() == o.muTrue()).count();
        return onTruth >= ATOM_FRACTION * toys.size();
    }

    /**
     * The intercept a of the weighted local linear quantile regression of rows {d, t, w} at level cl (rows of equal d
     * must have equal w): the minimum over (a, b) of &Sigma; w &rho;_cl(t &minus; a &minus; b d); +&infin; when the failed toys'
     * weight is beyond 1 &minus; cl.
     */
    static double fitAt(double[][] rows, double cl) {
        Window window = Window.of(rows);
        return window.quantile(window.slope(cl), cl);
    }

    /**
     * The critical value {@link #fit} takes from rows {d, t, w}: the residuals' quantile at plotting positions at the slope
     * of {@link #fitAt}'s minimum.
     */
    static double unbiasedAt(double[][] rows, double cl) {
        Window window = Window.of(rows);
        return window.unbiasedQuantile(window.slope(cl), cl);
    }

    /** &Sigma; w &rho;_cl(t &minus; a &minus; b d) of rows {d, t, w}, failed toys (t = +&infin;) as &minus;cl&middot;w&middot;(a + b d). */
    static double pinball(double[][] rows, double a, double b, double cl) {
        double sum = 0;
        for (double[] row : rows) {
            double f = a + b * row[0];
            if (row[1] == Double.POSITIVE_INFINITY) {
                sum -= cl * row[2] * f;
            } else {
                double u = row[1] - f;
                sum += row[2] * (u >= 0 ? cl * u : (cl - 1) * u);
            }
        }
        return sum;
    }

    /**
     * The toys of one fit: groups g of toys at offset d[g] from the point, weight w[g], t ascending (failed toys, +&infin;,
     * last). Within a group the residuals t &minus; b&middot;d[g] keep the order of t, so the weighted quantile at any slope is a
     * merge of the groups, without sorting.
     */
    private record Window(double[] d, double[] w, double[][] t) {

        /** The window of rows {d, t, w} (rows of equal d must have equal w). */
        static Window of(double[][] rows) {
            java.util.TreeMap<Double, List<double[]>> groups = new java.util.TreeMap<>();
            for (double[] r : rows) {
                groups.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
            }
            double[] d = new double[groups.size()];
            double[] w = new double[groups.size()];
            double[][] t = new double[groups.size()][];
            int g = 0;
            for (List<double[]> rs : groups.values()) {
                d[g] = rs.get(0)[0];
                w[g] = rs.get(0)[2];
                for (double[] r : rs) {
                    if (r[2] != w[g]) {
                        throw new IllegalArgumentException("rows at d = " + d[g] + " with weights " + w[g] + " and " + r[2]);
                    }
                }
                t[g] = rs.stream().mapToDouble(r -> r[1]).sorted().toArray();
                g++;
            }
            return new Window(d, w, t);
        }

        /** The slope b of the minimum of the pinball loss (0 when the window has one offset; NaN when every toy failed). */
        double slope(double cl) {
            double minT = Double.POSITIVE_INFINITY;
            double maxT = Double.NEGATIVE_INFINITY;
            double minD = Double.POSITIVE_INFINITY;
            for (int g = 0; g < d.length; g++) {
                for (double v : t[g]) {
                    if (Double.isFinite(v)) {
                        minT = Math.min(minT, v);
                        maxT = Math.max(maxT, v);
                    }
                }
                if (d[g] != 0) {
                    minD = Math.min(minD, Math.abs(d[g]));
                }
            }
            if (minT == Double.POSITIVE_INFINITY) {
                return Double.NaN;
            }
            if (minD == Double.POSITIVE_INFINITY) {
                return 0;
            }
            // the slope through any two toys is at most (max t - min t) / (smallest spacing); the optimum is one of them
            double bound = Math.max((maxT - minT) / minD, 1e-12) * 1.01;
            double lo = -bound;
            double hi = bound;
            double g = (Math.sqrt(5) - 1) / 2;
            double x1 = hi - g * (hi - lo);
            double x2 = lo + g * (hi - lo);
            double f1 = loss(x1, cl);
            double f2 = loss(x2, cl);
            for (int step = 0; step < GOLDEN_STEPS; step++) {
                if (f1 <= f2) {
                    hi = x2;
                    x2 = x1;
                    f2 = f1;
                    x1 = hi - g * (hi - lo);
                    f1 = loss(x1, cl);
                } else {
                    lo = x1;
                    x1 = x2;
                    f1 = f2;
                    x2 = lo + g * (hi - lo);
                    f2 = loss(x2, cl);
                }
            }
            return f1 <= f2 ? x1 : x2;
        }

        /** The loss at slope b with its best intercept. */
        private double loss(double b, double cl) {
            double a = quantile(b, cl);
            if (a == Double.POSITIVE_INFINITY) {
                return Double.POSITIVE_INFINITY;
            }
            double sum = 0;
            for (int g = 0; g < d.length; g++) {
                double shift = a + b * d[g];
                double part = 0;
                for (double v : t[g]) {
                    if (v == Double.POSITIVE_INFINITY) {
                        part -= cl * shift;
                    } else {
                        double u = v - shift;
                        part += u >= 0 ? cl * u : (cl - 1) * u;
                    }
                }
                sum += w[g] * part;
            }
            return sum;
        }

        /**
         * The intercept at slope b read at plotting positions, unbiased in coverage: the i-th smallest residual
         * t &minus; b&middot;d, of weight w_i and cumulative weight C_i (of W in all, N toys, mean weight w&#772; = W / N), sits at
         * P_i = (C_i &minus; w_i / 2 + w&#772; / 2) / (W + p&middot;w&#772;), i / (N + p) for equal weights, p the parameters fitted
         * (2: intercept and slope; 1 when the window has one offset and no slope is fitted), and the value is interpolated
         * linearly between the positions around cl (+&infin; beyond the last position, or next to a failed toy).
         * For a plain quantile (p = 1) this is the interpolated order statistic at cl&middot;(N + 1) (Hyndman and Fan's type 6):
         * F(t_(i)) has mean i / (N + 1), so its coverage has mean cl to first order in 1 / N. The slope fitted to the same
         * toys pins a second toy on the line, hence N + 2. The pinball loss's minimiser ({@link #quantile}), the smallest
         * residual whose cumulative weight reaches cl&middot;W, covers about (cl &minus; 1/2) / N too little: 0.3 % at 95.45 % and
         * 25 toys per point in a window of seven (LocalCriticalValueTest).
         */
        double unbiasedQuantile(double b, double cl) {
            if (Double.isNaN(b)) {
                return Double.POSITIVE_INFINITY;
            }
            int parameters = d.length > 1 ? 2 : 1;
            int count = 0;
            double total = 0;
            for (int g = 0; g < d.length; g++) {
                count += t[g].length;
                total += w[g] * t[g].length;
            }
            double mean = total / count;
            int[] at = new int[d.length];
            double cum = 0;
            double previous = Double.NaN;
            double previousAt = Double.NaN;
            while (true) {
                int best = next(b, at);
                if (best < 0) {
                    return Double.POSITIVE_INFINITY;
                }
                double value = t[best][at[best]] - b * d[best];
                cum += w[best];
                at[best]++;
                double position = (cum - w[best] / 2 + mean / 2) / (total + parameters * mean);
                if (position >= cl) {
                    if (Double.isNaN(previous) || position == cl) {
                        return value;
                    }
                    if (value == Double.POSITIVE_INFINITY) {
                        return value;
                    }
                    return previous + (cl - previousAt) / (position - previousAt) * (value - previous);
                }
                previous = value;
                previousAt = position;
            }
        }

        /** The group of the smallest residual not yet taken (failed toys last), &minus;1 when every toy is taken. */
        private int next(double b, int[] at) {
            int best = -1;
            double value = Double.POSITIVE_INFINITY;
            for (int g = 0; g < d.length; g++) {
                if (at[g] < t[g].length) {
                    double r = t[g][at[g]] - b * d[g];
                    if (best < 0 || r < value) {
                        best = g;
                        value = r;
                    }
                }
            }
            return best;
        }

        /** The weighted cl-quantile of the residuals t &minus; b&middot;d: the smallest whose cumulative weight reaches cl of all. */
        private double quantile(double b, double cl) {
            if (Double.isNaN(b)) {
                return Double.POSITIVE_INFINITY;
            }
            double total = 0;
            for (int g = 0; g < d.length; g++) {
                total += w[g] * t[g].length;
            }
            double need = cl * total * (1 - 1e-12);
            int[] at = new int[d.length];
            double cum = 0;
            while (true) {
                int best = next(b, at);
                double value = best < 0 ? Double.POSITIVE_INFINITY : t[best][at[best]] - b * d[best];
                if (best < 0 || value == Double.POSITIVE_INFINITY) {
                    return Double.POSITIVE_INFINITY;
                }
                cum += w[best];
                at[best]++;
                if (cum >= need) {
                    return value;
                }
            }
        }
    }
}
