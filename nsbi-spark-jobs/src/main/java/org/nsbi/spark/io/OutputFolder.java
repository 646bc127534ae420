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
import org.nsbi.model.report.ReportFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output folder that appears only when complete. Everything is written under a hidden staging
 * folder beside the target ({@code .<name>.staging-<id>}); {@link #commit()} renames it into place.
 * If the job fails, {@link #abandon()} removes the staging folder and the target is untouched.
 * Works on any Hadoop file system (local, {@code hdfs://}), where a rename within one folder is atomic.
 *
 * <p>A target that exists and is not empty is refused unless the caller allows overwriting:
 * a finished run is never replaced by accident. Only a folder that holds the {@link #MARKER} file written at
 * commit (or a folder directly inside such an output, e.g. a run's {@code report/}) is ever replaced: any other
 * non-empty folder (a user's files) is refused whatever the policy.
 *
 * <p>Long jobs keep what they have finished in a checkpoint folder beside the target
 * ({@code .<name>.checkpoint}), which survives a failed or killed run and is removed by {@link #commit()}.
 * A new run refuses to start over it unless told to {@link ExistingPolicy#RESUME} (reuse it) or
 * {@link ExistingPolicy#OVERWRITE} (discard it).
 */
public final class OutputFolder implements ReportFiles {

    private static final Logger LOG = LoggerFactory.getLogger(OutputFolder.class);

    /** What to do when the target folder exists and holds something. */
    public enum ExistingPolicy {
        /** Refuse a target that holds a run, and checkpoints of an interrupted one. */
        REFUSE,
        /** Replace the target at commit; discard any checkpoints. */
        OVERWRITE,
        /** Complete an interrupted run from its checkpoints (or start one if there are none); refuse a finished run. */
        RESUME,
        /**
         * Extend a finished run (more toys, more grid points): what it holds is read ({@link #extendedPath}) and reused,
         * checkpoints of an interrupted extension too; the target is replaced at commit. A folder without a run starts one.
         */
        EXTEND
    }

    /** The file every committed output holds: what lets {@code --overwrite} tell an nsbi output from a user's folder. */
    public static final String MARKER = "nsbi-output.json";

    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private final Path checkpoints;
    private final boolean extending;
    private boolean done;
    private String marker = "{\"nsbi_output\": true}\n";

    private OutputFolder(FileSystem fs, Path target, Path staging, Path checkpoints, boolean extending) {
        this.fs = fs;
        this.target = target;
        this.staging = staging;
        this.checkpoints = checkpoints;
        this.extending = extending;
    }

    /**
     * The refusals of {@link #create} without touching anything: a command calls it first, so that a taken output
     * folder is reported before any other work.
     *
     * @throws OutputFolderException when the target is a file, a folder that is not an nsbi output, an nsbi output
     *                               under REFUSE, a finished run under RESUME, or when checkpoints of an interrupted
     *                               run lie beside it under REFUSE
     */
    public static void check(String targetUri, ExistingPolicy policy, Configuration hadoopConf) {
        try {
            check(Place.of(targetUri, hadoopConf), policy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the output folder " + targetUri + ": " + e.getMessage(), e);
        }
    }

    private static void check(Place place, ExistingPolicy policy) throws IOException {
        FileSystem fs = place.fs();
        Path target = place.target();
        Path parent = target.getParent();
        Path checkpoints = place.checkpoints();
        boolean interrupted = place.interrupted();
        if (fs.exists(target)) {
            FileStatus status = fs.getFileStatus(target);
            if (!status.isDirectory()) {
                throw new OutputFolderException("output " + shown(target) + " is a file; expected a folder to write the run into");
            }
            FileStatus[] content = fs.listStatus(target, OutputFolder::notChecksum);
            if (content.length > 0) {
                if (!fs.exists(new Path(target, MARKER)) && (parent == null || !fs.exists(new Path(parent, MARKER)))) {
                    throw new OutputFolderException("output folder " + shown(target) + " exists and is not an nsbi output: it holds "
                            + describe(content) + " and no " + MARKER + " marker. nsbi replaces only folders it wrote"
                            + " itself, even with --overwrite; choose a new or empty --out, or move those files away");
                }
                if (policy == ExistingPolicy.REFUSE) {
                    throw new OutputFolderException("output folder " + shown(target) + " holds an earlier nsbi output ("
                            + describe(content) + "); choose another --out, or pass --overwrite to replace it");
                }
                if (policy == ExistingPolicy.RESUME && !interrupted) {
                    throw new OutputFolderException("output folder " + shown(target) + " holds a finished run and there are no"
                            + " checkpoints of an interrupted one at " + shown(checkpoints) + "; nothing to resume (pass"
                            + " --overwrite to run it again)");
                }
            }
        }
        if (interrupted && policy == ExistingPolicy.REFUSE) {
            throw new OutputFolderException("an interrupted run left its checkpoints at " + shown(checkpoints)
                    + "; pass --resume to complete it, or --overwrite to start again");
        }
    }

    /**
     * Checks the target and creates the staging folder.
     *
     * @throws OutputFolderException when the target exists, is not empty and the policy is REFUSE,
     *                               or when it is a file
     */
    public static OutputFolder create(String targetUri, ExistingPolicy policy, Configuration hadoopConf) {
        try {
            Place place = Place.of(targetUri, hadoopConf);
            check(place, policy);
            FileSystem fs = place.fs();
            Path target = place.target();
            Path parent = target.getParent();
            Path checkpoints = place.checkpoints();
            boolean interrupted = place.interrupted();
            if (fs.exists(checkpoints) && !interrupted) {
                // left by a run that was refused or failed before it finished anything: nothing to resume
                fs.delete(checkpoints, true);
            }
            if (interrupted && policy == ExistingPolicy.OVERWRITE && !fs.delete(checkpoints, true)) {
                throw new OutputFolderException("cannot remove the checkpoints " + shown(checkpoints) + " of an earlier run");
            }
            if (parent != null && !fs.exists(parent)) {
                fs.mkdirs(parent);
            }
            if (policy == ExistingPolicy.RESUME || policy == ExistingPolicy.EXTEND) {
                removeStaleStaging(fs, parent, target.getName());
            }
            Path staging = new Path(parent, "." + target.getName() + ".staging-" + UUID.randomUUID());
            if (!fs.mkdirs(staging)) {
                throw new OutputFolderException("cannot create a hidden staging folder beside " + shown(target));
            }
            ShownPaths.open(fs.makeQualified(staging), target);
            return new OutputFolder(fs, target, staging, checkpoints,
                    policy == ExistingPolicy.EXTEND && fs.exists(new Path(target, MARKER)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the output folder " + targetUri + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a checkpoint folder holds finished work: any file but the plan it records ({@code plan.txt}) and
     * hidden files (temporary names, checksums).
     */
    private static boolean holdsWork(FileSystem fs, Path folder) throws IOException {
        org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = fs.listFiles(folder, true);
        while (files.hasNext()) {
            String name = files.next().getPath().getName();
            if (!name.startsWith(".") && !name.equals("plan.txt")) {
                return true;
            }
        }
        return false;
    }

    /** Hadoop's local file system keeps a hidden {@code .<name>.crc} beside each file it writes; not content. */
    private static boolean notChecksum(Path p) {
        return !(p.getName().startsWith(".") && p.getName().endsWith(".crc"));
    }

    /** What a folder holds, for a message: counts of files and folders and the first few names. */
    private static String describe(FileStatus[] content) {
        long files = java.util.Arrays.stream(content).filter(FileStatus::isFile).count();
        long folders = content.length - files;
        java.util.List<String> names = java.util.Arrays.stream(content)
                .map(f -> f.getPath().getName() + (f.isDirectory() ? "/" : "")).sorted().toList();
        String shown = String.join(", ", names.subList(0, Math.min(5, names.size())))
                + (names.size() > 5 ? ", ..." : "");
        return files + (files == 1 ? " file" : " files") + " and " + folders + (folders == 1 ? " folder" : " folders")
                + ": " + shown;
    }

    /** Where an output goes: its file system, the qualified target, its checkpoint folder and whether that holds work. */
    private record Place(FileSystem fs, Path target, Path checkpoints, boolean interrupted) {
        static Place of(String targetUri, Configuration conf) throws IOException {
            Path given = new Path(targetUri);
            FileSystem fs = given.getFileSystem(conf);
            Path target = fs.makeQualified(given);
            if (target.getName().contains(":")) {
                // the hidden folders beside it (".<name>.checkpoint", ".<name>.staging-...") would read as URIs
                throw new OutputFolderException("the output folder " + targetUri + " has a ':' in its name ('"
                        + target.getName() + "'): Hadoop reads a name with ':' as a URI scheme; expected a folder name"
                        + " without ':'");
            }
            Path checkpoints = new Path(target.getParent(), "." + target.getName() + ".checkpoint");
            return new Place(fs, target, checkpoints, fs.exists(checkpoints) && holdsWork(fs, checkpoints));
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

    /**
     * A path as a user would type it: a plain path on the local file system, the full URL elsewhere, a path in an open
     * staging folder at its final place ({@link ShownPaths}).
     */
    public static String shown(Path p) {
        return ShownPaths.of(p);
    }

    /** The final location as a user would type it (for messages). */
    public String shownTarget() {
        return shown(target);
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

    /**
     * A path inside the finished output this run extends ({@link ExistingPolicy#EXTEND}), to read before it is replaced;
     * null when this run extends nothing.
     */
    public String extendedPath(String relative) {
        return extending ? new Path(target, relative).toString() : null;
    }

    /** A path inside the checkpoint folder, kept across failed runs until a run commits. */
    public String checkpointPath(String relative) {
        return new Path(checkpoints, relative).toString();
    }

    /** Removes a part written into the staging folder, for a stage that is done again (e.g. on a refined grid). */
    public void discard(String relative) {
        try {
            fs.delete(new Path(staging, relative), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + relative + " from " + shown(staging) + ": " + e.getMessage(), e);
        }
    }

    /** Writes a small text file (CSV, JSON) into the staging folder. */
    public void writeText(String relative, String text) {
        writeBytes(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a small binary file (an image, an ONNX network) into the staging folder. */
    @Override
    public void writeBytes(String relative, byte[] bytes) {
        try (OutputStream out = fs.create(new Path(staging, relative), true)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + shown(new Path(staging, relative)) + ": " + e.getMessage(), e);
        }
    }

    /** Sets what the marker file says about the output (a JSON object); written at {@link #commit()}. */
    public void mark(String json) {
        this.marker = json;
    }

    /**
     * Writes the marker and moves the complete output into place, replacing an existing target (an nsbi output,
     * allowed by the policy checked at create).
     */
    public void commit() {
        try {
            writeText(MARKER, marker);
            if (fs.exists(target) && !fs.delete(target, true)) {
                throw new OutputFolderException("cannot remove the previous content of " + shown(target));
            }
            if (!fs.rename(staging, target)) {
                throw new OutputFolderException("cannot move the finished output from its hidden staging folder into "
                        + shown(target));
            }
            done = true;
            ShownPaths.closed(fs.makeQualified(staging));
            if (fs.exists(checkpoints) && !fs.delete(checkpoints, true)) {
                LOG.warn("could not remove the checkpoints {} of the finished run", shown(checkpoints));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the output into " + shown(target) + ": " + e.getMessage(), e);
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
            LOG.warn("could not remove the hidden staging folder beside {}: {}", shown(target), e.getMessage());
        }
        ShownPaths.closed(fs.makeQualified(staging));
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
