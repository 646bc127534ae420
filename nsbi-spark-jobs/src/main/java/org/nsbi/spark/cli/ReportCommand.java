package org.nsbi.spark.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.nsbi.spark.io.HadoopFileAccess;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.provenance.ConfigProvenance;
import org.nsbi.spark.provenance.InputCheck;
import org.nsbi.model.report.Report;
import org.nsbi.spark.report.RunReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Plots of a run (PNG and SVG) and one self-contained report.html that shows them with the run's",
                "settings, timings, intervals, Asimov closure and failed fits: the confidence belt, the critical values",
                "against Wilks, the t_mu distribution of the toys at each grid point against chi2(1), the t(mu) scans with",
                "their Neyman and Wilks intervals, and coverage when there is a coverage.json. Writes DIR/report/ (or --out)."})
public final class ReportCommand implements Callable<Integer> {

    @Mixin
    SparkOptions spark;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "A demo or neyman output folder (summary.json, belts.csv, toys/; scan.csv if it has one).")
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
        SparkSession session = spark.session("nsbi report");
        String target = out != null ? out : new Path(run, "report").toString();
        OutputFolder.ExistingPolicy policy = overwrite ? OutputFolder.ExistingPolicy.OVERWRITE : OutputFolder.ExistingPolicy.REFUSE;
        if (out == null && !overwrite && new HadoopFileAccess(session.sparkContext().hadoopConfiguration()).exists(target)) {
            throw new OutputFolder.OutputFolderException("the run " + run + " already has a report (" + target
                    + "); pass --overwrite to replace it, or --out to write it elsewhere");
        }
        OutputFolder.check(target, policy, session.sparkContext().hadoopConfiguration());
        InputCheck check = new InputCheck(session.sparkContext().hadoopConfiguration());
        for (String interval : intervals) {
            check.intervalOfBelts(check.read(interval, "interval"), check.read(run, "run"));
        }
        String runMarker = new HadoopFileAccess(session.sparkContext().hadoopConfiguration())
                .exists(new Path(run, OutputFolder.MARKER).toString()) ? check.read(run, "run").markerSha256() : null;
        Report report = Report.of(RunReader.read(session, run, intervals, coverage));
        OutputFolder folder = OutputFolder.create(target, policy, session.sparkContext().hadoopConfiguration());
        try {
            org.nsbi.model.output.Provenance p = ConfigProvenance.ofProgram();
            folder.mark(ConfigProvenance.marker("report", runMarker == null ? p : p.withInput("run", runMarker)));
            report.write(folder, "");
            folder.commit();
            System.err.println("nsbi report: wrote " + folder.shownTarget() + "/report.html and " + report.figures().size()
                    + " figures (PNG and SVG)");
            return 0;
        } finally {
            folder.abandon();
        }
    }
}
