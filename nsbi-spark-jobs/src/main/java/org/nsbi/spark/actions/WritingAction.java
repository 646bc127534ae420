package org.nsbi.spark.actions;

import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.output.TimedSummary;
import org.nsbi.spark.io.HadoopFileAccess;
import org.nsbi.model.output.Json;
import org.nsbi.spark.io.OutputFolder;

/**
 * An action that writes one output folder: where ({@link #out}), whether it may replace an earlier run there
 * ({@link #overwrite}) or complete an interrupted one ({@link #resume}). The output is written into a staging folder
 * beside the target and moved into place only when complete; on any failure the staging folder is removed.
 *
 * @param <A> the action itself, which each setter returns
 */
public abstract class WritingAction<A extends WritingAction<A>> {

    protected final SparkSession spark;
    private String out;
    private boolean overwrite;
    private boolean resume;
    private boolean extend;
    private String written;

    protected WritingAction(SparkSession spark) {
        this.spark = spark;
    }

    // The rules a setting is checked against when it is set; each refusal names the setting (as its command-line
    // option), the value and the rule.

    protected static int atLeast(String setting, int value, int min) {
        if (value < min) {
            throw new UserError(setting + " = " + value + "; expected at least " + min);
        }
        return value;
    }

    protected static long atLeast(String setting, long value, long min) {
        if (value < min) {
            throw new UserError(setting + " = " + value + "; expected at least " + min);
        }
        return value;
    }

    protected static double finite(String setting, double value) {
        if (!Double.isFinite(value)) {
            throw new UserError(setting + " = " + value + "; expected a finite number");
        }
        return value;
    }

    /** A value in [0, 1]. */
    protected static double fraction(String setting, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new UserError(setting + " = " + value + "; expected a fraction in [0, 1]");
        }
        return value;
    }

    /** A path or URL that is not blank. */
    protected static String folder(String setting, String value) {
        if (value == null || value.isBlank()) {
            throw new UserError(setting + " is empty; expected a folder (local path or any Hadoop URL)");
        }
        return value;
    }

    /** This action, for the setters. */
    protected abstract A self();

    /** The output folder (local path or any Hadoop URL). */
    public A out(String folder) {
        this.out = folder("--out", folder);
        return self();
    }

    /** Replace an output folder that holds an earlier run (and discard the checkpoints of an interrupted one). */
    public A overwrite(boolean on) {
        this.overwrite = on;
        checkPolicy();
        return self();
    }

    /** Complete an interrupted run into the same folder from its checkpoints. */
    public A resume(boolean on) {
        this.resume = on;
        checkPolicy();
        return self();
    }

    /**
     * Extend a finished run in the same folder (more toys, more grid points): its toys are reused bit for bit and only
     * the new ones computed; the folder is replaced when the extended run is complete. Only for actions whose output
     * holds toys ({@link #extendable()}).
     */
    public A extend(boolean on) {
        if (on && !extendable()) {
            throw new UserError("--extend applies to neyman, run and demo (their toys are reused); this output has"
                    + " nothing to extend: use --overwrite to make it again");
        }
        this.extend = on;
        checkPolicy();
        return self();
    }

    /** Whether {@link #extend} can grow this action's output (false unless the action says so). */
    protected boolean extendable() {
        return false;
    }

    private void checkPolicy() {
        if ((overwrite ? 1 : 0) + (resume ? 1 : 0) + (extend ? 1 : 0) > 1) {
            throw new UserError("--overwrite, --resume and --extend exclude each other: --resume continues an interrupted"
                    + " run, --extend grows a finished one, --overwrite starts it again");
        }
    }

    /** Whether the output folder was given. */
    protected final boolean outGiven() {
        return out != null;
    }

    /** Whether an earlier output may be replaced. */
    protected final boolean overwriting() {
        return overwrite;
    }

    /** The output folder as a user would type it, once {@code execute()} has moved it into place; null before. */
    public String written() {
        return written;
    }

    protected final Configuration hadoop() {
        return spark.sparkContext().hadoopConfiguration();
    }

    protected final HadoopFileAccess files() {
        return new HadoopFileAccess(hadoop());
    }

    private String target() {
        if (out == null) {
            throw new UserError("no output folder; expected --out DIR");
        }
        return out;
    }

    private OutputFolder.ExistingPolicy policy() {
        return overwrite ? OutputFolder.ExistingPolicy.OVERWRITE : resume ? OutputFolder.ExistingPolicy.RESUME
                : extend ? OutputFolder.ExistingPolicy.EXTEND : OutputFolder.ExistingPolicy.REFUSE;
    }

    /** Refuses a taken output folder before any work (and before the inputs are checked); writes nothing. */
    protected final void checkOutput() {
        OutputFolder.check(target(), policy(), hadoop());
    }

    /**
     * Opens the folder, runs {@code body} into its staging area, writes the summary it returns (its elapsed seconds
     * set) as {@code summaryFile}, lets {@code after} write what is made from the staged output with its summary
     * (plots, the report), and moves everything into place.
     *
     * @return the summary as written
     */
    protected final <T extends TimedSummary<T>> T write(String summaryFile, Function<OutputFolder, T> body,
                                                        Consumer<OutputFolder> after) {
        return into(out -> {
            long start = System.nanoTime();
            T summary = body.apply(out).withSeconds((System.nanoTime() - start) / 1e9);
            out.writeText(summaryFile, Json.write(summary));
            after.accept(out);
            return summary;
        });
    }

    /**
     * As {@link #write(String, Function, Consumer)}, with {@code after} returning the summary again (e.g. with the time
     * it took added), which is then written over the first.
     */
    protected final <T extends TimedSummary<T>> T write(String summaryFile, Function<OutputFolder, T> body,
                                                        BiFunction<OutputFolder, T, T> after) {
        return into(out -> {
            long start = System.nanoTime();
            T summary = body.apply(out).withSeconds((System.nanoTime() - start) / 1e9);
            out.writeText(summaryFile, Json.write(summary));
            T last = after.apply(out, summary);
            if (!last.equals(summary)) {
                out.writeText(summaryFile, Json.write(last));
            }
            return last;
        });
    }

    /** Opens the folder, runs {@code body} into its staging area and moves everything into place; returns its result. */
    protected final <T> T into(Function<OutputFolder, T> body) {
        OutputFolder folder = OutputFolder.create(target(), policy(), hadoop());
        try {
            T result = body.apply(folder);
            folder.commit();
            written = folder.shownTarget();
            return result;
        } finally {
            folder.abandon();
        }
    }
}
