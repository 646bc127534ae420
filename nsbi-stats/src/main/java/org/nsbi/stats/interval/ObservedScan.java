package org.nsbi.stats.interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.fit.FitResult;
import org.nsbi.stats.fit.HessianErrors;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.likelihood.Lockstep;
import org.nsbi.stats.likelihood.Nll;

/**
 * The observed t(&mu;) scan of a data set and its intervals: Neyman from the belts
 * ({&mu; : t_obs(&mu;) &le; t_c(&mu;)}, t_c interpolated between grid points) and Wilks (t &le; the &chi;&sup2;&#8321;
 * quantile) beside it. Runs on the driver: one data set, a global fit and one conditional fit per
 * scanned &mu;; the independent conditional fits run in {@link Lockstep}, so that on a distributed data set a round
 * of their Newton steps is one Spark job.
 *
 * <p>Every t(&mu;) and the reported &mu;&#770; refer to one global minimum: when a conditional NLL falls below the
 * global one by more than {@link ProfileFitter#NLL_TOLERANCE}, the global fit is redone from that conditional
 * point and the whole scan is run again. Fits that end with a nuisance parameter on a bound of its range are
 * flagged per scanned &mu; and listed in {@link Result#warnings()}.
 */
public final class ObservedScan {

    /** Rounds of "global minimum moved, scan again" before giving up (each round lowers the global NLL). */
    private static final int MAX_ROUNDS = 5;

    /**
     * The grid's first wave of fits: every this many grid points and the last, from the global fit; then waves of
     * every quarter as many, from the points already fitted.
     */
    private static final int FIRST_STRIDE = 16;

    /** Neighbours' &alpha;&#770;&#770; further apart than this (in prior widths) are not interpolated for a start. */
    private static final double FAR_APART = 1;

    /**
     * The best fit with its nuisance parameters' post-fit errors ({@link HessianErrors}), the intervals and the scan
     * (&mu;, t_obs, whether a fit at that &mu; ended on a bound) for the summary, and the warnings about fits on a bound.
     */
    public record Result(FitResult global, HessianErrors errors, List<ConfidenceInterval> intervals, double[] mu,
                         double[] t, boolean[] atBound, List<String> warnings) {

        /**
         * scan.csv: mu, t_obs, the critical values at each CL and at_bound ({@link ScanColumns}), one line per
         * scanned mu.
         */
        public String scanCsv(Belt belt) {
            StringBuilder sb = new StringBuilder(String.join(",", ScanColumns.header(belt.cls()))).append('\n');
            for (int i = 0; i < mu.length; i++) {
                sb.append(mu[i]).append(',').append(t[i]);
                for (double cl : belt.cls()) {
                    sb.append(',').append(belt.criticalValue(cl, mu[i]));
                }
                sb.append(',').append(atBound[i]).append('\n');
            }
            return sb.toString();
        }
    }

    private ObservedScan() {
    }

    /**
     * @param nll       the observed data's likelihood
     * @param belt      the belts of the Neyman construction
     * @param scanSteps intervals between scanned points across the belt's grid
     */
    public static Result run(Nll nll, Belt belt, int scanSteps) {
        FitResult global = ProfileFitter.withDefaults().global(nll);
        if (!global.converged()) {
            throw new IllegalStateException("the global fit of the observed data failed: " + global.message());
        }
        return run(nll, belt, scanSteps, global);
    }

    /** The same from a given global fit, which is replaced if a conditional fit shows a lower minimum. */
    static Result run(Nll nll, Belt belt, int scanSteps, FitResult firstGlobal) {
        double lo = belt.muGrid()[0];
        double hi = belt.muGrid()[belt.muGrid().length - 1];
        double[] grid = new double[scanSteps + 1];
        for (int i = 0; i <= scanSteps; i++) {
            grid[i] = i == scanSteps ? hi : lo + (hi - lo) * i / scanSteps;
        }
        FitResult global = firstGlobal;
        for (int round = 1; ; round++) {
            try {
                return scan(nll, belt, grid, global);
            } catch (GlobalMinimumMoved moved) {
                if (round == MAX_ROUNDS) {
                    throw new IllegalStateException("the global minimum of the observed data moved " + round
                            + " times during the scan; last at " + moved.lower);
                }
                global = moved.lower;
            }
        }
    }

