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

/**
 * An output folder that appears only when complete. Everything is written under a hidden staging
 * folder beside the target ({@code .<name>.staging-<id>}); {@link #commit()} renames it into place.
 * If the job fails, {@link #abandon()} removes the staging folder and the target is untouched.
 * Works on any Hadoop file system (local, {@code hdfs://}), where a rename within one folder is atomic.
 *
 * <p>A target that exists and is not empty is refused unless the caller allows overwriting:
 * a finished run is never replaced by accident.
 */
public final class OutputFolder {

    /** What to do when the target folder exists and holds something. */
    public enum ExistingPolicy { REFUSE, OVERWRITE }

    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private boolean done;

    private OutputFolder(FileSystem fs, Path target, Path staging) {
        this.fs = fs;
        this.target = target;
        this.staging = staging;
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
            }
            Path parent = target.getParent();
            if (parent != null && !fs.exists(parent)) {
                fs.mkdirs(parent);
            }
            Path staging = new Path(parent, "." + target.getName() + ".staging-" + UUID.randomUUID());
            if (!fs.mkdirs(staging)) {
                throw new OutputFolderException("cannot create the staging folder " + staging);
            }
            return new OutputFolder(fs, target, staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the output folder " + targetUri + ": " + e.getMessage(), e);
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

    /** Writes a small text file (CSV, JSON) into the staging folder. */
    public void writeText(String relative, String text) {
        writeBytes(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a small binary file (an ONNX network) into the staging folder. */
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the output into " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes the staging folder after a failure; the target is left as it was. Never throws. */
    public void abandon() {
        if (done) {
            return;
        }
        try {
            fs.delete(staging, true);
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: could not remove the staging folder " + staging + ": " + e.getMessage());
        }
        done = true;
    }

    /** A refused or failed output folder; the message says which folder and why. */
    public static final class OutputFolderException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public OutputFolderException(String message) {
            super(message);
        }
    }
}
