package org.nsbi.stats.interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.fit.FitResult;
import org.nsbi.stats.fit.HessianErrors;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.likelihood.Nll;

/**
 * The observed t(&mu;) scan of a data set and its intervals: Neyman from the belts
 * ({&mu; : t_obs(&mu;) &le; t_c(&mu;)}, t_c interpolated between grid points) and Wilks (t &le; the &chi;&sup2;&#8321;
 * quantile) beside it. Runs on the driver: one data set, a global fit and one conditional fit per
 * scanned &mu;.
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

    private static Result scan(Nll nll, Belt belt, double[] grid, FitResult global) {
        TestStatistic ts = TestStatistic.withDefaults();
        Map<Double, TestStatistic.Result> cache = new LinkedHashMap<>();
        double[][] lastAlpha = {global.alpha()};
        java.util.function.DoubleUnaryOperator tObs = mu -> cache.computeIfAbsent(mu, m -> {
            TestStatistic.Result r = ts.at(nll, m, global, lastAlpha[0]);
            if (r.conditional().converged()) {
                lastAlpha[0] = r.conditional().alpha();
            }
            if (!r.converged()) {
                throw new IllegalStateException("the observed conditional fit at mu = " + m + " failed: " + r.failure());
            }
            if (r.global() != global) {
                throw new GlobalMinimumMoved(r.global());
            }
            return r;
        }).t();
        List<ConfidenceInterval> intervals = new ArrayList<>();
        for (double cl : belt.cls()) {
            intervals.add(IntervalInverter.neyman(tObs, grid, belt, cl, nll.model().muMin(), nll.model().muMax()));
            intervals.add(IntervalInverter.wilks(tObs, grid, cl, nll.model().muMin(), nll.model().muMax()));
        }
        double[] t = new double[grid.length];
        boolean[] atBound = new boolean[grid.length];
        for (int i = 0; i < grid.length; i++) {
            t[i] = tObs.applyAsDouble(grid[i]);
            atBound[i] = cache.get(grid[i]).atBound();
        }
        HessianErrors errors = HessianErrors.of(nll, global);
        List<String> warnings = warnings(nll, global, cache.values());
        if (errors.problem() != null) {
            warnings.add("no post-fit errors of the nuisance parameters: " + errors.problem());
        }
        return new Result(global, errors, intervals, grid, t, atBound, warnings);
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
