package org.nsbi.spark.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.analysis.AnalysisModel;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.NeymanSettings;
import org.nsbi.model.output.GridEndpoint;
import org.nsbi.model.output.IntervalResult;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.NeymanSummary;
import org.nsbi.model.output.ProcessClosure;
import org.nsbi.model.output.Provenance;
import org.nsbi.model.output.RunInfo;
import org.nsbi.model.output.ScoreSummary;
import org.nsbi.spark.distributed.DistributedEvents;
import org.nsbi.spark.distributed.DistributedNll;
import org.nsbi.stats.interval.ObservedScan;
import org.nsbi.spark.io.HadoopFileAccess;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.neyman.BeltsTable;
import org.nsbi.spark.neyman.NeymanJob;
import org.nsbi.spark.provenance.ConfigProvenance;
import org.nsbi.spark.provenance.InputCheck;
import org.nsbi.spark.score.ScoreJob;
import org.nsbi.spark.score.ScoredTable;
import org.nsbi.spark.score.ScoringPlan;
import org.nsbi.stats.adaptive.AdaptiveToys;
import org.nsbi.stats.adaptive.GridRefinement;
import org.nsbi.stats.adaptive.GridStatistic;
import org.nsbi.stats.adaptive.ToySchedule;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.fit.FitResult;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.interval.ResultTable;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The stages of a run, shared by the commands: score, Neyman construction, observed interval.
 * Each stage reads what an earlier stage wrote (a folder with {@code scored/}, one with
 * {@code belts/}), so the commands can run apart or, in {@code demo}, one after another.
 */
final class Pipeline {

    private Pipeline() {
    }

    /** Scores into {@code out}, writing {@code scored/} and scored.json (with its provenance); returns the stage's summary. */
    static ScoreSummary score(SparkSession spark, AnalysisConfig config, OutputFolder out, int blockSize,
                              Provenance provenance) {
        long start = System.nanoTime();
        ScoringPlan plan = ScoringPlan.of(config, new HadoopFileAccess(spark.sparkContext().hadoopConfiguration()));
        ScoreSummary summary = ScoreJob.run(spark, config, plan, out, blockSize).withProvenance(provenance)
                .withSeconds(seconds(start));
        out.writeText("scored.json", Json.write(summary));
        return summary;
    }

    /** The observed data's likelihood from a scored folder (aux from its scored.json). */
    /** The NLL of the Asimov data set at {@code mu} (nominal nuisance parameters) of a reference sample held here. */
    static Nll asimovNll(MixtureModel model, EventTable reference, double mu) {
        double[] alpha = new double[model.nuisanceCount()];
        AsimovWeights a = AsimovWeights.compute(model, reference, mu, alpha);
        return Nll.of(model, reference, a.weights(), alpha);
    }

    static Nll observedNll(SparkSession spark, AnalysisConfig config, MixtureModel model, String scoredDir) {
        model = withShapes(spark, config, model, scoredDir);
        EventTable observed = ScoredTable.load(spark, scoredDir + "/scored/observed", features(config), model,
                ratioScale(spark, config, model, scoredDir)).table();
        double[] aux = observedAux(spark, scoredDir, model);
        return Nll.of(model, observed, null, aux);
    }

    /**
     * The model ready to evaluate: with {@code shape_normalisation: per_event}, its shape normalisation computed on the
     * scored folder's reference sample (which is then read here, on the driver); else the model itself.
     */
    static MixtureModel withShapes(SparkSession spark, AnalysisConfig config, MixtureModel model, String scoredDir) {
        return model.needsReference() ? model.withShapeNormalisationFrom(reference(spark, config, model, scoredDir)) : model;
    }

    static EventTable reference(SparkSession spark, AnalysisConfig config, MixtureModel model, String scoredDir) {
        return ScoredTable.load(spark, scoredDir + "/scored/reference", features(config), model,
                ratioScale(spark, config, model, scoredDir)).table();
    }

