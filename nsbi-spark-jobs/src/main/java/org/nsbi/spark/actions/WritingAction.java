package org.nsbi.spark.actions;

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
    private String written;

    protected WritingAction(SparkSession spark) {
        this.spark = spark;
    }

    /** This action, for the setters. */
    protected abstract A self();

    /** The output folder (local path or any Hadoop URL). */
    public A out(String folder) {
        this.out = SettingCheck.folder("--out", folder);
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

    private void checkPolicy() {
        if (overwrite && resume) {
            throw new UserError("--overwrite and --resume exclude each other: --resume continues a run, --overwrite starts it again");
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
        return overwrite ? OutputFolder.ExistingPolicy.OVERWRITE
                : resume ? OutputFolder.ExistingPolicy.RESUME : OutputFolder.ExistingPolicy.REFUSE;
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
