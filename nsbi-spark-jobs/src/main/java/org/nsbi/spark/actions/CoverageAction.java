package org.nsbi.spark.actions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.EventSource;
import org.nsbi.model.config.NeymanSettings;
import org.nsbi.model.coverage.CoverageWorkload;
import org.nsbi.model.coverage.ExperimentOrigin;
import org.nsbi.model.coverage.SimulatorExperiments;
import org.nsbi.model.neyman.NeymanPlan;
import org.nsbi.model.output.CoverageSummary;
import org.nsbi.model.output.CriticalValuesFit;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.Provenance;
import org.nsbi.model.output.RunSummary;
import org.nsbi.model.report.Report;
import org.nsbi.model.score.ScoringPlan;
import org.nsbi.spark.coverage.CoverageJob;
import org.nsbi.spark.neyman.BeltsTable;
import org.nsbi.spark.neyman.NeymanJob;
import org.nsbi.spark.provenance.ConfigProvenance;
import org.nsbi.spark.provenance.InputCheck;
import org.nsbi.spark.report.RunReader;
import org.nsbi.spark.score.ScoreJob;
import org.nsbi.spark.score.ScoredFolder;
import org.nsbi.spark.score.ScoredTable;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.coverage.Coverage;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.ToyOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coverage of a run's intervals: at each &mu;_true, experiments drawn at the truth (&mu;_true, &alpha;_true) are
 * treated as observed data, and the fraction whose Neyman (and Wilks) interval contains &mu;_true is reported per
 * confidence level in coverage.json, and plotted. The experiments come from the off-shell toy's simulator, an
 * independent weighted MC sample, or a bootstrap of the belt's own reference sample (a closure test of the machinery).
 */
public final class CoverageAction extends AnalysisAction<CoverageAction> {

    /** Experiments per &mu;_true, unless {@link #experiments} says otherwise. */
    public static final int EXPERIMENTS = 500;
    /** Experiments per Spark task, unless {@link #experimentsPerBlock} says otherwise. */
    public static final int EXPERIMENTS_PER_BLOCK = 25;
    /** Spark partitions for the blocks: 0, four per core. */
    public static final int PARTITIONS = 0;
    /** Events per block when an independent MC sample is scored. */
    static final int MC_BLOCK_SIZE = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(CoverageAction.class);

    private String run;
    private String experimentsFrom;
    private String weightColumn;
    private double[] mus;
    private Map<String, Double> alpha = Map.of();
    private int experiments = EXPERIMENTS;
    private int perBlock = EXPERIMENTS_PER_BLOCK;
    private int partitions = PARTITIONS;
    private Long seed;

    CoverageAction(SparkSession spark) {
        super(spark);
    }

    @Override
    protected CoverageAction self() {
        return this;
    }

    /** The output folder of {@code neyman}, {@code run} or {@code demo} whose belts to check. */
    public CoverageAction run(String folder) {
        this.run = folder("--run", folder);
        return this;
    }

    /** {@code simulator}, {@code bootstrap}, or the files of an independent weighted MC sample (comma-separated). */
    public CoverageAction experimentsFrom(String source) {
        if (source == null || source.isBlank()) {
            throw new UserError("--experiments-from is empty; expected simulator, bootstrap, or the files of an"
                    + " independent weighted MC sample");
        }
        this.experimentsFrom = source;
        return this;
    }

    /** The per-event weight column of the independent MC files (default: weight 1). */
    public CoverageAction weightColumn(String column) {
        this.weightColumn = column;
        return this;
    }

    /** The true &mu; values, anywhere in the belt's grid range (default: the grid points and the mid-points between). */
    public CoverageAction mu(double... values) {
        if (values.length == 0) {
            throw new UserError("--mu is empty; expected at least one true mu");
        }
        for (double mu : values) {
            finite("--mu", mu);
        }
        this.mus = values.clone();
        return this;
    }

