package org.nsbi.spark.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.output.Provenance;
import org.nsbi.spark.provenance.ConfigProvenance;
import org.nsbi.spark.provenance.InputCheck;
import org.nsbi.model.output.IntervalSummary;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.model.MixtureModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "interval", mixinStandardHelpOptions = true,
        description = {"Scans t(mu) on the observed data (or an Asimov data set) and inverts the belts of a 'neyman' run",
                "into the Neyman interval, beside the Wilks interval. Writes DIR/summary.json (intervals, mu_hat)",
                "and DIR/scan.csv, and prints the results table."})
public final class IntervalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AnalysisRunOptions run;

    @Option(names = "--scored", required = true, paramLabel = "DIR", description = "The output folder of 'nsbi score' (or its scored/).")
    String scored;

    @Option(names = "--belts", required = true, paramLabel = "DIR", description = "The output folder of 'nsbi neyman'.")
    String belts;

    @Option(names = "--asimov", paramLabel = "MU",
            description = "Use the Asimov data set at this mu (nuisance parameters 0) instead of the observed data.")
    Double asimov;

    @Option(names = "--scan-steps", defaultValue = "100", description = "Steps of the t(mu) scan across the grid. Default: ${DEFAULT-VALUE}.")
    int scanSteps;

    @Override
    public Integer call() {
        AnalysisRunOptions.Context c = run.open("interval");
        SparkSession session = c.session();
        AnalysisConfig analysis = c.analysis();
        MixtureModel model = c.model();
        InputCheck check = Pipeline.inputCheck(session);
        String scoredDir = check.scoredFolder(scored);
        InputCheck.Input scores = check.read(scoredDir, "scored");
        InputCheck.Input neymanRun = check.read(belts, "belts");
        Provenance made = Pipeline.provenance(session, analysis);
        check.sameScoring(scores, made);
        check.sameModel(neymanRun, made);
        check.beltsFromScores(neymanRun, scores);
        Provenance provenance = made.withInput("scored", scores.markerSha256()).withInput("belts", neymanRun.markerSha256());
        Belt belt = Pipeline.readBelt(session, belts);
        Pipeline.IntervalStage[] result = new Pipeline.IntervalStage[1];
        int code = run.output.run(session, "interval", "summary.json", out -> {
            out.mark(ConfigProvenance.marker("interval", provenance));
            result[0] = Pipeline.interval(session, analysis, model, scoredDir, belt, asimov, scanSteps, out, "scan.csv");
            return new IntervalSummary(Pipeline.runInfo(session, "interval", analysis), scoredDir, belts, result[0].result(),
                    provenance, 0);
        });
        result[0].print(spec.commandLine().getOut());
        return code;
    }
}
