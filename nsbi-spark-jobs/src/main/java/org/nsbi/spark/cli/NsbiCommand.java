package org.nsbi.spark.cli;

import java.io.PrintWriter;
import org.nsbi.spark.io.ShownPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nsbi} command line. {@code submit/nsbi} runs it on an embedded local Spark;
 * {@code spark-submit --class org.nsbi.spark.cli.NsbiCommand <jar>} runs the same on a cluster.
 *
 * <p>Exit codes: 0 success; 2 a user error ({@link org.nsbi.model.UserError}: config, data, output folder,
 * checkpoints of another run, an option; picocli's own for an unknown option), its message in one line naming the
 * file or option, the field and what was expected; 1 any other failure, with its stack trace.
 */
@Command(name = "nsbi", mixinStandardHelpOptions = true, versionProvider = NsbiCommand.Version.class,
        description = "Neyman confidence belts and intervals from trained density-ratio networks, on Spark.",
        subcommands = {RunCommand.class, DemoCommand.class, SimulateCommand.class, TrainCommand.class, ScoreCommand.class, NeymanCommand.class,
                IntervalCommand.class, CoverageCommand.class, ReportCommand.class, ServeCommand.class,
                ValidateCommand.class, CommandLine.HelpCommand.class})
public final class NsbiCommand {

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.exit(code);
    }

    /**
     * A command line picocli cannot take: the message, suggestions for an unknown option, and where help is. A
     * misspelt required option is reported as the unknown option it is (with the names it may have meant), not as the
     * required one missing.
     */
    static int badArguments(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        CommandLine.ParameterException shown = ex;
        if (ex instanceof CommandLine.MissingParameterException) {
            java.util.List<String> unknown = new java.util.ArrayList<>();
            for (String a : args) {
                String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                if (name.startsWith("--") && !cmd.getCommandSpec().optionsMap().containsKey(name)) {
                    unknown.add(a);
                }
            }
            if (!unknown.isEmpty()) {
                shown = new CommandLine.UnmatchedArgumentException(cmd, unknown);
            }
        }
        err.println("nsbi " + cmd.getCommandName() + ": " + shown.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(shown, err);
        err.println("Try 'nsbi " + cmd.getCommandName() + " --help' for the options.");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** {@code nsbi --version}: the pom's version, carried into the jar by version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"nsbi-spark " + org.nsbi.model.provenance.BuildInfo.version()};
        }
    }

    /** The command line with its error handling, for main and for tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NsbiCommand());
        cl.setParameterExceptionHandler(NsbiCommand::badArguments);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean badInput = BadInput.isBadInput(ex);
            err.println("nsbi " + commandLine.getCommandName() + ": error: " + ShownPaths.text(BadInput.message(ex)));
            if (!badInput) {
                ex.printStackTrace(err);
            }
            err.flush();
            return badInput ? 2 : 1;
        });
        return cl;
    }
}
