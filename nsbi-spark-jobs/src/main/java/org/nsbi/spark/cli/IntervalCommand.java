package org.nsbi.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.output.IntervalSummary;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.Provenance;
import org.nsbi.model.output.RunSummary;
import org.nsbi.spark.provenance.ConfigProvenance;
import org.nsbi.spark.provenance.InputCheck;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.model.MixtureModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "interval", mixinStandardHelpOptions = true,
        description = {"Scans t(mu) on the observed data (or an Asimov data set), inverts the belts of a neyman or run",
                "folder into the Neyman interval beside the Wilks one, writes DIR/summary.json and DIR/scan.csv, and prints",
                "the results table."})
public final class IntervalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions spark;

    @Mixin
    OutputOptions output;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "The output folder of 'nsbi neyman' (or 'run', 'demo') whose belts to invert.")
    String run;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The analysis config (default: the one the run's summary.json names).")
    String config;

    @Option(names = "--scored", paramLabel = "DIR",
            description = "The output folder of 'nsbi score' (or its scored/); default: the one the run's belts were built from.")
    String scored;

    @Option(names = "--asimov", paramLabel = "MU",
            description = "Use the Asimov data set at this mu (nuisance parameters 0) instead of the observed data.")
    Double asimov;

    @Option(names = "--scan-steps", paramLabel = "N", defaultValue = "100",
            description = "Steps of the t(mu) scan across the grid. Default: ${DEFAULT-VALUE}.")
    int scanSteps;

    @Override
    public Integer call() {
        SparkSession session = spark.session("nsbi interval");
        String summaryFile = run + "/summary.json";
        RunSummary runSummary = Json.read(Pipeline.readText(session, summaryFile), RunSummary.class, summaryFile);
        AnalysisConfig analysis = ConfigOption.parser(session).parse(Path.of(config != null ? config : runSummary.run().config()));
        MixtureModel model = Pipeline.model(analysis);
        output.check(session);
        InputCheck check = Pipeline.inputCheck(session);
        String scoredDir = check.scoredFolder(scored != null ? scored : runSummary.scored() != null ? runSummary.scored() : run);
        InputCheck.Input scores = check.read(scoredDir, "scored");
        InputCheck.Input neymanRun = check.read(run, "belts");
        Provenance made = Pipeline.provenance(session, analysis);
        check.sameScoring(scores, made);
        check.sameModel(neymanRun, made);
        check.beltsFromScores(neymanRun, scores);
        Provenance provenance = made.withInput("scored", scores.markerSha256()).withInput("belts", neymanRun.markerSha256());
        Belt belt = Pipeline.readBelt(session, run);
        Pipeline.IntervalStage[] result = new Pipeline.IntervalStage[1];
        int code = output.run(session, "interval", "summary.json", out -> {
            out.mark(ConfigProvenance.marker("interval", provenance));
            result[0] = Pipeline.interval(session, analysis, model, scoredDir, belt, asimov, scanSteps, out, "scan.csv");
            return new IntervalSummary(Pipeline.runInfo(session, "interval", analysis), scoredDir, run, result[0].result(),
                    provenance, 0);
        });
        result[0].print(spec.commandLine().getOut());
        return code;
    }
}
