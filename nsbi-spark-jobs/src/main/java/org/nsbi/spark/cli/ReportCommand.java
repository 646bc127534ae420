package org.nsbi.spark.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nsbi.spark.actions.NsbiActions;
import org.nsbi.spark.actions.ReportAction;
import org.nsbi.model.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Writes the plots of a run and one self-contained report.html.",
        description = {"Plots of a run (PNG and SVG) and one self-contained report.html that shows them with the run's",
                "settings, timings, intervals, Asimov closure and failed fits: the confidence belt, the critical values",
                "against Wilks, the t_mu distribution of the toys at each grid point against chi2(1), the t(mu) scans with",
                "their Neyman and Wilks intervals, and coverage when there is a coverage.json. Writes DIR/report/ (or --out)."})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions spark;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "The output folder of 'nsbi neyman', 'run' or 'demo' to report on (its scans when it has them).")
    String run;

    @Option(names = "--interval", paramLabel = "DIR",
            description = "The folder of an 'nsbi interval' run on these belts, whose scan and intervals to show; repeatable.")
    List<String> intervals = new ArrayList<>();

    @Option(names = "--coverage", paramLabel = "DIR",
            description = "The folder of an 'nsbi coverage' run (coverage.json). Default: the run folder's coverage.json, if any.")
    String coverage;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report. Default: the run folder's report/.")
    String out;

    @Option(names = "--overwrite", description = "Replace an earlier report in the output folder.")
    boolean overwrite;

    @Override
    public Integer call() {
        ReportAction action = NsbiActions.get(spark.session("nsbi report")).report().run(run).overwrite(overwrite);
        intervals.forEach(action::interval);
        if (coverage != null) {
            action.coverage(coverage);
        }
        if (out != null) {
            action.out(out);
        }
        Report report = action.execute();
        java.io.PrintWriter err = spec.commandLine().getErr();
        err.println("nsbi report: wrote " + action.written() + "/report.html and " + report.figures().size()
                + " figures (PNG and SVG)");
        err.flush();
        return 0;
    }
}
