package org.nsbi.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.nsbi.spark.actions.IntervalAction;
import org.nsbi.spark.actions.NsbiActions;
import org.nsbi.spark.actions.RunAction;
import org.nsbi.spark.actions.ScoreAction;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of the whole chain on one analysis ({@link RunAction}): what {@code run} does on the user's config and
 * {@code demo} on the example; then the results table on the terminal.
 */
public final class AnalysisChain {

    @Mixin
    SparkOptions spark;

    @Mixin
    OutputOptions output;

    @Mixin
    NeymanOptions neyman;

    @Option(names = "--asimov", paramLabel = "MU", defaultValue = "" + RunAction.ASIMOV,
            description = "The mu of the Asimov data set (nuisance parameters 0) whose interval is computed beside the observed one. Default: ${DEFAULT-VALUE}.")
    double asimovMu;

    @Option(names = "--block-size", paramLabel = "N", defaultValue = "" + ScoreAction.BLOCK_SIZE,
            description = "Events per scoring block. Default: ${DEFAULT-VALUE}.")
    int blockSize;

    @Option(names = "--scan-steps", paramLabel = "N", defaultValue = "" + IntervalAction.SCAN_STEPS,
            description = "Steps of the t(mu) scan. Default: ${DEFAULT-VALUE}.")
    int scanSteps;

    /** Runs the chain on {@code config} as {@code command}; prints the results table to the command's output. */
    int run(CommandSpec spec, String command, Path config) {
        NsbiActions actions = NsbiActions.get(spark.session("nsbi " + command));
        RunAction chain = output.applyTo("demo".equals(command) ? actions.demo() : actions.run()).config(config)
                .asimov(asimovMu).score(s -> s.blockSize(blockSize)).neyman(neyman::applyTo)
                .interval(i -> i.scanSteps(scanSteps));
        RunAction.Result r = chain.execute();
        output.wrote(chain);
        PrintWriter terminal = spec.commandLine().getOut();
        for (IntervalAction.Stage s : r.intervals()) {
            terminal.println();
            s.print(terminal);
        }
        return 0;
    }
}