    /**
     * The scan from {@code global}: first the grid's conditional fits in waves, then the refinement of every
     * interval's ends (Brent, {@link IntervalInverter#root}); then the intervals from those points. The first wave
     * fits every {@value #FIRST_STRIDE}th grid point and the last, each started at the global fit's &alpha;&#770;; each
     * next wave the points at a quarter of the last wave's stride, each started at the &alpha;&#770;&#770; interpolated
     * linearly in &mu; between the points already fitted on either side (unless they are {@link #apart}), which is close
     * enough that most of them converge in one or two Newton steps (against three or four from &alpha;&#770;). A refinement's points start at the &alpha;&#770;&#770; interpolated between
     * the grid points on either side; the first two points of every end ({@link IntervalInverter#firstTries}) are
     * fitted together, then each end's refinement goes on from them. The fits of a wave run together, and so do the ends' refinements
     * ({@link Lockstep}: on a distributed data set one Spark job per round of all their evaluations); every fit's
     * start is fixed before its wave, so the result is the same when they run one after another.
     */
    private static Result scan(Nll nll, Belt belt, double[] grid, FitResult global) {
        TestStatistic ts = TestStatistic.withDefaults();
        TestStatistic.Result[] atPoint = new TestStatistic.Result[grid.length];
        for (int stride = FIRST_STRIDE; stride >= 1; stride /= 4) {
            List<Integer> wave = new ArrayList<>();
            for (int i = 0; i < grid.length; i++) {
                if (atPoint[i] == null && (i % stride == 0 || i == grid.length - 1)) {
                    wave.add(i);
                }
            }
            fitWave(ts, nll, global, grid, wave, atPoint, i -> {
                int a = i - 1;
                int b = i + 1;
                while (a >= 0 && atPoint[a] == null) {
                    a--;
                }
                while (b < grid.length && atPoint[b] == null) {
                    b++;
                }
                return a < 0 || b == grid.length || apart(atPoint[a], atPoint[b]) ? global.alpha()
                        : between(grid[i], grid[a], atPoint[a], grid[b], atPoint[b]);
            });
        }
        List<TestStatistic.Result> gridResults = List.of(atPoint);
        // the ends to refine, of every interval (Neyman then Wilks per CL), each refined by a fit task of its own
        List<DoubleUnaryOperator> thresholds = new ArrayList<>();
        for (double cl : belt.cls()) {
            thresholds.add(mu -> belt.criticalValue(cl, mu));
            double wilks = IntervalInverter.wilksThreshold(cl);
            thresholds.add(mu -> wilks);
        }
        Refiner onGrid = new Refiner(ts, nll, global, grid, gridResults);
        List<DoubleUnaryOperator> endThresholds = new ArrayList<>();
        List<Integer> endAt = new ArrayList<>();
        for (DoubleUnaryOperator threshold : thresholds) {
            for (double[] ab : IntervalInverter.brackets(onGrid::t, grid, threshold)) {
                endThresholds.add(threshold);
                endAt.add(java.util.Arrays.binarySearch(grid, ab[0]));
            }
        }
        // the first two tries of every end, all fitted together; then each end's refinement, which starts with them
        java.util.TreeSet<Double> tries = new java.util.TreeSet<>();
        for (int e = 0; e < endAt.size(); e++) {
            for (double mu : IntervalInverter.firstTries(onGrid::t, endThresholds.get(e), grid, endAt.get(e))) {
                tries.add(mu);
            }
        }
        List<Function<Nll, Map<Double, TestStatistic.Result>>> first = new ArrayList<>();
        for (double mu : tries) {
            first.add(n -> {
                Refiner r = new Refiner(ts, n, global, grid, gridResults);
                r.t(mu);
                return r.refined;
            });
        }
        for (Map<Double, TestStatistic.Result> refined : Lockstep.map(nll, first)) {
            refined.forEach(onGrid.refined::putIfAbsent);
        }
        List<Function<Nll, Map<Double, TestStatistic.Result>>> ends = new ArrayList<>();
        for (int e = 0; e < endAt.size(); e++) {
            DoubleUnaryOperator threshold = endThresholds.get(e);
            int at = endAt.get(e);
            ends.add(n -> {
                Refiner r = new Refiner(ts, n, global, grid, gridResults);
                r.refined.putAll(onGrid.refined);
                IntervalInverter.root(r::t, threshold, grid, at);
                r.refined.keySet().removeAll(onGrid.refined.keySet());
                return r.refined;
            });
        }
        for (Map<Double, TestStatistic.Result> refined : Lockstep.map(nll, ends)) {
            refined.forEach(onGrid.refined::putIfAbsent);
        }
        // the intervals from the refined points (the inversion asks for the same points again)
        List<ConfidenceInterval> intervals = new ArrayList<>();
        for (double cl : belt.cls()) {
            intervals.add(IntervalInverter.neyman(onGrid::t, grid, belt, cl, nll.model().muMin(), nll.model().muMax()));
            intervals.add(IntervalInverter.wilks(onGrid::t, grid, cl, nll.model().muMin(), nll.model().muMax()));
        }
        java.util.TreeMap<Double, TestStatistic.Result> scanned = new java.util.TreeMap<>(onGrid.refined);
        for (int i = 0; i < grid.length; i++) {
            scanned.put(grid[i], gridResults.get(i));
        }
        double[] t = new double[grid.length];
        boolean[] atBound = new boolean[grid.length];
        for (int i = 0; i < grid.length; i++) {
            t[i] = gridResults.get(i).t();
            atBound[i] = gridResults.get(i).atBound();
        }
        HessianErrors errors = HessianErrors.of(nll, global);
        List<String> warnings = warnings(nll, global, scanned.values());
        if (errors.problem() != null) {
            warnings.add("no post-fit errors of the nuisance parameters: " + errors.problem());
        }
        return new Result(global, errors, intervals, grid, t, atBound, warnings);
    }