    /**
     * With {@code normalise_ratios: true}, the factor 1 / C_c for each process ratio (C_c its closure on the reference
     * sample, from scored.json), in the model's process order; null without it.
     */
    static double[] ratioScale(SparkSession spark, AnalysisConfig config, MixtureModel model, String scoredDir) {
        if (!config.normaliseRatios()) {
            return null;
        }
        String file = scoredDir + "/scored.json";
        Map<String, Double> closure = new LinkedHashMap<>();
        for (ProcessClosure c : Json.read(readText(spark, file), ScoreSummary.class, file).processClosure()) {
            closure.put(c.process(), c.closure());
        }
        double[] scale = new double[model.processCount()];
        for (int c = 0; c < scale.length; c++) {
            Double value = closure.get(model.process(c).name());
            if (value == null || !(value > 0)) {
                throw new UserError(file + ": process_closure has " + (value == null ? "no entry" : "closure "
                        + value) + " for process " + model.process(c).name() + "; expected a positive closure to normalise"
                        + " its ratio by (normalise_ratios: true in " + config.file() + ")");
            }
            scale[c] = 1 / value;
        }
        return scale;
    }

    static String[] features(AnalysisConfig config) {
        return config.features().toArray(String[]::new);
    }

    /** The observed aux measurements of a scored folder, in the model's nuisance-parameter order. */
    static double[] observedAux(SparkSession spark, String scoredDir, MixtureModel model) {
        String file = scoredDir + "/scored.json";
        Map<String, Double> aux = Json.read(readText(spark, file), ScoreSummary.class, file).observedAux();
        if (!aux.keySet().equals(new java.util.HashSet<>(model.nuisances()))) {
            throw new UserError(file + ": observed_aux names " + aux.keySet() + "; expected one value for"
                    + " each nuisance parameter " + model.nuisances() + " of the config (was it scored with another config?)");
        }
        return model.nuisances().stream().mapToDouble(aux::get).toArray();
    }

