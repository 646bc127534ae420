package org.nsbi.spark.cli;

import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.TimedSummary;
import org.nsbi.spark.io.OutputFolder.ExistingPolicy;
import org.nsbi.spark.io.OutputFolder;
import picocli.CommandLine.Option;

/** Where a command writes, and whether it may replace an earlier run there. */
public final class OutputOptions {

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder (local path or any Hadoop URL). Written to a staging folder beside it and moved into place when complete.")
    String out;

    @Option(names = "--overwrite", description = "Replace an output folder that holds an earlier run (and discard the checkpoints of an interrupted one).")
    boolean overwrite;

    @Option(names = "--resume", description = {"Complete an interrupted run into the same --out: the toys of every finished",
            "(mu point, block) are taken from its checkpoints, only the rest is computed. Without checkpoints, starts afresh."})
    boolean resume;

    @Option(names = "--extend", description = {"Extend a finished neyman, run or demo folder --out: more toys per point",
            "or more grid points; its toys are reused bit for bit and only the new ones computed (the result equals a run",
            "that asked for the final counts from the start). The folder is replaced when the extended run is complete."})
    boolean extend;

    /** The commands whose outputs --extend can grow (their toys are reused). */
    private static final java.util.Set<String> EXTENDABLE = java.util.Set.of("neyman", "run", "demo");

    /** What a command writes into its folder; returns the summary to write as {@code summaryFile}, or null. */
    @FunctionalInterface
    interface Body {
        TimedSummary write(OutputFolder out);
    }

    /** A summary without a record of its own yet (simulate.json, train's summary.json, coverage.json). */
    static TimedSummary untyped(java.util.Map<String, Object> summary) {
        return seconds -> {
            summary.put("seconds", seconds);
            return summary;
        };
    }

    /**
     * Opens the folder, runs the body into its staging area, adds the elapsed seconds and writes the summary as
     * {@code summaryFile}, and moves everything into place; on any failure the staging area is removed.
     */
    int run(SparkSession spark, String command, String summaryFile, Body body) {
        return run(spark, command, summaryFile, body, out -> { });
    }

    /**
     * As {@link #run(SparkSession, String, String, Body)}, and then {@code afterSummary} writes what is made from the
     * staged output with its summary (plots, the report) before everything is moved into place.
     */
    int run(SparkSession spark, String command, String summaryFile, Body body,
            java.util.function.Consumer<OutputFolder> afterSummary) {
        checkExtend(command);
        OutputFolder out = open(spark);
        try {
            long start = System.nanoTime();
            TimedSummary summary = body.write(out);
            if (summary != null) {
                out.writeText(summaryFile, Json.write(summary.withSeconds((System.nanoTime() - start) / 1e9)));
            }
            afterSummary.accept(out);
            out.commit();
            System.err.println("nsbi " + command + ": wrote " + out.shownTarget());
            return 0;
        } finally {
            out.abandon();
        }
    }

    OutputFolder open(SparkSession spark) {
        return OutputFolder.create(out, policy(), spark.sparkContext().hadoopConfiguration());
    }

    /** Refuses --extend for a command whose output holds nothing to grow. */
    void checkExtend(String command) {
        if (extend && !EXTENDABLE.contains(command)) {
            throw new UserError("--extend applies to neyman, run and demo (their toys are reused); '" + command
                    + "' has nothing to extend: use --overwrite to run it again");
        }
    }

    /** Refuses a taken output folder before any work (and before the inputs are checked); writes nothing. */
    void check(SparkSession spark) {
        OutputFolder.check(out, policy(), spark.sparkContext().hadoopConfiguration());
    }

    private ExistingPolicy policy() {
        if ((overwrite ? 1 : 0) + (resume ? 1 : 0) + (extend ? 1 : 0) > 1) {
            throw new UserError("--overwrite, --resume and --extend exclude each other: --resume continues an interrupted run,"
                    + " --extend grows a finished one, --overwrite starts it again");
        }
        return overwrite ? ExistingPolicy.OVERWRITE : resume ? ExistingPolicy.RESUME
                : extend ? ExistingPolicy.EXTEND : ExistingPolicy.REFUSE;
    }
}