    /**
     * The conditional fits at grid points {@code which}, each started at {@code start} of its index, in lockstep,
     * into {@code atPoint}; each checked ({@link #checked}).
     */
    private static void fitWave(TestStatistic ts, Nll nll, FitResult global, double[] grid, List<Integer> which,
                                TestStatistic.Result[] atPoint, java.util.function.IntFunction<double[]> start) {
        List<Function<Nll, TestStatistic.Result>> fits = new ArrayList<>();
        for (int i : which) {
            double mu = grid[i];
            double[] alpha = start.apply(i);
            fits.add(n -> ts.at(n, mu, global, alpha));
        }
        List<TestStatistic.Result> results = Lockstep.map(nll, fits);
        for (int j = 0; j < which.size(); j++) {
            atPoint[which.get(j)] = checked(results.get(j), global);
        }
    }

    /**
     * True when the conditional fits' &alpha;&#770;&#770; differ by more than {@value #FAR_APART} in some parameter: &alpha;&#770;&#770;(&mu;)
     * is then too curved between them for their interpolation to be a good start (e.g. near &mu; = 0 where a model fitted
     * in &radic;&mu; changes fast), and the global fit's &alpha;&#770; is used instead.
     */
    private static boolean apart(TestStatistic.Result a, TestStatistic.Result b) {
        double[] alphaA = a.conditional().alpha();
        double[] alphaB = b.conditional().alpha();
        for (int k = 0; k < alphaA.length; k++) {
            if (Math.abs(alphaA[k] - alphaB[k]) > FAR_APART) {
                return true;
            }
        }
        return false;
    }

    /** The &alpha;&#770;&#770; at {@code mu} interpolated linearly between the conditional fits at muA &lt; mu &lt; muB. */
    private static double[] between(double mu, double muA, TestStatistic.Result a, double muB, TestStatistic.Result b) {
        double[] alphaA = a.conditional().alpha();
        double[] alphaB = b.conditional().alpha();
        double f = (mu - muA) / (muB - muA);
        double[] alpha = new double[alphaA.length];
        for (int k = 0; k < alpha.length; k++) {
            alpha[k] = alphaA[k] + f * (alphaB[k] - alphaA[k]);
        }
        return alpha;
    }

    /** {@code r}, unless its fit failed (thrown) or it found a lower minimum than {@code global} (thrown to rescan). */
    private static TestStatistic.Result checked(TestStatistic.Result r, FitResult global) {
        if (!r.converged()) {
            throw new IllegalStateException("the observed conditional fit at mu = " + r.mu() + " failed: " + r.failure());
        }
        if (r.global() != global) {
            throw new GlobalMinimumMoved(r.global());
        }
        return r;
    }

