package org.nsbi.spark.actions;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.output.Provenance;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.provenance.ConfigProvenance;
import org.nsbi.spark.provenance.InputCheck;
import org.nsbi.model.report.Report;
import org.nsbi.spark.report.RunReader;

/**
 * The plots of a run (PNG and SVG) and one self-contained report.html that shows them with the run's settings,
 * timings, intervals, Asimov closure and failed fits, and coverage when there is a coverage.json. Writes the run
 * folder's {@code report/} unless {@link #out} says otherwise.
 */
public final class ReportAction extends WritingAction<ReportAction> {

    private String run;
    private final List<String> intervals = new ArrayList<>();
    private String coverage;

    ReportAction(SparkSession spark) {
        super(spark);
    }

    @Override
    protected ReportAction self() {
        return this;
    }

    /** A {@code demo}, {@code run} or {@code neyman} output folder. */
    public ReportAction run(String folder) {
        this.run = folder("--run", folder);
        return this;
    }

    /** The folder of an {@code interval} run on these belts, whose scan and intervals to show; may be given again. */
    public ReportAction interval(String folder) {
        intervals.add(folder("--interval", folder));
        return this;
    }

    /** The folder of a {@code coverage} run (default: the run folder's coverage.json, if any). */
    public ReportAction coverage(String folder) {
        this.coverage = folder("--coverage", folder);
        return this;
    }

    /** Checks the inputs, then writes the report; returns it (its figures). */
    public Report execute() {
        if (run == null) {
            throw new org.nsbi.model.UserError("no run folder; expected --run DIR");
        }
        if (!outGiven()) {
            String target = new Path(run, "report").toString();
            if (!overwriting() && files().exists(target)) {
                throw new OutputFolder.OutputFolderException("the run " + run + " already has a report (" + target
                        + "); pass --overwrite to replace it, or --out to write it elsewhere");
            }
            out(target);
        }
        checkOutput();
        InputCheck check = new InputCheck(hadoop());
        for (String interval : intervals) {
            check.intervalOfBelts(check.read(interval, "interval"), check.read(run, "run"));
        }
        String runMarker = files().exists(new Path(run, OutputFolder.MARKER).toString())
                ? check.read(run, "run").markerSha256() : null;
        Report report = Report.of(RunReader.read(spark, run, intervals, coverage));
        return into(folder -> {
            Provenance p = ConfigProvenance.ofProgram();
            folder.mark(ConfigProvenance.marker("report", runMarker == null ? p : p.withInput("run", runMarker)));
            report.write(folder, "");
            return report;
        });
    }
}
