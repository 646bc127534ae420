package org.nsbi.model.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.nsbi.model.output.AsimovClosure;
import org.nsbi.model.output.FailedFits;
import org.nsbi.model.output.IntervalResult;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.NeymanSummary;
import org.nsbi.model.output.ReferencePlacement;
import org.nsbi.model.output.RunInfo;
import org.nsbi.model.output.RunSummary;
import org.nsbi.model.output.ScoreSummary;
import org.nsbi.model.output.CoverageSummary;
import org.nsbi.model.coverage.ExperimentOrigin;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.coverage.Coverage;
import org.nsbi.stats.interval.ConfidenceInterval;
import org.nsbi.stats.interval.IntervalInverter;
import org.nsbi.stats.interval.ObservedScan;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * A small run made in memory, for the plot and report tests: 5 grid points, 100 toys each with t ~ &chi;&sup2;&#8321;
 * (seeded), two failed fits at &mu; = 1.5, a parabolic t(&mu;) scan with &mu;&#770; = 0.7, and coverage rows.
 */
public final class SmallRun {

    public static final double[] GRID = {0, 0.5, 1, 1.5, 2};
    public static final List<Double> CLS = List.of(0.6827, 0.9545);
    public static final double MU_HAT = 0.7;
    public static final int TOYS = 100;

    private SmallRun() {
    }

    public static List<ToyOutcome> toys() {
        ChiSquaredDistribution chi2 = new ChiSquaredDistribution(new Well19937c(7), 1);
        Well19937c rng = new Well19937c(11);
        List<ToyOutcome> out = new ArrayList<>();
        for (int m = 0; m < GRID.length; m++) {
            for (int k = 0; k < TOYS; k++) {
                boolean failed = m == 3 && k < 2;
                double muHat = Math.max(0, GRID[m] + 0.4 * rng.nextGaussian());
                out.add(new ToyOutcome(m, GRID[m], k, failed ? Double.NaN : chi2.sample(), muHat, new double[] {0.1},
                        !failed, failed ? "test: not converged" : null, 500, failed ? "iteration_limit" : null, k % 7 == 0));
            }
        }
        return out;
    }

    public static Belt belt() {
        return Belt.build(GRID, toys(), CLS);
    }

    public static double[] scanMu() {
        double[] mu = new double[41];
        for (int i = 0; i < mu.length; i++) {
            mu[i] = 2.0 * i / 40;
        }
        return mu;
    }

    /** t(&mu;) = ((&mu; &minus; 0.7) / 0.35)&sup2;. */
    public static double t(double mu) {
        double z = (mu - MU_HAT) / 0.35;
        return z * z;
    }

    public static List<ConfidenceInterval> intervals(Belt belt) {
        List<ConfidenceInterval> out = new ArrayList<>();
        for (double cl : CLS) {
            out.add(IntervalInverter.neyman(SmallRun::t, scanMu(), belt, cl));
            out.add(IntervalInverter.wilks(SmallRun::t, scanMu(), cl));
        }
        return out;
    }

    public static ObservedScan.Result scanResult(Belt belt) {
        double[] mu = scanMu();
        double[] t = new double[mu.length];
        for (int i = 0; i < mu.length; i++) {
            t[i] = t(mu[i]);
        }
        return new ObservedScan.Result(null, null, intervals(belt), mu, t, new boolean[mu.length], List.of());
    }

    /** A coverage.json of simulator experiments at 0.5 (a grid point) and 1.5 (off the grid). */
    public static CoverageSummary coverage() {
        List<Coverage> rows = List.of(new Coverage(0.5, 0.6827, "neyman", 70, 100, 0, TOYS),
                new Coverage(0.5, 0.6827, "wilks", 64, 100, 0, 0), new Coverage(0.5, 0.9545, "neyman", 96, 100, 0, TOYS),
                new Coverage(0.5, 0.9545, "wilks", 93, 100, 0, 0), new Coverage(1.5, 0.6827, "neyman", 67, 100, 1, TOYS),
                new Coverage(1.5, 0.6827, "wilks", 66, 100, 1, 0), new Coverage(1.5, 0.9545, "neyman", 100, 100, 1, TOYS),
                new Coverage(1.5, 0.9545, "wilks", 94, 100, 1, 0));
        return new CoverageSummary("coverage", "simulator", ExperimentOrigin.SIMULATOR.meaning(), List.of(), "small-run",
                "small-test.yaml", new CoverageSummary.RunHashes("b", "s", "c", "r"), "nominal", List.of(), 5L,
                ExperimentOrigin.SIMULATOR.purpose(), 5L, 100, 25, CoverageSummary.ERRORS,
                rows.stream().map(CoverageSummary.Row::of).toList(), 1.0, 2.0);
    }

    public static RunSummary summary(Belt belt) {
        List<AsimovClosure> closure = new ArrayList<>();
        List<FailedFits> failed = new ArrayList<>();
        for (int m = 0; m < GRID.length; m++) {
            closure.add(new AsimovClosure(GRID[m], 100 + 0.01 * m, 100.0, (100 + 0.01 * m) / 100.0));
            failed.add(new FailedFits(GRID[m], belt.failedAt(m), belt.failedAt(m) / (double) TOYS,
                    belt.failedAt(m) == 0 ? Map.of() : Map.of("iteration_limit", belt.failedAt(m)), belt.atBoundAt(m)));
        }
        RunInfo info = new RunInfo("demo", "small-test.yaml", "local[2]", 2, List.of("S: mu"), List.of("ni_norm"), false);
        ScoreSummary score = new ScoreSummary(1000, 1000.0, 500, Map.of("ni_norm", 0.0), Map.of("r_S", 1.0),
                List.of(new org.nsbi.model.output.ProcessClosure("S", 1.0, 0.01, 0.0)), false, null, 1.5);
        NeymanSummary neyman = new NeymanSummary(GRID, TOYS, 25, CLS, 1, "nominal", 1000, (long) TOYS * GRID.length,
                2.25, (long) TOYS * GRID.length, TOYS * GRID.length / 2.25, closure, failed, NeymanSummary.ORDER_STATISTIC, null,
                new ReferencePlacement("single", 1000, 52_000, 100_000_000, "1000 events, 0.1 MB of rows"));
        IntervalResult observed = new IntervalResult("observed", 500, MU_HAT, Map.of("ni_norm", 0.1), Map.of("ni_norm", 0.45),
                intervals(belt), List.of(), 0.5,
                new ReferencePlacement("single", 500, 26_000, 100_000_000, "500 events, 0.0 MB of rows"));
        return new RunSummary(info, null, score, neyman, observed, null, null, java.util.List.of(), 9.5);
    }

    /** The run as the report reads it (no coverage unless given). */
    public static RunData runData(CoverageSummary coverage) {
        Belt belt = belt();
        List<PointToys> points = new ArrayList<>();
        for (int m = 0; m < GRID.length; m++) {
            int index = m;
            List<ToyOutcome> at = toys().stream().filter(o -> o.muIndex() == index).toList();
            points.add(new PointToys(GRID[m], at.stream().filter(ToyOutcome::converged).mapToDouble(ToyOutcome::t).toArray(),
                    (int) at.stream().filter(o -> !o.converged()).count()));
        }
        Scan scan = Scan.fromCsv(summary(belt).observed(), scanResult(belt).scanCsv(belt), "scan.csv");
        return new RunData("small-run", summary(belt), belt, points, List.of(scan), coverage,
                coverage == null ? null : "coverage.json");
    }

    /** coverage.json as the coverage command writes it. */
    public static String coverageJson() {
        return Json.write(coverage().withSeconds(2.0));
    }
}
