package org.nsbi.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.output.IntervalResult;
import org.nsbi.model.output.RunSummary;
import org.nsbi.model.output.ScoreSummary;
import org.nsbi.spark.report.Report;
import org.nsbi.spark.report.RunReader;
import org.nsbi.stats.model.MixtureModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole chain on the off-shell toy with the shared ONNX fixtures: score the simulated reference",
                "sample and observed data, run the Neyman construction, invert the belts into the observed interval",
                "(and the Asimov one at mu = 1), and write the report (report/report.html and its plots). Everything goes",
                "into one folder, moved into place when complete."})
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    SparkOptions spark;

    @Mixin
    OutputOptions output;

    @Mixin
    NeymanOptions neyman;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The analysis config. Default: submit/examples/offshell-toy.yaml of this checkout.")
    String config;

    @Option(names = "--block-size", defaultValue = "4096", description = "Events per scoring block. Default: ${DEFAULT-VALUE}.")
    int blockSize;

    @Option(names = "--scan-steps", defaultValue = "100", description = "Steps of the t(mu) scan. Default: ${DEFAULT-VALUE}.")
    int scanSteps;

    @Override
    public Integer call() {
        SparkSession session = spark.session("nsbi demo");
        AnalysisConfig analysis = ConfigOption.parser(session).parse(configPath());
        MixtureModel model = Pipeline.model(analysis);
        return output.run(session, "demo", "summary.json", out -> {
            String staged = out.stagingRoot();
            ScoreSummary score = Pipeline.score(session, analysis, out, blockSize);
            Pipeline.Construction r = Pipeline.neyman(session, analysis, model, staged, out, neyman.overrides());
            IntervalResult observed = Pipeline.interval(session, analysis, model, staged, r.belt(), null, scanSteps, out,
                    "scan.csv");
            IntervalResult asimov = Pipeline.interval(session, analysis, model, staged, r.belt(), 1.0, scanSteps, out,
                    "scan-asimov-mu1.csv");
            return new RunSummary(Pipeline.runInfo(session, "demo", analysis), null, score, r.summary(), observed,
                    asimov, 0);
        }, out -> Report.of(RunReader.read(session, out.stagingRoot(), List.of(), null)).write(out, "report/"));
    }

    private Path configPath() {
        if (config != null) {
            return Path.of(config);
        }
        String home = System.getenv("NSBI_HOME");
        Path p = Path.of(home == null ? "." : home, "submit", "examples", "offshell-toy.yaml");
        if (!Files.isRegularFile(p)) {
            throw new UserError("no config given and none at " + p.toAbsolutePath()
                    + "; expected --config FILE or NSBI_HOME set to the checkout (submit/nsbi sets it)");
        }
        return p;
    }
}
