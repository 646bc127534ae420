package org.nsbi.spark.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.EventSource;
import org.nsbi.model.config.NeymanSettings;
import org.nsbi.model.output.CoverageSummary;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.RunSummary;
import org.nsbi.spark.coverage.CoverageJob;
import org.nsbi.spark.coverage.CoverageWorkload;
import org.nsbi.model.coverage.ExperimentOrigin;
import org.nsbi.spark.coverage.SimulatorExperiments;
import org.nsbi.spark.io.HadoopFileAccess;
import org.nsbi.spark.neyman.BeltsTable;
import org.nsbi.spark.neyman.NeymanPlan;
import org.nsbi.spark.provenance.InputCheck;
import org.nsbi.model.report.Report;
import org.nsbi.spark.score.ScoreJob;
import org.nsbi.spark.score.ScoredTable;
import org.nsbi.spark.score.ScoringPlan;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.belt.Coverage;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.ToyOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = {"Checks the coverage of a run's intervals: at each mu_true, N experiments drawn",
                "at the truth (mu_true, alpha_true) are treated as observed data; the fraction",
                "whose Neyman (and Wilks) interval contains mu_true is reported per confidence",
                "level, with an error that includes the belt's own Monte Carlo noise, in",
                "DIR/coverage.json, and plotted in DIR/coverage.png and coverage.svg.",
                "The experiments come from (--experiments-from):",
                "  simulator  the off-shell toy's simulator, scored with the run's ratios",
                "             (networks or exact): a check of the analysis;",
                "  FILES      an independent weighted MC sample (not the reference; Parquet",
                "             or CSV, comma-separated paths or globs), Poisson-bootstrapped",
                "             with the run's model weights at the truth;",
                "  bootstrap  the belt's own reference sample: a closure test of the",
                "             machinery only (it covers by construction).",
                "A belt built with nuisance_truth: profiled is a belt for the observed data's",
                "alpha-hat-hat(mu): its experiments are drawn at alpha_true =",
                "alpha-hat-hat(mu_true) of the observed data, and --alpha is refused."})
public final class CoverageCommand implements Callable<Integer> {

    @Mixin
    SparkOptions spark;

    @Mixin
    OutputOptions output;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A demo or neyman output folder (belts.csv, summary.json).")
    String run;

    @Option(names = "--config", paramLabel = "FILE", description = "The analysis config (default: the one the run's summary.json names).")
    String config;

    @Option(names = "--experiments-from", required = true, paramLabel = "SOURCE",
            description = "simulator, bootstrap, or the files of an independent weighted MC sample (see above).")
    String experimentsFrom;

    @Option(names = "--weight-column", paramLabel = "NAME",
            description = "The per-event weight column of the independent MC files (default: weight 1).")
    String weightColumn;

    @Option(names = "--mu", split = ",", description = "The true mu values, anywhere in the belt's grid range"
            + " (default: the grid points and the mid-points between them).")
    double[] mus;

    @Option(names = "--alpha", split = ",", paramLabel = "NAME=VALUE",
            description = "The true nuisance parameters (default: all 0, nominal), e.g. energy_scale=1,ni_shape=-1.")
    Map<String, Double> alpha;

    @Option(names = "--experiments", defaultValue = "500", description = "Experiments per mu. Default: ${DEFAULT-VALUE}.")
    int experiments;

    @Option(names = "--experiments-per-block", defaultValue = "25", description = "Experiments per task. Default: ${DEFAULT-VALUE}.")
    int perBlock;

    @Option(names = "--partitions", defaultValue = "0", description = "Spark partitions for the blocks (default: four per core); the result does not depend on it.")
    int partitions;

