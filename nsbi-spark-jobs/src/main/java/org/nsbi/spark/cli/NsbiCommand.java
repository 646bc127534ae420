package org.nsbi.spark.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nsbi} command line. {@code submit/nsbi} runs it on an embedded local Spark;
 * {@code spark-submit --class org.nsbi.spark.cli.NsbiCommand <jar>} runs the same on a cluster.
 *
 * <p>Exit codes: 0 success; 2 bad input (config, data, output folder), with a message naming the
 * file, field and what was expected; 1 any other failure.
 */
@Command(name = "nsbi", mixinStandardHelpOptions = true, version = "nsbi-spark 0.1.0",
        description = "Neyman confidence belts and intervals from trained density-ratio networks, on Spark.",
        subcommands = {RunCommand.class, DemoCommand.class, SimulateCommand.class, TrainCommand.class, ScoreCommand.class, NeymanCommand.class,
                IntervalCommand.class, CoverageCommand.class, ReportCommand.class, ServeCommand.class,
                ValidateCommand.class, CommandLine.HelpCommand.class})
public final class NsbiCommand {

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.exit(code);
    }

    /** The command line with its error handling, for main and for tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NsbiCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean badInput = BadInput.isBadInput(ex);
            err.println("nsbi " + commandLine.getCommandName() + ": error: " + BadInput.message(ex));
            if (!badInput) {
                ex.printStackTrace(err);
            }
            err.flush();
            return badInput ? 2 : 1;
        });
        return cl;
    }
}
