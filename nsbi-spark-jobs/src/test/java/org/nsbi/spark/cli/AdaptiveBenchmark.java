package org.nsbi.spark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.AnalysisConfigParser;
import org.nsbi.model.output.IntervalResult;
import org.nsbi.spark.actions.NeymanAction;
import org.nsbi.spark.actions.NsbiActions;
import org.nsbi.spark.neyman.NeymanJob;
import org.nsbi.spark.session.SparkSessions;
import org.nsbi.stats.adaptive.SmoothCriticalValues;
import org.nsbi.stats.interval.ConfidenceInterval;

/**
 * Uniform against adaptive toys on one analysis and its observed data (bench/adaptive-benchmark.sh): the analysis is
 * scored once; then, for each method and seed, the Neyman construction and the observed interval from its belt. Prints,
 * per method and level, the toys used and the Neyman endpoints' mean &plusmn; standard deviation over the seeds (the
 * endpoints' Monte Carlo precision). In the test scope of nsbi-spark-jobs, not in the product jar.
 *
 * <p>Arguments: OUT_DIR CONFIG SEEDS METHOD..., SEEDS N (seeds 1 to N) or FROM-TO, each METHOD one of {@code uniform:N} (N toys at every point),
 * {@code uniform-smooth:N} (the same with smooth critical values of the local form), {@code uniform-sqrt:N} (smooth
 * critical values a + b&radic;&mu; + c&mu;), {@code adaptive:MIN:MAX:PRECISION:SIGNIF} (adaptive toys deciding on each point's
 * order statistic) and {@code adaptive-smooth:MIN:MAX:PRECISION:SIGNIF}, {@code adaptive-sqrt:MIN:MAX:PRECISION:SIGNIF}
 * (adaptive toys deciding on the smooth fit of that form, and those smooth critical values in the belt); an adaptive
 * spec may end in {@code :GRID_PRECISION} (grid refinement, {@code --grid-precision}: mid-points around each endpoint
 * until the grid spacing moves none by more than that).
 */
public final class AdaptiveBenchmark {

    private AdaptiveBenchmark() {
    }

    /** One construction and its interval. */
    record Outcome(String method, long seed, long toys, double seconds, List<ConfidenceInterval> neyman) {
    }

    /** The settings of one method spec on a Neyman action. */
    static NeymanAction method(NeymanAction a, String spec) {
        String[] f = spec.split(":");
        switch (f[0]) {
            case "uniform", "uniform-smooth", "uniform-sqrt" -> a.toys(Integer.parseInt(f[1]));
            case "adaptive", "adaptive-smooth", "adaptive-sqrt" -> {
                a.minToys(Integer.parseInt(f[1])).maxToys(Integer.parseInt(f[2])).targetPrecision(Double.parseDouble(f[3]))
                        .signif(Double.parseDouble(f[4]));
                if (f.length > 5) {
                    a.gridPrecision(Double.parseDouble(f[5]));
                }
            }
            default -> throw new IllegalArgumentException("method " + spec + "; expected uniform[-smooth|-sqrt]:N or"
                    + " adaptive[-smooth|-sqrt]:MIN:MAX:PRECISION:SIGNIF[:GRID_PRECISION]");
        }
        boolean smooth = f[0].endsWith("-smooth") || f[0].endsWith("-sqrt");
        return a.smoothCriticalValues(smooth).smoothForm(f[0].endsWith("-sqrt") ? "sqrt" : "local");
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: OUT_DIR CONFIG SEEDS METHOD...");
        }
        Path out = Path.of(args[0]);
        AnalysisConfig config = AnalysisConfigParser.withDefaults().parse(Path.of(args[1]));
        long[] seeds = seeds(args[2]);
        List<String> methods = List.of(args).subList(3, args.length);
        SparkSession spark = SparkSessions.getOrCreate("nsbi-adaptive-benchmark", "local[2]", Map.of());
        NsbiActions actions = NsbiActions.get(spark);
        for (String m : methods) {
            method(actions.neyman(), m); // refuses a bad spec before any work
        }
        String scored = out.resolve("scored").toString();
        actions.score().config(config).out(scored).overwrite(true).execute();

