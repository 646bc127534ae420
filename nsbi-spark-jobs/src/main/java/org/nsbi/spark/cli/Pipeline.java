package org.nsbi.spark.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.analysis.AnalysisModel;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.NeymanSettings;
import org.nsbi.spark.interval.ObservedScan;
import org.nsbi.spark.io.HadoopFileAccess;
import org.nsbi.spark.io.Json;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.neyman.NeymanJob;
import org.nsbi.spark.score.ScoreJob;
import org.nsbi.spark.score.ScoredTable;
import org.nsbi.spark.score.ScoringPlan;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.fit.FitResult;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * The stages of a run, shared by the commands: score, Neyman construction, observed interval.
 * Each stage reads what an earlier stage wrote (a folder with {@code scored/}, one with
 * {@code belts/}), so the commands can run apart or, in {@code demo}, one after another.
 */
final class Pipeline {

    private Pipeline() {
    }

    /** Scores into {@code out}, writing {@code scored/} and returning the summary of the stage. */
    static Map<String, Object> score(SparkSession spark, AnalysisConfig config, OutputFolder out, int blockSize) {
        long start = System.nanoTime();
        ScoringPlan plan = ScoringPlan.of(config, new HadoopFileAccess(spark.sparkContext().hadoopConfiguration()));
        ScoreJob.Result result = ScoreJob.run(spark, config, plan, out, blockSize);
        Map<String, Object> summary = new LinkedHashMap<>(result.summary());
        summary.put("seconds", seconds(start));
        out.writeText("scored.json", Json.write(summary));
        return summary;
    }

    /** The observed data's likelihood from a scored folder (aux from its scored.json). */
    static Nll observedNll(SparkSession spark, AnalysisConfig config, MixtureModel model, String scoredDir) {
        EventTable observed = ScoredTable.load(spark, scoredDir + "/scored/observed", features(config), model).table();
        double[] aux = observedAux(spark, scoredDir, model);
        return Nll.of(model, observed, null, aux);
    }

    /** The Asimov data set at (&mu;, &alpha; = 0) on the reference sample, aux = 0. */
    static Nll asimovNll(MixtureModel model, EventTable reference, double mu) {
        double[] alpha = new double[model.nuisanceCount()];
        AsimovWeights a = AsimovWeights.compute(model, reference, mu, alpha);
        return Nll.of(model, reference, a.weights(), alpha);
    }

    static EventTable reference(SparkSession spark, AnalysisConfig config, MixtureModel model, String scoredDir) {
        return ScoredTable.load(spark, scoredDir + "/scored/reference", features(config), model).table();
    }

    static String[] features(AnalysisConfig config) {
        return config.features().toArray(String[]::new);
    }

    @SuppressWarnings("unchecked")
    static double[] observedAux(SparkSession spark, String scoredDir, MixtureModel model) {
        String file = scoredDir + "/scored.json";
        Map<String, Object> scored = Json.readMap(readText(spark, file), file);
        List<Number> aux = (List<Number>) scored.get("observed_aux");
        if (aux == null || aux.size() != model.nuisanceCount()) {
            throw new IllegalArgumentException(file + ": observed_aux has " + (aux == null ? "no" : aux.size())
                    + " values; expected " + model.nuisanceCount() + " (one per nuisance parameter " + model.nuisances() + ")");
        }
        return aux.stream().mapToDouble(Number::doubleValue).toArray();
    }

