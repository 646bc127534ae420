package org.nsbi.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Runs the whole chain (score, neyman, the observed and Asimov intervals, the report) on an analysis.",
        description = {"Runs the whole chain on an analysis in one folder: scores the reference sample and the observed data,",
                "runs the Neyman construction, inverts the belts into the observed interval and the Asimov one at --asimov MU,",
                "writes the report (report/report.html and its plots), and prints the results table."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AnalysisChain chain;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The analysis config (YAML; format in nsbi-model/CONFIG.md).")
    String config;

    @Override
    public Integer call() {
        return chain.run(spec, "run", Path.of(config));
    }
}
