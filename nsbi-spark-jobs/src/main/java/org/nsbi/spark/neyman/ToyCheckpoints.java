package org.nsbi.spark.neyman;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.util.SerializableConfiguration;
import org.nsbi.model.UserError;
import org.nsbi.model.neyman.ToyBlockFile;
import org.nsbi.model.neyman.ToyBlockTask;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The finished blocks of a Neyman run, one file per (&mu; point, block of toys), kept on any Hadoop file
 * system beside the output until the run is complete. Executors write a block the moment it is done
 * (to a temporary name, then renamed, so a file is either whole or absent); a resumed run computes only
 * the blocks that have no file. The folder's {@code plan.txt} records what the blocks were computed for
 * (seed, streams, model, reference sample): blocks of another plan are never mixed in.
 *
 * <p>Blocks of a point known by its &mu; value ({@link ToyBlockTask#keyedByValue()}) are named by the value,
 * {@code blocks/mu=<mu>-toys<from>-<to>.bin}, and the point's own inputs (its true nuisance parameters) are kept
 * in {@code points/mu=<mu>.txt}. The grid and the number of toys are not part of the plan: a run with more
 * grid points or more toys per point reuses every block it shares with the earlier one
 * ({@link #finishedByPoint}) and computes only the rest.
 */
public final class ToyCheckpoints implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String PLAN = "plan.txt";

    private final String folder;
    private final SerializableConfiguration conf;
    private transient FileSystem fs;
    /** Completed once the folder holds the plan ({@link #openedLater}); null: it does. */
    private transient CompletableFuture<?> opened;

    private ToyCheckpoints(String folder, Configuration conf) {
        this.folder = folder;
        this.conf = new SerializableConfiguration(conf);
    }

    /**
     * Opens the checkpoint folder of a run: creates it with the plan, or checks that the plan it holds is
     * this one.
     *
     * @throws CheckpointMismatchException when the folder holds blocks of another plan
     */
    public static ToyCheckpoints open(String folder, String plan, Configuration conf) {
        ToyCheckpoints c = new ToyCheckpoints(folder, conf);
        c.open(plan);
        return c;
    }

    /**
     * The checkpoints of a fresh run in {@code folder}, which does not exist yet, to be opened with the plan later
     * ({@link #open(String)}) while the run's first toys are computed: a block is written only once {@code opened} has
     * completed (the plan is kept first, as {@link #open(String, String, Configuration)} keeps it), so the folder never
     * holds a block without its plan. For a local master, whose tasks are handed this object itself.
     */
    static ToyCheckpoints openedLater(String folder, Configuration conf, CompletableFuture<?> opened) {
        ToyCheckpoints c = new ToyCheckpoints(folder, conf);
        c.opened = opened;
        return c;
    }

    /** Whether {@code folder} exists (a run to resume) or not (a fresh run). */
    static boolean exists(String folder, Configuration conf) {
        try {
            Path p = new Path(folder);
            return p.getFileSystem(conf).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for the checkpoints at " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the folder with the plan, or checks that the plan it holds is this one.
     *
     * @throws CheckpointMismatchException when the folder holds blocks of another plan
     */
    void open(String plan) {
        try {
            FileSystem fs = fs();
            Path planFile = new Path(folder, PLAN);
            if (fs.exists(planFile)) {
                String stored = readText(planFile);
                if (!stored.equals(plan)) {
                    throw new CheckpointMismatchException("the checkpoints at " + folder + " were made for another run: "
                            + firstDifference(stored, plan) + "; resume with the same config, scored sample and --seed,"
                            + " or pass --overwrite to start again");
                }
            } else {
                fs.mkdirs(new Path(folder, "blocks"));
                writeAtomically(planFile, plan.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the checkpoints at " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the toys table of {@code plan} at {@code path} from the checkpoints, in plan order (blocks computed now
     * or before give the same bytes), and returns its rows.
     */
    public List<ToyOutcome> writeTable(org.apache.spark.sql.SparkSession spark, List<ToyBlockTask> plan, String path) {
        org.apache.spark.api.java.JavaSparkContext jsc =
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
        org.apache.spark.api.java.JavaRDD<org.apache.spark.sql.Row> rows = jsc.parallelize(plan,
                Math.min(plan.size(), jsc.defaultParallelism())).flatMap(task -> {
                    List<org.apache.spark.sql.Row> r = new java.util.ArrayList<>(task.toys());
                    for (ToyOutcome o : read(task)) {
                        r.add(ToysTable.toRow(o));
                    }
                    return r.iterator();
                });
        spark.createDataFrame(rows, ToysTable.SCHEMA).write().parquet(path);
        return ToysTable.read(spark, path);
    }

    /** The blocks of {@code plan} that already have a file. */
    public Set<ToyBlockTask> finished(List<ToyBlockTask> plan) {
        Set<String> names = blockNames();
        Set<ToyBlockTask> done = new HashSet<>();
        for (ToyBlockTask t : plan) {
            if (names.contains(fileName(t))) {
                done.add(t);
            }
        }
        return done;
    }

    /**
     * Records the inputs of each point of a grid (e.g. its true nuisance parameters), or checks them against those
     * recorded by an earlier run: a point's blocks are reused only for the same inputs.
     *
     * @throws CheckpointMismatchException when a point was computed with other inputs
     */
    public void admitPoints(double[] grid, List<String> inputs) {
        try {
            FileSystem fs = fs();
            for (int m = 0; m < grid.length; m++) {
                Path p = new Path(new Path(folder, "points"), "mu=" + ToyRandom.muText(grid[m]) + ".txt");
                String text = inputs.get(m) + "\n";
                if (fs.exists(p)) {
                    String stored = readText(p);
                    if (!stored.equals(text)) {
                        throw new CheckpointMismatchException("the checkpoints at " + folder + " hold toys at mu = "
                                + grid[m] + " made for other inputs: they have " + abbreviate(stored.strip())
                                + " where this run has " + abbreviate(text.strip()) + "; pass --overwrite to start again");
                    }
                } else {
                    fs.mkdirs(p.getParent());
                    writeAtomically(p, text.getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the grid points at " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * For each point of a grid (blocks keyed by &mu; value), its finished blocks: first toy &rarr; end, where two blocks
     * start at the same toy (runs with other block sizes) the longer one.
     */
    public List<NavigableMap<Integer, Integer>> finishedByPoint(double[] grid) {
        Map<String, NavigableMap<Integer, Integer>> byPoint = new HashMap<>(); // mu text -> from -> largest to
        for (String name : blockNames()) {
            Matcher x = KEYED.matcher(name);
            if (x.matches()) {
                byPoint.computeIfAbsent(x.group(1), k -> new TreeMap<>())
                        .merge(Integer.parseInt(x.group(2)), Integer.parseInt(x.group(3)), Math::max);
            }
        }
        List<NavigableMap<Integer, Integer>> points = new ArrayList<>();
        for (double mu : grid) {
            points.add(byPoint.getOrDefault(ToyRandom.muText(mu), new TreeMap<>()));
        }
        return points;
    }

    private Set<String> blockNames() {
        Set<String> names = new HashSet<>();
        try {
            for (FileStatus f : fs().listStatus(new Path(folder, "blocks"))) {
                names.add(f.getPath().getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the checkpoints at " + folder + ": " + e.getMessage(), e);
        }
        return names;
    }

    /**
     * Keeps a finished block (called on the executor that computed it; a retried task writes the same bytes) and
     * returns the bytes written.
     */
    public byte[] write(ToyBlockTask block, List<ToyOutcome> outcomes) {
        byte[] bytes = ToyBlockFile.encode(block, outcomes);
        awaitOpened();
        try {
            FileSystem f = blockFs();
            if (f instanceof RawLocalFileSystem local) {
                writeLocally(local.pathToFile(path(block)).toPath(), bytes);
            } else {
                writeAtomically(f, path(block), bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + path(block) + ": " + e.getMessage(), e);
        }
        return bytes;
    }

    /** Waits until the folder holds the plan ({@link #openedLater}); rethrows what kept it from being opened. */
    private void awaitOpened() {
        if (opened != null) {
            NeymanJob.joined(opened);
        }
    }

    /** A writer of one task's blocks on a thread of its own ({@link Writer}); close it when the task ends. */
    public Writer writer() {
        return writer(null);
    }

    /**
     * As {@link #writer()}; each block's bytes are also handed to {@code written} (null: nobody) on the writer's thread,
     * once its file is written.
     */
    public Writer writer(java.util.function.BiConsumer<ToyBlockTask, byte[]> written) {
        return new Writer(this, written);
    }

    /**
     * Writes a task's finished blocks on a thread of its own, in the order they are handed over, while the task goes on
     * with its next block: encoding and writing a block file took about 2 % of a task's CPU (JFR in
     * bench/pipeline-benchmark.sh), time the toys then wait on a task thread of a local[1] run. {@link #finish} waits for
     * every file and rethrows the first failure, so a task still ends only when its blocks are kept.
     */
    public static final class Writer implements AutoCloseable {
        private final ToyCheckpoints checkpoints;
        private final java.util.function.BiConsumer<ToyBlockTask, byte[]> written;
        private final java.util.concurrent.ExecutorService thread;
        private final List<scala.Tuple2<ToyBlockTask, java.util.concurrent.Future<byte[]>>> pending = new ArrayList<>();

        private Writer(ToyCheckpoints checkpoints, java.util.function.BiConsumer<ToyBlockTask, byte[]> written) {
            this.checkpoints = checkpoints;
            this.written = written;
            this.thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "nsbi-checkpoint-writer");
                t.setDaemon(true);
                return t;
            });
        }

        /** Hands over a finished block; its file is written behind the caller's back. */
        public void write(ToyBlockTask block, List<ToyOutcome> outcomes) {
            pending.add(new scala.Tuple2<>(block, thread.submit(() -> {
                byte[] bytes = checkpoints.write(block, outcomes);
                if (written != null) {
                    written.accept(block, bytes);
                }
                return bytes;
            })));
        }

        /**
         * Waits for every block handed over and returns each with the bytes written, in the order handed over.
         *
         * @throws UncheckedIOException (or whatever the write threw) for the first block that could not be written
         */
        public List<scala.Tuple2<ToyBlockTask, byte[]>> finish() {
            List<scala.Tuple2<ToyBlockTask, byte[]>> done = new ArrayList<>(pending.size());
            for (scala.Tuple2<ToyBlockTask, java.util.concurrent.Future<byte[]>> p : pending) {
                try {
                    done.add(new scala.Tuple2<>(p._1(), p._2().get()));
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("writing the checkpoint of " + p._1() + " failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the checkpoints of the task's blocks were written", e);
                }
            }
            return done;
        }

        /** Stops the thread (after {@link #finish}: it has nothing left; else what is left is not written). */
        @Override
        public void close() {
            thread.shutdownNow();
        }
    }

    /** A finished block, bit for bit as it was computed. */
    public List<ToyOutcome> read(ToyBlockTask block) {
        return ToyBlockFile.decode(block, bytes(block), path(block).toString());
    }

    /** The bytes of a finished block's file ({@link ToyBlockFile}). */
    public byte[] bytes(ToyBlockTask block) {
        Path p = path(block);
        try (InputStream in = fs().open(p)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + p + ": " + e.getMessage(), e);
        }
    }

    public String folder() {
        return folder;
    }

    static String fileName(ToyBlockTask t) {
        String point = t.keyedByValue() ? "mu=" + ToyRandom.muText(t.mu()) : "mu" + t.muIndex();
        return point + "-toys" + t.fromToy() + "-" + t.toToy() + ".bin";
    }

    private static final Pattern KEYED = Pattern.compile("mu=(-?[0-9.]+)-toys([0-9]+)-([0-9]+)\\.bin");

    private Path path(ToyBlockTask t) {
        return new Path(new Path(folder, "blocks"), fileName(t));
    }

    private FileSystem fs() throws IOException {
        if (fs == null) {
            fs = new Path(folder).getFileSystem(conf.value());
        }
        return fs;
    }

    /**
     * The file system the blocks are written with: on a local file system its raw form, without the {@code .crc} file
     * Hadoop's checksummed local file system writes (and renames) beside every file, which doubled the file operations of
     * a block (about 1 % of the tasks' CPU, measured by JFR in bench/pipeline-benchmark.sh). A block is read back whole
     * and checked when it is decoded ({@link ToyBlockFile}: magic, the block it holds, its length); reading a file
     * without a checksum file is what the checksummed system does anyway. HDFS keeps its own checksums. On a local file
     * system the blocks are then written through java.nio ({@link #writeLocally}).
     */
    private FileSystem blockFs() throws IOException {
        FileSystem f = fs();
        return f instanceof ChecksumFileSystem c ? c.getRawFileSystem() : f;
    }

    /**
     * A block file on a local file system, through java.nio: written under a temporary name in the same folder, then
     * renamed over the name (rename(2): a retried task's identical bytes replace the first attempt's). Hadoop's
     * create and rename of the same file cost about 3 times the CPU (50 ms against 15 ms for 400 blocks, without
     * the chmod processes {@link org.nsbi.spark.io.NioLocalFileSystem} removes, and 240 ms with them where a
     * Hadoop file system of another configuration was made first), measured in bench/pipeline-benchmark.sh.
     */
    private static void writeLocally(java.nio.file.Path target, byte[] bytes) throws IOException {
        java.nio.file.Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectories(target.getParent()); // as Hadoop's create does: an executor's own disk may not have it
        try {
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        writeAtomically(fs(), target, bytes);
    }

    private static void writeAtomically(FileSystem fs, Path target, byte[] bytes) throws IOException {
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
        try (OutputStream out = fs.create(tmp, false)) {
            out.write(bytes);
        }
        if (!fs.rename(tmp, target)) {
            // another attempt of the same task got there first; its bytes are the same
            fs.delete(tmp, false);
            if (!fs.exists(target)) {
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
        }
    }

    private String readText(Path p) throws IOException {
        try (InputStream in = fs().open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The first line in which two plans differ, for a message. */
    static String firstDifference(String stored, String plan) {
        String[] a = stored.split("\n");
        String[] b = plan.split("\n");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(nothing)";
            String y = i < b.length ? b[i] : "(nothing)";
            if (!x.equals(y)) {
                return "they have " + abbreviate(x) + " where this run has " + abbreviate(y);
            }
        }
        return "the plans differ";
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** Checkpoints of another run where this one would resume. */
    public static final class CheckpointMismatchException extends UserError {
        private static final long serialVersionUID = 1L;

        public CheckpointMismatchException(String message) {
            super(message);
        }
    }
}
