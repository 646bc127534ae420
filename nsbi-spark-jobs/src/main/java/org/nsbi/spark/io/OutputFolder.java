package org.nsbi.spark.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nsbi.model.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output folder that appears only when complete. Everything is written under a hidden staging
 * folder beside the target ({@code .<name>.staging-<id>}); {@link #commit()} renames it into place.
 * If the job fails, {@link #abandon()} removes the staging folder and the target is untouched.
 * Works on any Hadoop file system (local, {@code hdfs://}), where a rename within one folder is atomic.
 *
 * <p>A target that exists and is not empty is refused unless the caller allows overwriting:
 * a finished run is never replaced by accident.
 *
 * <p>Long jobs keep what they have finished in a checkpoint folder beside the target
 * ({@code .<name>.checkpoint}), which survives a failed or killed run and is removed by {@link #commit()}.
 * A new run refuses to start over it unless told to {@link ExistingPolicy#RESUME} (reuse it) or
 * {@link ExistingPolicy#OVERWRITE} (discard it).
 */
public final class OutputFolder {

    private static final Logger LOG = LoggerFactory.getLogger(OutputFolder.class);

    /** What to do when the target folder exists and holds something. */
    public enum ExistingPolicy {
        /** Refuse a target that holds a run, and checkpoints of an interrupted one. */
        REFUSE,
        /** Replace the target at commit; discard any checkpoints. */
        OVERWRITE,
        /** Complete an interrupted run from its checkpoints (or start one if there are none); refuse a finished run. */
        RESUME
    }

    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private final Path checkpoints;
    private boolean done;

    private OutputFolder(FileSystem fs, Path target, Path staging, Path checkpoints) {
        this.fs = fs;
        this.target = target;
        this.staging = staging;
        this.checkpoints = checkpoints;
    }

    /**
     * Checks the target and creates the staging folder.
     *
     * @throws OutputFolderException when the target exists, is not empty and the policy is REFUSE,
     *                               or when it is a file
     */
    public static OutputFolder create(String targetUri, ExistingPolicy policy, Configuration hadoopConf) {
        try {
            Path target = new Path(targetUri);
            FileSystem fs = target.getFileSystem(hadoopConf);
            target = fs.makeQualified(target);
            Path parent = target.getParent();
            Path checkpoints = new Path(parent, "." + target.getName() + ".checkpoint");
            boolean interrupted = fs.exists(checkpoints);
            if (fs.exists(target)) {
                FileStatus status = fs.getFileStatus(target);
                if (!status.isDirectory()) {
                    throw new OutputFolderException("output " + target + " is a file; expected a folder to write the run into");
                }
                FileStatus[] content = fs.listStatus(target);
                if (content.length > 0 && policy == ExistingPolicy.REFUSE) {
                    throw new OutputFolderException("output folder " + target + " exists and holds another run ("
                            + content.length + " entries, e.g. " + content[0].getPath().getName()
                            + "); choose another --out, or pass --overwrite to replace it");
                }
                if (content.length > 0 && policy == ExistingPolicy.RESUME && !interrupted) {
                    throw new OutputFolderException("output folder " + target + " holds a finished run and there are no"
                            + " checkpoints of an interrupted one at " + checkpoints + "; nothing to resume (pass"
                            + " --overwrite to run it again)");
                }
            }
            if (interrupted && policy == ExistingPolicy.REFUSE) {
                throw new OutputFolderException("an interrupted run left its checkpoints at " + checkpoints
                        + "; pass --resume to complete it, or --overwrite to start again");
            }
            if (interrupted && policy == ExistingPolicy.OVERWRITE && !fs.delete(checkpoints, true)) {
                throw new OutputFolderException("cannot remove the checkpoints " + checkpoints + " of an earlier run");
            }
            if (parent != null && !fs.exists(parent)) {
                fs.mkdirs(parent);
            }
            if (policy == ExistingPolicy.RESUME) {
                removeStaleStaging(fs, parent, target.getName());
            }
            Path staging = new Path(parent, "." + target.getName() + ".staging-" + UUID.randomUUID());
            if (!fs.mkdirs(staging)) {
                throw new OutputFolderException("cannot create the staging folder " + staging);
            }
            return new OutputFolder(fs, target, staging, checkpoints);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the output folder " + targetUri + ": " + e.getMessage(), e);
        }
    }

    /** The staging folders that a killed run of the same target left behind (a resumed run is their only owner). */
    private static void removeStaleStaging(FileSystem fs, Path parent, String name) throws IOException {
        for (FileStatus f : fs.listStatus(parent)) {
            if (f.getPath().getName().startsWith("." + name + ".staging-")) {
                fs.delete(f.getPath(), true);
            }
        }
    }

    /** The final location (for messages). */
    public Path target() {
        return target;
    }

    /** The staging folder itself (for a later stage that reads what an earlier one wrote). */
    public String stagingRoot() {
        return staging.toString();
    }

    /** A path inside the staging folder, where a part of the output is written. */
    public String stagingPath(String relative) {
        return new Path(staging, relative).toString();
    }

    /** A path inside the checkpoint folder, kept across failed runs until a run commits. */
    public String checkpointPath(String relative) {
        return new Path(checkpoints, relative).toString();
    }

    /** Writes a small text file (CSV, JSON) into the staging folder. */
    public void writeText(String relative, String text) {
        writeBytes(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a small binary file (an image, an ONNX network) into the staging folder. */
    public void writeBytes(String relative, byte[] bytes) {
        try (OutputStream out = fs.create(new Path(staging, relative), true)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + relative + " into " + staging + ": " + e.getMessage(), e);
        }
    }

    /** Moves the complete output into place, replacing an existing target (allowed by the policy checked at create). */
    public void commit() {
        try {
            if (fs.exists(target) && !fs.delete(target, true)) {
                throw new OutputFolderException("cannot remove the previous content of " + target);
            }
            if (!fs.rename(staging, target)) {
                throw new OutputFolderException("cannot move " + staging + " to " + target);
            }
            done = true;
            if (fs.exists(checkpoints) && !fs.delete(checkpoints, true)) {
                LOG.warn("could not remove the checkpoints {} of the finished run", checkpoints);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the output into " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes the staging folder after a failure; the target and the checkpoints are left as they were. Never throws. */
    public void abandon() {
        if (done) {
            return;
        }
        try {
            fs.delete(staging, true);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remove the staging folder {}: {}", staging, e.getMessage());
        }
        done = true;
    }

    /** A refused or failed output folder; the message says which folder and why. */
    public static final class OutputFolderException extends UserError {
        private static final long serialVersionUID = 1L;

        public OutputFolderException(String message) {
            super(message);
        }
    }
}