    @Option(names = "--seed", description = "Run seed of the experiments (default: the run's). Their streams are apart from the toys' either way.")
    Long seed;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        SparkSession session = spark.session("nsbi coverage");
        output.check(session);
        String summaryFile = run + "/summary.json";
        String summaryText = Pipeline.readText(session, summaryFile);
        RunSummary runSummary = Json.read(summaryText, RunSummary.class, summaryFile);
        String configFile = config != null ? config : runSummary.run().config();
        if (configFile == null) {
            throw new UserError(summaryFile + " names no config; pass --config");
        }
        AnalysisConfig analysis = ConfigOption.parser(session).parse(Path.of(configFile));
        InputCheck check = Pipeline.inputCheck(session);
        InputCheck.Input runInput = check.read(run, "run");
        org.nsbi.model.output.Provenance made = Pipeline.provenance(session, analysis);
        check.sameModel(runInput, made);
        org.nsbi.model.output.Provenance provenance = made.withInput("run", runInput.markerSha256());
        String beltsFile = run + "/belts.csv";
        String beltsText = Pipeline.readText(session, beltsFile);
        Belt belt = BeltsTable.fromCsv(beltsText, beltsFile);
        double[] muTrue = org.nsbi.stats.random.ToyRandom.canonical(mus != null ? mus : Coverage.gridAndMidpoints(belt.muGrid()));
        checkMus(muTrue, belt);
        String scored = runSummary.scored() != null ? runSummary.scored() : run;
        MixtureModel model = Pipeline.withShapes(session, analysis, Pipeline.model(analysis), scored);
        long beltSeed = runSummary.neyman().seed();
        long runSeed = seed != null ? seed : beltSeed;
        boolean profiled = NeymanSettings.NuisanceTruth.PROFILED.name().equalsIgnoreCase(runSummary.neyman().nuisanceTruth());
        ExperimentOrigin origin = origin(experimentsFrom);
        checkAlpha(origin, profiled, summaryFile);
        ScoringPlan plan = ScoringPlan.of(analysis, new HadoopFileAccess(session.sparkContext().hadoopConfiguration()));
        if (origin == ExperimentOrigin.SIMULATOR) {
            SimulatorExperiments.check(model, plan, analysis.features());
        }
        return output.run(session, "coverage", "coverage.json", out -> {
            out.mark(org.nsbi.spark.provenance.ConfigProvenance.marker("coverage", provenance));
            long start = System.nanoTime();
            EventTable reference = Pipeline.reference(session, analysis, model, scored);
            double[][] alphaTrue = profiled
                    ? Pipeline.alphaTrue(NeymanSettings.NuisanceTruth.PROFILED, muTrue, model,
                            Pipeline.observedNll(session, analysis, model, scored))
                    : alphaVector(model, muTrue.length);
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
                EventTable mc = independentSample(session, analysis, plan, model, sourceFiles, out.stagingPath("scored-mc"));
                workload = CoverageWorkload.bootstrap(origin, model, muTrue, alphaTrue, mc);
                sampleHash = NeymanPlan.sha256(mc, model.nuisanceCount());
                if (sampleHash.equals(NeymanPlan.sha256(reference, model.nuisanceCount()))) {
                    throw new UserError("--experiments-from " + experimentsFrom + ": these are the events of"
                            + " the run's reference sample, not an independent MC sample; use --experiments-from bootstrap"
                            + " for the closure test of the machinery, or files of events the reference does not hold");
                }
            }
            CoverageSummary.RunHashes hashes = new CoverageSummary.RunHashes(sha256(beltsText), sha256(summaryText),
                    sha256(Pipeline.readText(session, analysis.file().toString())),
                    NeymanPlan.sha256(reference, model.nuisanceCount()));
            CoverageJob.Settings settings = new CoverageJob.Settings(runSeed, experiments, perBlock, partitions);
            String planText = "source " + origin.label() + " " + sampleHash + "\nseed " + runSeed + "\nmu_true "
                    + Arrays.toString(muTrue) + "\nalpha_true " + Arrays.deepToString(alphaTrue) + "\nexperiments "
                    + experiments + " per block " + perBlock + "\nmodel " + model + "\nconfig " + hashes.config()
                    + "\nreference " + hashes.reference() + "\n";
            List<ToyOutcome> outcomes = CoverageJob.run(session, workload, muTrue.length, settings, out, planText);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<CoverageSummary.Row> rows = new ArrayList<>();
            for (Coverage c : Coverage.of(belt, outcomes, muTrue)) {
                rows.add(CoverageSummary.Row.of(c));
                System.err.printf(Locale.ROOT, "[coverage %s] mu %.3f  CL %.4f  %-6s  %.4f +- %.4f  (%d of %d, %+.1f sigma)%n",
                        origin.label(), c.mu(), c.cl(), c.method(), c.fraction(), c.error(), c.covered(), c.n(), c.pull());
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
                    + (alpha == null || alpha.isEmpty() ? " = 0 (nominal)" : " = " + alpha
                    + ", so this tests the nominal construction against another nuisance truth");
            return new CoverageSummary("coverage", origin.label(), origin.meaning(), sourceFiles, run,
                    analysis.file().toString(), hashes, nuisanceTruth, truths, runSeed, origin.purpose(), beltSeed,
                    experiments, perBlock, CoverageSummary.ERRORS, rows, seconds, 0);
        }, out -> Report.coverageFigure(org.nsbi.spark.report.RunReader.coverage(session, out.stagingRoot())).write(out, ""));
    }

    static ExperimentOrigin origin(String from) {
        return switch (from.strip()) {
            case "simulator" -> ExperimentOrigin.SIMULATOR;
            case "bootstrap" -> ExperimentOrigin.BOOTSTRAP;
            default -> ExperimentOrigin.FILES;
        };
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
        if (alpha == null || alpha.isEmpty()) {
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

    /** &alpha;_true from --alpha in the model's order (0 where not given), the same at every &mu;_true. */
    private double[][] alphaVector(MixtureModel model, int count) {
        double[] a = new double[model.nuisanceCount()];
        if (alpha != null) {
            for (Map.Entry<String, Double> e : alpha.entrySet()) {
                int k = model.nuisances().indexOf(e.getKey());
                if (k < 0) {
                    throw new UserError("--alpha " + e.getKey() + "=" + e.getValue()
                            + ": the analysis has no nuisance parameter '" + e.getKey() + "'; it has " + model.nuisances());
                }
                if (!Double.isFinite(e.getValue())) {
                    throw new UserError("--alpha " + e.getKey() + "=" + e.getValue() + ": expected a finite number");
                }
                a[k] = e.getValue();
            }
        }
        double[][] out = new double[count][];
        for (int m = 0; m < count; m++) {
            out[m] = a.clone();
        }
        return out;
    }

    /** The independent MC sample scored with the run's ratios into {@code path}, loaded in canonical order. */
    private EventTable independentSample(SparkSession session, AnalysisConfig analysis, ScoringPlan plan, MixtureModel model,
                                         List<String> files, String path) {
        EventSource.Format format = files.stream().allMatch(f -> f.toLowerCase(Locale.ROOT).endsWith(".csv"))
                ? EventSource.Format.CSV : EventSource.Format.PARQUET;
        EventSource.Files source = new EventSource.Files("independent MC", files, format, weightColumn);
        long n = ScoreJob.scoreSample(session, analysis, plan, source, "independent MC sample", path, 10_000);
        if (n == 0) {
            throw new UserError("--experiments-from " + files + ": the independent MC sample has no events");
        }
        return ScoredTable.load(session, path, Pipeline.features(analysis), model).table();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
