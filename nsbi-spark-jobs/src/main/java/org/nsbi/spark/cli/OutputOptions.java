package org.nsbi.spark.cli;

import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.output.TimedSummary;
import org.nsbi.spark.actions.WritingAction;
import org.nsbi.spark.io.Json;
import org.nsbi.spark.io.OutputFolder.ExistingPolicy;
import org.nsbi.spark.io.OutputFolder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where a command writes, and whether it may replace an earlier run there. */
public final class OutputOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder (local path or any Hadoop URL). Written to a staging folder beside it and moved into place when complete.")
    String out;

    @Option(names = "--overwrite", description = "Replace an output folder that holds an earlier run (and discard the checkpoints of an interrupted one).")
    boolean overwrite;

    @Option(names = "--resume", description = {"Complete an interrupted run into the same --out: the toys of every finished",
            "(mu point, block) are taken from its checkpoints, only the rest is computed. Without checkpoints, starts afresh."})
    boolean resume;

    /** Sets the output folder and its policy on an action. */
    <A extends WritingAction<A>> A applyTo(A action) {
        return action.out(out).overwrite(overwrite).resume(resume);
    }

    /** Tells the user where an action wrote: {@code nsbi <command>: wrote DIR}, on the command's error stream. */
    void wrote(WritingAction<?> action) {
        wrote(action.written());
    }

    private void wrote(String folder) {
        PrintWriter err = command.commandLine().getErr();
        err.println("nsbi " + command.name() + ": wrote " + folder);
        err.flush();
    }

    /** What a command writes into its folder; returns the summary to write as {@code summaryFile}, or null. */
    @FunctionalInterface
    interface Body {
        TimedSummary<?> write(OutputFolder out);
    }

    /** A summary without a record of its own yet (simulate.json, train's summary.json). */
    static TimedSummary<java.util.Map<String, Object>> untyped(java.util.Map<String, Object> summary) {
        return seconds -> {
            summary.put("seconds", seconds);
            return summary;
        };
    }

    /**
     * Opens the folder, runs the body into its staging area, adds the elapsed seconds and writes the summary as
     * {@code summaryFile}, and moves everything into place; on any failure the staging area is removed.
     */
    int run(SparkSession spark, String summaryFile, Body body) {
        return run(spark, summaryFile, body, out -> { });
    }

    /** As {@link #run(SparkSession, String, Body)}, then {@code after} writes what is made from the staged output. */
    int run(SparkSession spark, String summaryFile, Body body, java.util.function.Consumer<OutputFolder> after) {
        OutputFolder folder = OutputFolder.create(out, policy(), spark.sparkContext().hadoopConfiguration());
        try {
            long start = System.nanoTime();
            TimedSummary<?> summary = body.write(folder);
            if (summary != null) {
                folder.writeText(summaryFile, Json.write(summary.withSeconds((System.nanoTime() - start) / 1e9)));
            }
            after.accept(folder);
            folder.commit();
            wrote(folder.shownTarget());
            return 0;
        } finally {
            folder.abandon();
        }
    }

    /** Refuses a taken output folder before any work (and before the inputs are checked); writes nothing. */
    void check(SparkSession spark) {
        OutputFolder.check(out, policy(), spark.sparkContext().hadoopConfiguration());
    }

    private ExistingPolicy policy() {
        if (overwrite && resume) {
            throw new UserError("--overwrite and --resume exclude each other: --resume continues a run, --overwrite starts it again");
        }
        return overwrite ? ExistingPolicy.OVERWRITE : resume ? ExistingPolicy.RESUME : ExistingPolicy.REFUSE;
    }
}