    static String readText(SparkSession spark, String file) {
        HadoopFileAccess files = new HadoopFileAccess(spark.sparkContext().hadoopConfiguration());
        if (!files.exists(file)) {
            throw new IllegalArgumentException("no file " + file + "; expected the output of an earlier stage there");
        }
        return new String(files.read(file), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The true nuisance parameters of the toys at each grid point: 0 (nominal), or &alpha;&#770;&#770;(&mu;) from
     * the conditional fit of the observed data (profiled).
     */
    static double[][] alphaTrue(NeymanSettings.NuisanceTruth truth, double[] grid, MixtureModel model, Nll observed) {
        double[][] alpha = new double[grid.length][model.nuisanceCount()];
        if (truth == NeymanSettings.NuisanceTruth.PROFILED) {
            ProfileFitter fitter = ProfileFitter.withDefaults();
            for (int m = 0; m < grid.length; m++) {
                FitResult f = fitter.conditional(observed, grid[m]);
                if (!f.converged()) {
                    throw new IllegalStateException("profiling the nuisance parameters on the observed data at mu = "
                            + grid[m] + " failed: " + f.message());
                }
                alpha[m] = f.alpha();
            }
        }
        return alpha;
    }

    /** Runs the Neyman construction into {@code out} and returns its belt and summary. */
    static NeymanJob.Result neyman(SparkSession spark, AnalysisConfig config, MixtureModel model, String scoredDir,
                                   OutputFolder out, NeymanOverrides o) {
        NeymanSettings ns = config.neyman();
        double[] grid = ns.muGrid().stream().mapToDouble(Double::doubleValue).toArray();
        EventTable reference = reference(spark, config, model, scoredDir);
        Nll observed = ns.nuisanceTruth() == NeymanSettings.NuisanceTruth.PROFILED
                ? observedNll(spark, config, model, scoredDir) : null;
        int toys = o.toysPerPoint != null ? o.toysPerPoint : ns.toysPerPoint();
        NeymanJob.Settings settings = new NeymanJob.Settings(grid, toys, o.toysPerBlock, ns.confidenceLevels(),
                o.seed != null ? o.seed : ns.seed(), alphaTrue(ns.nuisanceTruth(), grid, model, observed), o.maxFailedFraction,
                o.partitions);
        NeymanJob.Result r = NeymanJob.run(spark, model, reference, settings, out);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mu_grid", grid);
        s.put("toys_per_point", toys);
        s.put("toys_per_block", o.toysPerBlock);
        s.put("confidence_levels", ns.confidenceLevels());
        s.put("seed", settings.seed());
        s.put("nuisance_truth", ns.nuisanceTruth().name().toLowerCase(java.util.Locale.ROOT));
        s.put("reference_events", reference.size());
        s.putAll(r.summary());
        return new NeymanJob.Result(r.belt(), r.outcomes(), s);
    }

    /** The observed (or Asimov) interval from a belt, into the summary map. */
    static Map<String, Object> interval(SparkSession spark, AnalysisConfig config, MixtureModel model, String scoredDir,
                                        Belt belt, Double asimovMu, int scanSteps, OutputFolder out,
                                        String scanFile) {
        long start = System.nanoTime();
        Nll nll = asimovMu == null ? observedNll(spark, config, model, scoredDir)
                : asimovNll(model, reference(spark, config, model, scoredDir), asimovMu);
        ObservedScan.Result r = ObservedScan.run(nll, belt, scanSteps);
        for (String w : r.warnings()) {
            System.err.println("warning: " + (asimovMu == null ? "observed data" : "Asimov data") + ": " + w);
        }
        out.writeText(scanFile, r.scanCsv(belt));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("data", asimovMu == null ? "observed" : "asimov at mu = " + asimovMu);
        s.put("observed_events", nll.sumOfWeights());
        s.put("mu_hat", r.global().mu());
        s.put("alpha_hat", r.global().alpha());
        s.put("intervals", r.intervalsJson());
        s.put("interval_seconds", seconds(start));
        return s;
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static Map<String, Object> runInfo(SparkSession spark, String command, AnalysisConfig config) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("command", command);
        s.put("config", config.file());
        s.put("spark_master", spark.sparkContext().master());
        s.put("default_parallelism", spark.sparkContext().defaultParallelism());
        s.put("processes", config.processes().stream().map(p -> p.name() + ": " + p.coefficient()).toList());
        s.put("nuisance_parameters", config.systematics().stream().map(x -> x.name()).toList());
        return s;
    }

    static MixtureModel model(AnalysisConfig config) {
        return AnalysisModel.mixture(config);
    }

    /** Reads belts.csv of a Neyman folder back into a Belt. */
    static Belt readBelt(SparkSession spark, String neymanDir) {
        String file = new Path(neymanDir, "belts.csv").toString();
        return Belt.fromCsv(readText(spark, file), file);
    }

    /** Command-line overrides of the config's Neyman settings. */
    static final class NeymanOverrides {
        Integer toysPerPoint;
        int toysPerBlock = 25;
        Long seed;
        double maxFailedFraction = 0.01;
        int partitions;

        @Override
        public String toString() {
            return Arrays.asList(toysPerPoint, toysPerBlock, seed, maxFailedFraction).toString();
        }
    }
}
