package org.nsbi.spark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.analysis.AnalysisModel;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.AnalysisConfigParser;
import org.nsbi.spark.neyman.ToysTable;
import org.nsbi.spark.score.ScoredFolder;
import org.nsbi.spark.session.SparkSessions;
import org.nsbi.stats.adaptive.AdaptiveToys;
import org.nsbi.stats.adaptive.GridRefinement;
import org.nsbi.stats.adaptive.GridStatistic;
import org.nsbi.stats.adaptive.SmoothCriticalValues;
import org.nsbi.stats.adaptive.ToySchedule;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.interval.ConfidenceInterval;
import org.nsbi.stats.interval.ObservedScan;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * Replays toy schedules on the toys of finished uniform runs (bench/adaptive-replay.sh): toy i at &mu; is the same
 * toy in any run with the same seed (keyed streams), so the first n toys of a uniform run of N &ge; n per point are
 * the toys an adaptive or smaller run of that seed draws. For each method and seed the schedule's rounds are taken on
 * those toys (its decisions against the observed t(&mu;) at the grid points, as {@code neyman} takes them), the belt
 * is built (per point or smooth) and the observed Neyman interval read with the interval command's scan; prints each
 * endpoint's uncertainty from the grid spacing, the held-out check of smooth belts, then, per method and level, the true
 * coverage of each point's t_c ({@link #coverage}: read from every toy of the other seeds' runs) minus CL, and the
 * table of {@link AdaptiveBenchmark}. A method asking for more toys at a point than the uniform run has is refused.
 *
 * <p>Arguments: SCORED CONFIG RUN_PREFIX SEEDS METHOD..., the runs being RUN_PREFIX-FROM ... RUN_PREFIX-TO (SEEDS as
 * in {@link AdaptiveBenchmark}: N or FROM-TO) (as
 * bench/adaptive-benchmark.sh names them, e.g. OUT/uniform_400), METHOD as in {@link AdaptiveBenchmark}.
 */
public final class AdaptiveReplay {

    private AdaptiveReplay() {
    }

    /** A toy schedule and the smooth form of the belt (null: per point) of a method spec. */
    record Method(String spec, ToySchedule schedule, SmoothCriticalValues.Form smooth) {

