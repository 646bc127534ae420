package org.nsbi.spark.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.output.IntervalSummary;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.model.MixtureModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "interval", mixinStandardHelpOptions = true,
        description = {"Scans t(mu) on the observed data (or an Asimov data set) and inverts the belts of a 'neyman' run",
                "into the Neyman interval, beside the Wilks interval. Writes DIR/summary.json (intervals, mu_hat)",
                "and DIR/scan.csv."})
public final class IntervalCommand implements Callable<Integer> {

    @Mixin
    AnalysisRunOptions run;

    @Option(names = "--scored", required = true, paramLabel = "DIR", description = "The output folder of 'nsbi score'.")
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
        Belt belt = Pipeline.readBelt(session, belts);
        return run.output.run(session, "interval", "summary.json", out -> new IntervalSummary(
                Pipeline.runInfo(session, "interval", analysis), scored, belts,
                Pipeline.interval(session, analysis, model, scored, belt, asimov, scanSteps, out, "scan.csv"), 0));
    }
}
