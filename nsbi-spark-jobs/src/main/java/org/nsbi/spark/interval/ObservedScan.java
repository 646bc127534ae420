package org.nsbi.spark.interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.fit.FitResult;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.interval.ConfidenceInterval;
import org.nsbi.stats.interval.IntervalInverter;
import org.nsbi.stats.interval.ScanColumns;
import org.nsbi.stats.likelihood.Nll;

/**
 * The observed t(&mu;) scan of a data set and its intervals: Neyman from the belts
 * ({&mu; : t_obs(&mu;) &le; t_c(&mu;)}, t_c interpolated between grid points) and Wilks (t &le; the &chi;&sup2;&#8321;
 * quantile) beside it. Runs on the driver: one data set, a global fit and one conditional fit per
 * scanned &mu;.
 */
public final class ObservedScan {

    /** The best fit, the intervals and the scan (&mu;, t_obs) for the summary. */
    public record Result(FitResult global, List<ConfidenceInterval> intervals, double[] mu, double[] t) {

        /** scan.csv: mu, t_obs and the critical values at each CL ({@link ScanColumns}), one line per scanned mu. */
        public String scanCsv(Belt belt) {
            StringBuilder sb = new StringBuilder(String.join(",", ScanColumns.header(belt.cls()))).append('\n');
            for (int i = 0; i < mu.length; i++) {
                sb.append(mu[i]).append(',').append(t[i]);
                for (double cl : belt.cls()) {
                    sb.append(',').append(belt.criticalValue(cl, mu[i]));
                }
                sb.append('\n');
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
        TestStatistic ts = TestStatistic.withDefaults();
        FitResult global = ProfileFitter.withDefaults().global(nll);
        if (!global.converged()) {
            throw new IllegalStateException("the global fit of the observed data failed: " + global.message());
        }
        double lo = belt.muGrid()[0];
        double hi = belt.muGrid()[belt.muGrid().length - 1];
        double[] grid = new double[scanSteps + 1];
        for (int i = 0; i <= scanSteps; i++) {
            grid[i] = i == scanSteps ? hi : lo + (hi - lo) * i / scanSteps;
        }
        Map<Double, Double> cache = new LinkedHashMap<>();
        double[][] lastAlpha = {global.alpha()};
        java.util.function.DoubleUnaryOperator tObs = mu -> cache.computeIfAbsent(mu, m -> {
            TestStatistic.Result r = ts.at(nll, m, global, lastAlpha[0]);
            if (r.conditional().converged()) {
                lastAlpha[0] = r.conditional().alpha();
            }
            if (!r.converged()) {
                throw new IllegalStateException("the observed conditional fit at mu = " + m + " failed: " + r.failure());
            }
            return r.t();
        });
        List<ConfidenceInterval> intervals = new ArrayList<>();
        for (double cl : belt.cls()) {
            intervals.add(IntervalInverter.neyman(tObs, grid, belt, cl, nll.model().muMin(), nll.model().muMax()));
            intervals.add(IntervalInverter.wilks(tObs, grid, cl, nll.model().muMin(), nll.model().muMax()));
        }
        double[] t = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            t[i] = tObs.applyAsDouble(grid[i]);
        }
        return new Result(global, intervals, grid, t);
    }
}