    static String readText(SparkSession spark, String file) {
        HadoopFileAccess files = new HadoopFileAccess(spark.sparkContext().hadoopConfiguration());
        if (!files.exists(file)) {
            throw new UserError("no file " + file + "; expected the output of an earlier stage there");
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

    /** The belt of a Neyman construction, its toys and its summary. */
    record Construction(Belt belt, List<ToyOutcome> outcomes, NeymanSummary summary) {
    }

    /**
     * Runs the Neyman construction into {@code out} and returns its belt and summary. With grid refinement
     * (--grid-precision), the construction is run again on the grid with the mid-points of the brackets of imprecise
     * endpoints added ({@link GridRefinement}); the toys of the points it had come from the checkpoints (keyed by
     * &mu; value), only the new points' toys are computed.
     */
    static Construction neyman(SparkSession spark, AnalysisConfig config, MixtureModel model, String scoredDir,
                                   OutputFolder out, NeymanOverrides o) {
        NeymanSettings ns = config.neyman();
        double[] grid = ns.muGrid().stream().mapToDouble(Double::doubleValue).toArray();
        EventTable reference = reference(spark, config, model, scoredDir);
        model = model.withShapeNormalisationFrom(reference);
        Nll observed = ns.nuisanceTruth() == NeymanSettings.NuisanceTruth.PROFILED
                ? observedNll(spark, config, model, scoredDir) : null;
        int toys = o.toysPerPoint != null ? o.toysPerPoint : ns.toysPerPoint();
        Nll decided = o.maxToys == null && o.gridPrecision == null ? null : o.signifAsimov == null
                ? observedNll(spark, config, model, scoredDir) : asimovNll(model, reference, o.signifAsimov);
        String what = o.signifAsimov == null ? "observed" : "asimov at mu = " + o.signifAsimov;
        long computed = 0;
        double seconds = 0;
        List<GridEndpoint> endpoints = null;
        for (int refinement = 0; ; refinement++) {
            NeymanJob.Settings settings = new NeymanJob.Settings(grid, toys, o.toysPerBlock, ns.confidenceLevels(),
                    o.seed != null ? o.seed : ns.seed(), alphaTrue(ns.nuisanceTruth(), grid, model, observed),
                    o.maxFailedFraction, o.partitions);
            double[] t = decided == null ? null : GridStatistic.at(decided, settings.muGrid(), what);
            NeymanJob.Result r = NeymanJob.run(spark, model, reference, settings, schedule(config, t, toys, o), o.smooth, out);
            computed += r.toysComputed();
            seconds += r.toySeconds();
            double[] added = new double[0];
            if (o.gridPrecision != null) {
                endpoints = new ArrayList<>();
                for (GridRefinement.Endpoint e : GridRefinement.endpoints(settings.muGrid(), t, r.belt())) {
                    endpoints.add(new GridEndpoint(e.cl(), e.mu(), e.a(), e.b(), e.uncertainty()));
                }
                added = GridRefinement.refine(settings.muGrid(), t, r.belt(), o.gridPrecision);
                if (added.length > 0 && refinement == o.maxRefinements) {
                    System.err.println("warning: after " + refinement + " grid refinements an endpoint is still less precise"
                            + " than --grid-precision " + o.gridPrecision + " (" + endpoints + "); raise --max-refinements");
                    added = new double[0];
                }
            }
            if (added.length == 0) {
                return new Construction(r.belt(), r.outcomes(), new NeymanSummary(settings.muGrid(), toys, o.toysPerBlock,
                        ns.confidenceLevels(), settings.seed(), ns.nuisanceTruth().name().toLowerCase(java.util.Locale.ROOT),
                        reference.size(), r.toys(), seconds, computed, computed / seconds, r.asimovClosure(),
                        r.failedFits(), r.smooth() != null ? NeymanSummary.SMOOTH : NeymanSummary.ORDER_STATISTIC,
                        endpoints));
            }
            System.err.println("neyman: grid refinement " + (refinement + 1) + ": adding mu = " + Arrays.toString(added)
                    + " between the grid points around endpoints less precise than " + o.gridPrecision);
            out.discard("toys");
            out.discard("belts");
            grid = java.util.stream.DoubleStream.concat(Arrays.stream(settings.muGrid()), Arrays.stream(added)).sorted().toArray();
        }
    }

    /**
     * The toys per point: {@code toys} everywhere, or adaptive toys (--max-toys) that decide on t(&mu;) of the observed
     * data (or the Asimov data at --signif-asimov) at the grid points, {@code t}.
     */
    static ToySchedule schedule(AnalysisConfig config, double[] t, int toys, NeymanOverrides o) {
        if (o.maxToys == null) {
            return ToySchedule.uniform(toys);
        }
        try {
            return new AdaptiveToys(o.minToys, o.maxToys, o.targetPrecision, o.signif, config.neyman().confidenceLevels(),
                    List.of(t), o.smooth);
        } catch (IllegalArgumentException e) { // names the option and what was expected
            throw new UserError(e.getMessage(), e);
        }
    }

    /** An interval stage's result, its terminal table (the warnings are in the result). */
    record IntervalStage(IntervalResult result, ResultTable table) {

        /** Prints the table and its warnings (the end of what a command shows). */
        void print(java.io.PrintWriter out) {
            table.print(out, result.warnings());
        }
    }

    /**
     * The observed (or Asimov) interval from a belt, its scan written to {@code scanFile}; with its table. The
     * events stay on the executors ({@link DistributedEvents}): the Asimov weights are computed there, and every
     * NLL evaluation of the scan is an aggregate over their blocks; the fits run on the driver.
     */
    static IntervalStage interval(SparkSession spark, AnalysisConfig config, MixtureModel model, String scoredDir,
                                  Belt belt, Double asimovMu, int scanSteps, OutputFolder out, String scanFile) {
        long start = System.nanoTime();
        model = withShapes(spark, config, model, scoredDir);
        String path = scoredDir + (asimovMu == null ? "/scored/observed" : "/scored/reference");
        double[] scale = ratioScale(spark, config, model, scoredDir);
        ObservedScan.Result r;
        double sumOfWeights;
        try (DistributedEvents events = DistributedEvents.scored(spark, path, features(config), model, scale);
             DistributedNll nll = asimovMu == null ? events.nll(observedAux(spark, scoredDir, model))
                     : events.asimov(asimovMu, new double[model.nuisanceCount()]).nll()) {
            r = ObservedScan.run(nll.nll(), belt, scanSteps);
            sumOfWeights = nll.nll().sumOfWeights();
        }
        for (String w : r.warnings()) {
            System.err.println("warning: " + (asimovMu == null ? "observed data" : "Asimov data") + ": " + w);
        }
        out.writeText(scanFile, r.scanCsv(belt));
        Map<String, Double> alphaHat = new LinkedHashMap<>();
        for (int k = 0; k < model.nuisanceCount(); k++) {
            alphaHat.put(model.nuisances().get(k), r.global().alpha()[k]);
        }
        String data = asimovMu == null ? "observed" : "asimov at mu = " + asimovMu;
        ResultTable table = new ResultTable(data, r.global().mu(), model.nuisances(), r.global().alpha(),
                r.global().atBoundNames(model.nuisances()), r.intervals());
        return new IntervalStage(new IntervalResult(data, sumOfWeights, r.global().mu(), alphaHat, r.intervals(),
                table.warnings(belt, asimovMu), seconds(start)), table);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static RunInfo runInfo(SparkSession spark, String command, AnalysisConfig config) {
        return new RunInfo(command, config.file(), spark.sparkContext().master(),
                spark.sparkContext().defaultParallelism(),
                config.processes().stream().map(p -> p.name() + ": " + p.coefficient()).toList(),
                config.systematics().stream().map(x -> x.name()).toList(), config.normaliseRatios());
    }

    /** The provenance of an output made from {@code config}: its hashes, a fresh id, no inputs yet. */
    static Provenance provenance(SparkSession spark, AnalysisConfig config) {
        return ConfigProvenance.of(config, spark.sparkContext().hadoopConfiguration());
    }

    static InputCheck inputCheck(SparkSession spark) {
        return new InputCheck(spark.sparkContext().hadoopConfiguration());
    }

    static MixtureModel model(AnalysisConfig config) {
        return AnalysisModel.mixture(config);
    }

    /** Reads belts.csv of a Neyman folder back into a Belt. */
    static Belt readBelt(SparkSession spark, String neymanDir) {
        String file = new Path(neymanDir, "belts.csv").toString();
        return BeltsTable.fromCsv(readText(spark, file), file);
    }

    /** Command-line overrides of the config's Neyman settings. */
    static final class NeymanOverrides {
        Integer toysPerPoint;
        int toysPerBlock = 25;
        Long seed;
        double maxFailedFraction = 0.01;
        int partitions;
        /** Adaptive toys when set: the most toys of a point. */
        Integer maxToys;
        int minToys = 100;
        double targetPrecision = 0.005;
        double signif = 2;
        /** Adaptive toys decide on the Asimov data at this mu instead of the observed data. */
        Double signifAsimov;
        /** Smooth critical values: t_c(mu) fitted across the grid at each level. */
        boolean smooth;
        /** Grid refinement when set: the largest uncertainty of an endpoint from the grid spacing. */
        Double gridPrecision;
        /** The most rounds of grid refinement. */
        int maxRefinements = 4;

        @Override
        public String toString() {
            return Arrays.asList(toysPerPoint, toysPerBlock, seed, maxFailedFraction, maxToys, minToys, targetPrecision,
                    signif, signifAsimov, smooth, gridPrecision, maxRefinements).toString();
        }
    }
}