    /**
     * t_obs(&mu;) on an NLL (or a view of it): at a grid point the grid's; elsewhere a conditional fit started at the
     * &alpha;&#770;&#770; interpolated linearly between the points fitted so far on either side, grid points or refined ones
     * (that of the nearer one if they are {@link #apart}), kept in {@link #refined}.
     */
    private static final class Refiner {
        private final TestStatistic ts;
        private final Nll nll;
        private final FitResult global;
        private final double[] grid;
        private final List<TestStatistic.Result> atGrid;
        final Map<Double, TestStatistic.Result> refined = new LinkedHashMap<>();

        Refiner(TestStatistic ts, Nll nll, FitResult global, double[] grid, List<TestStatistic.Result> atGrid) {
            this.ts = ts;
            this.nll = nll;
            this.global = global;
            this.grid = grid;
            this.atGrid = atGrid;
        }

        double t(double mu) {
            int nearest = 0;
            for (int i = 1; i < grid.length; i++) {
                if (Math.abs(grid[i] - mu) < Math.abs(grid[nearest] - mu)) {
                    nearest = i;
                }
            }
            if (grid[nearest] == mu) {
                return atGrid.get(nearest).t();
            }
            if (refined.containsKey(mu)) {
                return refined.get(mu).t();
            }
            // the fitted points nearest below and above mu: grid points and points refined so far
            java.util.TreeMap<Double, TestStatistic.Result> fitted = new java.util.TreeMap<>(refined);
            for (int i = 0; i < grid.length; i++) {
                fitted.put(grid[i], atGrid.get(i));
            }
            Map.Entry<Double, TestStatistic.Result> below = fitted.lowerEntry(mu);
            Map.Entry<Double, TestStatistic.Result> above = fitted.higherEntry(mu);
            double[] start;
            if (below == null || above == null || apart(below.getValue(), above.getValue())) {
                start = (below == null || above != null && above.getKey() - mu < mu - below.getKey() ? above : below)
                        .getValue().conditional().alpha();
            } else {
                start = between(mu, below.getKey(), below.getValue(), above.getKey(), above.getValue());
            }
            return refined.computeIfAbsent(mu, m -> checked(ts.at(nll, m, global, start), global)).t();
        }
    }

    /** One line for the global fit and one for the scanned conditional fits, if they ended on a bound. */
    private static List<String> warnings(Nll nll, FitResult global, java.util.Collection<TestStatistic.Result> scanned) {
        List<String> nps = nll.model().nuisances();
        List<String> out = new ArrayList<>();
        if (global.atBound()) {
            out.add("the global fit ended on a bound: " + String.join(", ", global.atBoundNames(nps)) + bounds(nll, global));
        }
        java.util.TreeMap<String, List<Double>> byParameter = new java.util.TreeMap<>();
        boolean[] any = new boolean[nps.size()];
        for (TestStatistic.Result r : scanned) {
            boolean[] b = r.conditional().alphaAtBound();
            for (int k = 0; k < b.length; k++) {
                if (b[k]) {
                    any[k] = true;
                    byParameter.computeIfAbsent(nps.get(k), x -> new ArrayList<>()).add(r.mu());
                }
            }
        }
        for (Map.Entry<String, List<Double>> e : byParameter.entrySet()) {
            List<Double> mus = e.getValue().stream().sorted().toList();
            out.add("the conditional fit ended with " + e.getKey() + " on a bound at " + mus.size() + " scanned "
                    + nll.model().poi() + " (from " + mus.get(0) + " to " + mus.get(mus.size() - 1) + ")"
                    + bounds(nll, any));
        }
        return out;
    }

    private static String bounds(Nll nll, FitResult fit) {
        return bounds(nll, fit.alphaAtBound());
    }

    private static String bounds(Nll nll, boolean[] which) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < which.length; k++) {
            if (which[k]) {
                parts.add(nll.model().nuisances().get(k) + " in [" + nll.model().alphaLow(k) + ", " + nll.model().alphaHigh(k) + "]");
            }
        }
        return "; t(mu) there is the minimum within the bounds (" + String.join(", ", parts)
                + "), not the profile: widen them with 'bounds: [lo, hi]' under that systematic in the config";
    }

    /** A conditional fit found a lower minimum than the global fit the scan was using. */
    private static final class GlobalMinimumMoved extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient FitResult lower;

        GlobalMinimumMoved(FitResult lower) {
            super(null, null, false, false);
            this.lower = lower;
        }
    }
}