    /** The true nuisance parameters by name (default: all 0, nominal). */
    public CoverageAction alpha(Map<String, Double> values) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new UserError("--alpha " + e.getKey() + "=" + e.getValue() + ": expected a finite number");
            }
        }
        this.alpha = new LinkedHashMap<>(values);
        return this;
    }

    /** Experiments per &mu;_true. */
    public CoverageAction experiments(int perMu) {
        this.experiments = atLeast("--experiments", perMu, 1);
        return this;
    }

    /** Experiments per Spark task. */
    public CoverageAction experimentsPerBlock(int count) {
        this.perBlock = atLeast("--experiments-per-block", count, 1);
        return this;
    }

    /** Spark partitions for the blocks (0: four per core); the result does not depend on it. */
    public CoverageAction partitions(int count) {
        this.partitions = atLeast("--partitions", count, 0);
        return this;
    }

    /** The run seed of the experiments (default: the run's); their streams are apart from the toys' either way. */
    public CoverageAction seed(long runSeed) {
        this.seed = runSeed;
        return this;
    }

    /** The source of the experiments named by {@code --experiments-from}. */
    static ExperimentOrigin origin(String from) {
        return switch (from.strip()) {
            case "simulator" -> ExperimentOrigin.SIMULATOR;
            case "bootstrap" -> ExperimentOrigin.BOOTSTRAP;
            default -> ExperimentOrigin.FILES;
        };
    }

    /** Checks everything, then runs the experiments into the output folder; returns coverage.json's record. */
    public CoverageSummary execute() {
        if (run == null) {
            throw new UserError("no run folder; expected --run DIR (the output of 'nsbi neyman', 'run' or 'demo')");
        }
        if (experimentsFrom == null) {
            throw new UserError("no source of experiments; expected --experiments-from simulator|bootstrap|FILES");
        }
        checkOutput();
        String summaryFile = run + "/summary.json";
        RunSummary runSummary = earlierRun(run);
        String summaryText = files().readText(summaryFile);
        AnalysisConfig analysis = analysis();
        MixtureModel plain = model();
        InputCheck check = new InputCheck(hadoop());
        InputCheck.Input runInput = check.read(run, "run");
        Provenance made = ConfigProvenance.of(analysis, hadoop());
        check.sameModel(runInput, made);
        Provenance provenance = made.withInput("run", runInput.markerSha256());
        String beltsFile = run + "/belts.csv";
        String beltsText = files().readText(beltsFile);
        Belt belt = BeltsTable.fromCsv(beltsText, beltsFile);
        // smooth critical values pool the toys of several points: their effective toys, not each point's own
        String fitFile = run + "/" + NeymanJob.CRITICAL_VALUES;
        int[][] beltToys = files().exists(fitFile)
                ? Json.read(files().readText(fitFile), CriticalValuesFit.class, fitFile).effectiveToys() : null;
        double[] muTrue = ToyRandom.canonical(mus != null ? mus : Coverage.gridAndMidpoints(belt.muGrid()));
        checkMus(muTrue, belt);
        String scored = runSummary.scored() != null ? runSummary.scored() : run;
        long beltSeed = runSummary.neyman().seed();
        long runSeed = seed != null ? seed : beltSeed;
        boolean profiled = NeymanSettings.NuisanceTruth.PROFILED.name().equalsIgnoreCase(runSummary.neyman().nuisanceTruth());
        ExperimentOrigin origin = origin(experimentsFrom);
        checkAlpha(origin, profiled, summaryFile);
        double[] nominalTruth = alphaVector(plain);
        ScoringPlan plan = ScoringPlan.of(analysis, files());
        if (origin == ExperimentOrigin.SIMULATOR) {
            SimulatorExperiments.check(plain, plan, analysis.features());
        }
        CoverageJob.Settings settings = new CoverageJob.Settings(runSeed, experiments, perBlock, partitions);
        return write("coverage.json", out -> {
            out.mark(ConfigProvenance.marker("coverage", provenance));
            long start = System.nanoTime();
            EventTable reference = ScoredFolder.of(spark, scored, analysis, plain).reference();
            MixtureModel model = plain.withShapeNormalisationFrom(reference);
            ScoredFolder scores = ScoredFolder.of(spark, scored, analysis, model);
            double[][] alphaTrue = profiled
                    ? NeymanAction.alphaTrue(NeymanSettings.NuisanceTruth.PROFILED, muTrue, model, scores.observedNll())
                    : repeat(nominalTruth, muTrue.length);
            List<String> sourceFiles = List.of();
            CoverageWorkload workload;
            String sampleHash;
            if (origin == ExperimentOrigin.SIMULATOR) {
                workload = CoverageWorkload.simulator(model, muTrue, alphaTrue, plan);
                sampleHash = "simulator";
            } else if (origin == ExperimentOrigin.BOOTSTRAP) {
                workload = CoverageWorkload.bootstrap(origin, model, muTrue, alphaTrue, reference);
                sampleHash = "reference";
            } else {
                sourceFiles = Arrays.asList(experimentsFrom.split(","));
                EventTable mc = independentSample(analysis, plan, model, sourceFiles, out.stagingPath("scored-mc"));
                workload = CoverageWorkload.bootstrap(origin, model, muTrue, alphaTrue, mc);
                sampleHash = NeymanPlan.sha256(mc, model.nuisanceCount());
                if (sampleHash.equals(NeymanPlan.sha256(reference, model.nuisanceCount()))) {
                    throw new UserError("--experiments-from " + experimentsFrom + ": these are the events of"
                            + " the run's reference sample, not an independent MC sample; use --experiments-from bootstrap"
                            + " for the closure test of the machinery, or files of events the reference does not hold");
                }
            }
            CoverageSummary.RunHashes hashes = new CoverageSummary.RunHashes(sha256(beltsText), sha256(summaryText),
                    sha256(files().readText(analysis.file().toString())), NeymanPlan.sha256(reference, model.nuisanceCount()));
            String planText = "source " + origin.label() + " " + sampleHash + "\nseed " + runSeed + "\nmu_true "
                    + Arrays.toString(muTrue) + "\nalpha_true " + Arrays.deepToString(alphaTrue) + "\nexperiments "
                    + experiments + " per block " + perBlock + "\nmodel " + model + "\nconfig " + hashes.config()
                    + "\nreference " + hashes.reference() + "\n";
            List<ToyOutcome> outcomes = CoverageJob.run(spark, workload, muTrue.length, settings, out, planText);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<CoverageSummary.Row> rows = new ArrayList<>();
            for (Coverage c : Coverage.of(belt, outcomes, muTrue, beltToys)) {
                rows.add(CoverageSummary.Row.of(c));
                LOG.info(String.format(Locale.ROOT, "[coverage %s] mu %.3f  CL %.4f  %-6s  %.4f +- %.4f  (%d of %d, %+.1f sigma)",
                        origin.label(), c.mu(), c.cl(), c.method(), c.fraction(), c.error(), c.covered(), c.n(), c.pull()));
            }
            List<CoverageSummary.Truth> truths = new ArrayList<>();
            for (int m = 0; m < muTrue.length; m++) {
                Map<String, Double> a = new LinkedHashMap<>();
                for (int k = 0; k < model.nuisanceCount(); k++) {
                    a.put(model.nuisances().get(k), alphaTrue[m][k]);
                }
                truths.add(new CoverageSummary.Truth(muTrue[m], a));
            }
            String nuisanceTruth = profiled
                    ? "profiled: the belt was built for the observed data's alpha-hat-hat(mu); the experiments are drawn at"
                    + " alpha_true = alpha-hat-hat(mu_true) of the observed data, so this tests the belt at the truth it was"
                    + " built for, not the profile construction's coverage at other nuisance truths"
                    : "nominal: the belt's toys were drawn at alpha = 0; the experiments at alpha_true"
                    + (alpha.isEmpty() ? " = 0 (nominal)" : " = " + alpha
                    + ", so this tests the nominal construction against another nuisance truth");
            return new CoverageSummary("coverage", origin.label(), origin.meaning(), sourceFiles, run,
                    analysis.file().toString(), hashes, nuisanceTruth, truths, runSeed, origin.purpose(), beltSeed,
                    experiments, perBlock, CoverageSummary.ERRORS, rows, seconds, 0);
        }, out -> Report.coverageFigure(RunReader.coverage(spark, out.stagingRoot())).write(out, ""));
    }

    private static void checkMus(double[] muTrue, Belt belt) {
        double[] grid = belt.muGrid();
        for (double mu : muTrue) {
            if (!(mu >= grid[0] && mu <= grid[grid.length - 1])) {
                throw new UserError("--mu " + mu + ": expected a true mu inside the belt's grid range ["
                        + grid[0] + ", " + grid[grid.length - 1] + "]");
            }
        }
    }

    /** Refuses --alpha where it means nothing: with a profiled belt, and with the bootstrap closure test. */
    private void checkAlpha(ExperimentOrigin origin, boolean profiled, String summaryFile) {
        if (alpha.isEmpty()) {
            return;
        }
        if (profiled) {
            throw new UserError("--alpha " + alpha + ": the run's belt was built with nuisance_truth: profiled ("
                    + summaryFile + "), a belt for the observed data's alpha-hat-hat(mu); its coverage is checked at"
                    + " alpha_true = alpha-hat-hat(mu_true), which the command uses without --alpha. Coverage at another"
                    + " alpha_true would need a belt built for that alpha (nuisance_truth: nominal checks the nominal"
                    + " construction against other truths)");
        }
        if (origin == ExperimentOrigin.BOOTSTRAP) {
            throw new UserError("--alpha " + alpha + " with --experiments-from bootstrap: the bootstrap of"
                    + " the reference sample is a closure test of the machinery, drawn at the belt's own truth; use"
                    + " --experiments-from simulator or an independent MC sample to test another alpha_true");
        }
    }

    /** &alpha;_true from --alpha in the model's order (0 where not given). */
    private double[] alphaVector(MixtureModel model) {
        double[] a = new double[model.nuisanceCount()];
        for (Map.Entry<String, Double> e : alpha.entrySet()) {
            int k = model.nuisances().indexOf(e.getKey());
            if (k < 0) {
                throw new UserError("--alpha " + e.getKey() + "=" + e.getValue()
                        + ": the analysis has no nuisance parameter '" + e.getKey() + "'; it has " + model.nuisances());
            }
            a[k] = e.getValue();
        }
        return a;
    }

    private static double[][] repeat(double[] a, int count) {
        double[][] out = new double[count][];
        for (int m = 0; m < count; m++) {
            out[m] = a.clone();
        }
        return out;
    }

    /** The independent MC sample scored with the run's ratios into {@code path}, loaded in canonical order. */
    private EventTable independentSample(AnalysisConfig analysis, ScoringPlan plan, MixtureModel model, List<String> sample,
                                         String path) {
        EventSource.Format format = sample.stream().allMatch(f -> f.toLowerCase(Locale.ROOT).endsWith(".csv"))
                ? EventSource.Format.CSV : EventSource.Format.PARQUET;
        EventSource.Files source = new EventSource.Files("independent MC", sample, format, weightColumn);
        long n = ScoreJob.scoreSample(spark, analysis, plan, source, "independent MC sample", path, MC_BLOCK_SIZE);
        if (n == 0) {
            throw new UserError("--experiments-from " + sample + ": the independent MC sample has no events");
        }
        return ScoredTable.load(spark, path, analysis.features().toArray(String[]::new), model).table();
    }

    private static String sha256(String text) {
        return ConfigProvenance.sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
