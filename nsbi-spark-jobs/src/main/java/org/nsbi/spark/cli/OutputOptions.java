package org.nsbi.spark.cli;

import java.io.PrintWriter;
import org.nsbi.spark.actions.WritingAction;
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

    @Option(names = "--extend", description = {"Extend a finished neyman, run or demo folder --out: more toys per point",
            "or more grid points; its toys are reused bit for bit and only the new ones computed (the result equals a run",
            "that asked for the final counts from the start). The folder is replaced when the extended run is complete."})
    boolean extend;

    /** Sets the output folder and its policy on an action. */
    <A extends WritingAction<A>> A applyTo(A action) {
        return action.out(out).overwrite(overwrite).resume(resume).extend(extend);
    }

    /** Tells the user where an action wrote: {@code nsbi <command>: wrote DIR}, on the command's error stream. */
    void wrote(WritingAction<?> action) {
        wrote(action.written());
    }

    private void wrote(String folder) {
        PrintWriter err = command.commandLine().getErr();
        err.println("nsbi " + command.commandLine().getCommandName() + ": wrote " + folder);
        err.flush();
    }
}
