package org.nsbi.spark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.output.RunSummary;
import org.nsbi.spark.io.Json;
import org.nsbi.spark.neyman.NeymanJob;
import org.nsbi.spark.report.Report;
import org.nsbi.spark.report.RunReader;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.belt.Coverage;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = {"Checks the coverage of a run's intervals: at each mu_true, N independent pseudo-experiments (streams",
                "apart from the belt's toys) are treated as observed data; the fraction whose Neyman (and Wilks) interval",
                "contains mu_true is reported per confidence level with its binomial error, in DIR/coverage.json, and plotted",
                "beside the nominal levels in DIR/coverage.png and coverage.svg."})
public final class CoverageCommand implements Callable<Integer> {

    @Mixin
    SparkOptions spark;

    @Mixin
    OutputOptions output;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A demo or neyman output folder (belts.csv, summary.json).")
    String run;

    @Option(names = "--config", paramLabel = "FILE", description = "The analysis config (default: the one the run's summary.json names).")
    String config;

    @Option(names = "--mu", required = true, split = ",", description = "The true mu values, grid points of the run's belt.")
    double[] mus;

    @Option(names = "--experiments", defaultValue = "500", description = "Experiments per mu. Default: ${DEFAULT-VALUE}.")
    int experiments;

    @Option(names = "--seed", description = "Run seed (default: the run's). The experiments' streams are apart from the toys' either way.")
    Long seed;

    @Override
    public Integer call() {
        SparkSession session = spark.session("nsbi coverage");
        String summaryFile = run + "/summary.json";
        RunSummary runSummary = Json.read(Pipeline.readText(session, summaryFile), RunSummary.class, summaryFile);
        String configFile = config != null ? config : runSummary.run().config();
        if (configFile == null) {
            throw new UserError(summaryFile + " names no config; pass --config");
        }
        AnalysisConfig analysis = ConfigOption.parser(session).parse(Path.of(configFile));
        MixtureModel model = Pipeline.model(analysis);
        Belt belt = Pipeline.readBelt(session, run);
        String scored = runSummary.scored() != null ? runSummary.scored() : run;
        long runSeed = seed != null ? seed : runSummary.neyman().seed();
        return output.run(session, "coverage", "coverage.json", out -> {
            EventTable reference = Pipeline.reference(session, analysis, model, scored);
            double[][] alpha = new double[mus.length][model.nuisanceCount()];
            NeymanJob.Settings s = new NeymanJob.Settings(mus, experiments, 25, belt.cls(), runSeed, alpha, 1.0, 0, "coverage");
            NeymanJob.Result r = NeymanJob.run(session, model, reference, s, out);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Coverage c : Coverage.of(belt, r.outcomes(), mus)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("mu", c.mu());
                m.put("cl", c.cl());
                m.put("method", c.method());
                m.put("covered", c.covered());
                m.put("n", c.n());
                m.put("failed", c.failed());
                m.put("fraction", c.fraction());
                m.put("error", c.error());
                rows.add(m);
                System.err.printf(Locale.ROOT, "[coverage] mu %.3f  CL %.4f  %-6s  %.4f +- %.4f  (%d of %d)%n", c.mu(), c.cl(),
                        c.method(), c.fraction(), c.error(), c.covered(), c.n());
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("command", "coverage");
            summary.put("run", run);
            summary.put("config", analysis.file());
            summary.put("experiments_per_mu", experiments);
            summary.put("seed", runSeed);
            summary.put("nuisance_truth", "nominal (alpha = 0)");
            summary.put("coverage", rows);
            summary.put("experiment_seconds", r.toySeconds());
            return OutputOptions.untyped(summary);
        }, out -> Report.coverageFigure(RunReader.coverage(session, out.stagingRoot())).write(out, ""));
    }
}