        List<Outcome> outcomes = new ArrayList<>();
        for (String method : methods) {
            for (long seed = seeds[0]; seed <= seeds[1]; seed++) {
                NeymanAction o = method(actions.neyman().config(config).scored(scored).seed(seed).toysPerBlock(25)
                        .maxFailedFraction(1.0), method);
                long start = System.nanoTime();
                String run = out.resolve(method.replace(':', '_') + "-" + seed).toString();
                NeymanAction.Result c = o.out(run).overwrite(true).execute();
                IntervalResult r = actions.interval().config(config).run(run).scanSteps(100).out(run + "-interval")
                        .overwrite(true).execute().summary().interval();
                Outcome x = new Outcome(method, seed, c.summary().neyman().toys(), (System.nanoTime() - start) / 1e9,
                        r.intervals().stream().filter(ci -> ci.method().equals("neyman")).toList());
                outcomes.add(x);
                System.out.printf(Locale.ROOT, "%s seed %d: %d toys, %.0f s, %s%s%n", method, seed, x.toys(), x.seconds(),
                        describe(x.neyman()), heldOut(Path.of(run, NeymanJob.CRITICAL_VALUES)));
            }
        }
        table(methods, outcomes);
        spark.stop();
    }

    /** The seeds of an argument: N (1 to N) or FROM-TO. */
    static long[] seeds(String arg) {
        String[] p = arg.split("-");
        long[] s = p.length == 1 ? new long[] {1, Long.parseLong(p[0])} : new long[] {Long.parseLong(p[0]), Long.parseLong(p[1])};
        if (s[0] < 1 || s[1] < s[0]) {
            throw new IllegalArgumentException("seeds " + arg + "; expected N >= 1 or FROM-TO with 1 <= FROM <= TO");
        }
        return s;
    }

    /** Per method and level: the toys used and the endpoints' mean &plusmn; sd over the seeds, a markdown table. */
    static void table(List<String> methods, List<Outcome> outcomes) {
        System.out.println();
        System.out.println("| method | seeds | toys used (mean) | fewer toys than the first | CL | lower endpoint mean ± sd | upper endpoint mean ± sd |");
        System.out.println("|---|---|---|---|---|---|---|");
        double reference = Double.NaN;
        for (String method : methods) {
            List<Outcome> runs = outcomes.stream().filter(x -> x.method().equals(method)).toList();
            double toys = runs.stream().mapToLong(Outcome::toys).average().orElse(Double.NaN);
            if (Double.isNaN(reference)) {
                reference = toys;
            }
            for (int c = 0; c < runs.get(0).neyman().size(); c++) {
                int level = c;
                double[] lo = runs.stream().mapToDouble(x -> x.neyman().get(level).pieces().get(0)[0]).toArray();
                double[] hi = runs.stream().mapToDouble(x -> {
                    List<double[]> p = x.neyman().get(level).pieces();
                    return p.get(p.size() - 1)[1];
                }).toArray();
                System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.2f× | %.4f | %.4f ± %.4f | %.4f ± %.4f |%n", method,
                        runs.size(), toys, reference / toys, runs.get(0).neyman().get(level).cl(), mean(lo), sd(lo),
                        mean(hi), sd(hi));
            }
        }
    }

    /** The held-out check's p-value per level of a smooth run's critical-values.json; empty without the file. */
    static String heldOut(Path criticalValues) {
        if (!java.nio.file.Files.exists(criticalValues)) {
            return "";
        }
        try {
            StringBuilder b = new StringBuilder("  held-out");
            for (com.fasterxml.jackson.databind.JsonNode level : new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(criticalValues.toFile()).get("levels")) {
                b.append(String.format(Locale.ROOT, " CL %.4f chi2 %.1f p %.3f", level.get("cl").asDouble(),
                        level.get("held_out_chi2").asDouble(), level.get("held_out_p_value").asDouble()));
            }
            return b.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The held-out check's p-value per level. */
    static String heldOut(List<SmoothCriticalValues.Check> checks) {
        StringBuilder b = new StringBuilder();
        for (SmoothCriticalValues.Check c : checks) {
            b.append(String.format(Locale.ROOT, " CL %.4f chi2 %.1f p %.3f", c.cl(), c.chi2(), c.pValue()));
        }
        return b.toString().strip();
    }

    static String describe(List<ConfidenceInterval> intervals) {
        StringBuilder b = new StringBuilder();
        for (ConfidenceInterval ci : intervals) {
            b.append(String.format(Locale.ROOT, "CL %.4f:", ci.cl()));
            for (double[] p : ci.pieces()) {
                b.append(String.format(Locale.ROOT, " [%.4f, %.4f]", p[0], p[1]));
            }
            b.append("  ");
        }
        return b.toString().strip();
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** The sample standard deviation (n - 1). */
    private static double sd(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return x.length > 1 ? Math.sqrt(s / (x.length - 1)) : Double.NaN;
    }
}