        static Method of(String spec, List<Double> cls, double[] observedT) {
            String[] f = spec.split(":");
            if (f[0].startsWith("adaptive") && f.length > 5) {
                throw new IllegalArgumentException("method " + spec + ": grid refinement adds points the uniform runs have"
                        + " no toys for; it cannot be replayed (run it with bench/adaptive-benchmark.sh)");
            }
            SmoothCriticalValues.Form form = f[0].endsWith("-sqrt") ? SmoothCriticalValues.Form.SQRT
                    : f[0].endsWith("-smooth") ? SmoothCriticalValues.Form.LOCAL : null;
            ToySchedule s = switch (f[0]) {
                case "uniform", "uniform-smooth", "uniform-sqrt" -> ToySchedule.uniform(Integer.parseInt(f[1]));
                case "adaptive", "adaptive-smooth", "adaptive-sqrt" -> new AdaptiveToys(Integer.parseInt(f[1]),
                        Integer.parseInt(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]), cls,
                        List.of(observedT), form);
                default -> throw new IllegalArgumentException("method " + spec + "; expected uniform[-smooth|-sqrt]:N or"
                        + " adaptive[-smooth|-sqrt]:MIN:MAX:PRECISION:SIGNIF");
            };
            return new Method(spec, s, form);
        }
    }

    /** The toys a schedule ends with, taken from {@code all} (every point's first toys). */
    static List<ToyOutcome> replay(ToySchedule schedule, double[] grid, List<ToyOutcome> all) {
        int[] have = new int[grid.length];
        for (ToyOutcome o : all) {
            have[o.muIndex()] = Math.max(have[o.muIndex()], o.toyIndex() + 1);
        }
        int[] n = schedule.first(grid.length);
        while (true) {
            for (int m = 0; m < grid.length; m++) {
                if (n[m] > have[m]) {
                    throw new IllegalArgumentException(n[m] + " toys at mu = " + grid[m] + "; the uniform run has " + have[m]);
                }
            }
            int[] target = n;
            List<ToyOutcome> used = all.stream().filter(o -> o.toyIndex() < target[o.muIndex()]).toList();
            if (schedule.singleRound()) {
                return used;
            }
            int[] next = schedule.next(grid, used, n);
            if (Arrays.equals(next, n)) {
                return used;
            }
            n = next;
        }
    }

    /** Each endpoint's uncertainty from the grid spacing ({@link GridRefinement#endpoints}), the most grid refinement can gain. */
    static String gridUncertainty(double[] grid, double[] observedT, Belt belt) {
        StringBuilder b = new StringBuilder();
        for (GridRefinement.Endpoint e : GridRefinement.endpoints(grid, observedT, belt)) {
            b.append(String.format(Locale.ROOT, " CL %.4f mu %.4f +- %.4f", e.cl(), e.mu(), e.uncertainty()));
        }
        return b.toString().strip();
    }

    /**
     * The coverage a critical value has at point m, read from the toys of every run but {@code except}: the fraction with
     * t &le; tc (failed toys never), the truth of a far larger run than the one that made tc.
     */
    static double coverage(List<List<ToyOutcome>> runs, int except, int m, double tc) {
        long n = 0;
        long in = 0;
        for (int r = 0; r < runs.size(); r++) {
            if (r == except) {
                continue;
            }
            for (ToyOutcome o : runs.get(r)) {
                if (o.muIndex() == m) {
                    n++;
                    in += o.converged() && o.t() <= tc ? 1 : 0;
                }
            }
        }
        return in / (double) n;
    }

    public static void main(String[] args) {
        if (args.length < 5) {
            throw new IllegalArgumentException("usage: SCORED CONFIG RUN_PREFIX SEEDS METHOD...");
        }
        AnalysisConfig config = AnalysisConfigParser.withDefaults().parse(Path.of(args[1]));
        long[] seeds = AdaptiveBenchmark.seeds(args[3]);
        List<String> methods = List.of(args).subList(4, args.length);
        SparkSession spark = SparkSessions.getOrCreate("nsbi-adaptive-replay", "local[2]", Map.of());
        ScoredFolder unshaped = ScoredFolder.of(spark, args[0], config, AnalysisModel.mixture(config));
        Nll nll = ScoredFolder.of(spark, args[0], config, unshaped.shaped()).observedNll();
        double[] grid = config.neyman().muGrid().stream().mapToDouble(Double::doubleValue).toArray();
        List<Double> cls = config.neyman().confidenceLevels();
        double[] observedT = GridStatistic.at(nll, grid, "observed");
        List<List<ToyOutcome>> toys = new ArrayList<>();
        for (long seed = seeds[0]; seed <= seeds[1]; seed++) {
            toys.add(ToysTable.read(spark, args[2] + "-" + seed + "/toys"));
        }
        List<AdaptiveBenchmark.Outcome> outcomes = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        for (String spec : methods) {
            double[][] deviation = new double[cls.size()][grid.length]; // sums over seeds of coverage - CL, and squares
            double[][] deviation2 = new double[cls.size()][grid.length];
            for (long seed = seeds[0]; seed <= seeds[1]; seed++) {
                Method method = Method.of(spec, cls, observedT);
                long start = System.nanoTime();
                List<ToyOutcome> used = replay(method.schedule(), grid, toys.get((int) (seed - seeds[0])));
                SmoothCriticalValues fit = method.smooth() == null ? null
                        : SmoothCriticalValues.fit(grid, used, cls, method.smooth());
                Belt belt = fit == null ? Belt.build(grid, used, cls) : fit.belt(grid, used, cls);
                List<ConfidenceInterval> neyman = ObservedScan.run(nll, belt, 100).intervals().stream()
                        .filter(ci -> ci.method().equals("neyman")).toList();
                AdaptiveBenchmark.Outcome x = new AdaptiveBenchmark.Outcome(spec, seed, used.size(),
                        (System.nanoTime() - start) / 1e9, neyman);
                outcomes.add(x);
                System.out.printf(Locale.ROOT, "%s seed %d: %d toys, %.0f s, %s%s%n", spec, seed, x.toys(), x.seconds(),
                        AdaptiveBenchmark.describe(neyman), (fit == null ? "" : "  held-out " + AdaptiveBenchmark.heldOut(fit.checks()))
                                + "  grid spacing " + gridUncertainty(grid, observedT, belt));
                for (int c = 0; c < cls.size(); c++) {
                    for (int m = 0; m < grid.length; m++) {
                        double d = coverage(toys, (int) (seed - seeds[0]), m, belt.point(m, cls.get(c)).tCrit()) - cls.get(c);
                        deviation[c][m] += d;
                        deviation2[c][m] += d * d;
                    }
                }
            }
            int n = (int) (seeds[1] - seeds[0] + 1);
            for (int c = 0; c < cls.size(); c++) {
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "| %s | %.4f |", spec, cls.get(c)));
                for (int m = 0; m < grid.length; m++) {
                    double mean = deviation[c][m] / n;
                    double se = Math.sqrt(Math.max(0, deviation2[c][m] / n - mean * mean) / Math.max(1, n - 1));
                    b.append(String.format(Locale.ROOT, " %+.4f ± %.4f |", mean, se));
                }
                truth.add(b.toString());
            }
        }
        System.out.println();
        System.out.println("Coverage of each point's t_c minus CL, read from every toy of the other seeds' runs at that point"
                + " (mean ± its standard error over the seeds):");
        StringBuilder head = new StringBuilder("| method | CL |");
        for (double mu : grid) {
            head.append(String.format(Locale.ROOT, " mu = %s |", mu));
        }
        System.out.println(head);
        System.out.println("|---|---|" + "---|".repeat(grid.length));
        truth.forEach(System.out::println);
        System.out.println();
        AdaptiveBenchmark.table(methods, outcomes);
        spark.stop();
    }
}
