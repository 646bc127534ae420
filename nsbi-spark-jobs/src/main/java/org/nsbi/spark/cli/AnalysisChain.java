package org.nsbi.spark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.output.Provenance;
import org.nsbi.model.output.RunSummary;
import org.nsbi.model.output.ScoreSummary;
import org.nsbi.spark.provenance.ConfigProvenance;
import org.nsbi.model.report.Report;
import org.nsbi.spark.report.RunReader;
import org.nsbi.stats.model.MixtureModel;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The whole chain on one analysis, in one JVM and one output folder: score, Neyman construction, the observed
 * interval, the Asimov interval at {@code --asimov MU}, and the report; then the results table on the terminal.
 * What {@code run} does on the user's config and {@code demo} on the example.
 */
public final class AnalysisChain {

    @Mixin
    SparkOptions spark;

    @Mixin
    OutputOptions output;

    @Mixin
    NeymanOptions neyman;

    @Option(names = "--asimov", paramLabel = "MU", defaultValue = "1",
            description = "The mu of the Asimov data set (nuisance parameters 0) whose interval is computed beside the observed one. Default: ${DEFAULT-VALUE}.")
    double asimovMu;

    @Option(names = "--block-size", paramLabel = "N", defaultValue = "4096", description = "Events per scoring block. Default: ${DEFAULT-VALUE}.")
    int blockSize;

    @Option(names = "--scan-steps", paramLabel = "N", defaultValue = "100", description = "Steps of the t(mu) scan. Default: ${DEFAULT-VALUE}.")
    int scanSteps;

    /** Runs the chain on {@code config} as {@code command}; prints the results table to the command's output. */
    int run(CommandSpec spec, String command, Path config) {
        SparkSession session = spark.session("nsbi " + command);
        AnalysisConfig analysis = ConfigOption.parser(session).parse(config);
        MixtureModel model = Pipeline.model(analysis);
        output.check(session);
        List<Pipeline.IntervalStage> results = new ArrayList<>();
        Provenance provenance = Pipeline.provenance(session, analysis);
        int code = output.run(session, command, "summary.json", out -> {
            out.mark(ConfigProvenance.marker(command, provenance));
            String staged = out.stagingRoot();
            ScoreSummary score = Pipeline.score(session, analysis, out, blockSize, provenance);
            Pipeline.Construction r = Pipeline.neyman(session, analysis, model, staged, out, neyman.overrides());
            Pipeline.IntervalStage observed = Pipeline.interval(session, analysis, model, staged, r.belt(), null, scanSteps,
                    out, "scan.csv");
            Pipeline.IntervalStage asimov = Pipeline.interval(session, analysis, model, staged, r.belt(), asimovMu, scanSteps,
                    out, "scan-asimov.csv");
            results.add(observed);
            results.add(asimov);
            return new RunSummary(Pipeline.runInfo(session, command, analysis), null, score, r.summary(), observed.result(),
                    asimov.result(), provenance, 0);
        }, out -> Report.of(RunReader.read(session, out.stagingRoot(), List.of(), null)).write(out, "report/"));
        java.io.PrintWriter terminal = spec.commandLine().getOut();
        for (Pipeline.IntervalStage s : results) {
            terminal.println();
            s.print(terminal);
        }
        return code;
    }
}
