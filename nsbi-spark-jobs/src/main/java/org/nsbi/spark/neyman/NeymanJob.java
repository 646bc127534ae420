package org.nsbi.spark.neyman;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.neyman.NeymanPlan;
import org.nsbi.model.neyman.ToyBlockFile;
import org.nsbi.model.neyman.ToyBlockTask;
import org.nsbi.model.neyman.ToyRounds;
import org.nsbi.model.neyman.ToyWorkload;
import org.nsbi.model.neyman.WarmUpGate;
import org.nsbi.model.output.AsimovClosure;
import org.nsbi.model.output.CriticalValuesFit;
import org.nsbi.model.output.FailedFits;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.StageTime;
import org.nsbi.model.progress.ProgressLine;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.progress.TaskProgressListener;
import org.nsbi.spark.session.SharedValue;
import org.nsbi.stats.adaptive.SmoothCriticalValues;
import org.nsbi.stats.adaptive.ToySchedule;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.ToyBlockRunner;
import org.nsbi.stats.toys.ToyOutcome;
import scala.Tuple2;

/**
 * The Neyman construction on Spark: for every &mu; of the grid, {@code toysPerPoint} pseudo-experiments
 * drawn by the Poisson bootstrap from the scored reference sample and fitted twice each, spread over
 * the cluster as (&mu; point, block of toys) tasks. The model and reference sample reach each executor
 * once ({@link SharedValue}: a broadcast, or on a local master the object itself); each toy's random stream is keyed by (seed, &mu; value, toy index), so the toys
 * table does not depend on the number of executors or partitions, nor on the other points of the grid. Writes {@code toys/} (Parquet),
 * {@code belts.csv} and {@code belts/} (Parquet); the statistics are nsbi-stats', Spark only
 * distributes the blocks and gathers the outcomes.
 */
public final class NeymanJob {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NeymanJob.class);

    /**
     * The settings of one construction.
     *
     * @param partitions Spark partitions for the toy blocks (0: guided, shrinking towards the end, {@link #partitions}; one with a single core); the toys do not depend on it
     * @param purpose    the random streams' purpose: "toy" for a belt, "coverage" for independent experiments
     */
    public record Settings(double[] muGrid, int toysPerPoint, int toysPerBlock, List<Double> confidenceLevels,
                           long seed, double[][] alphaTrue, double maxFailedFraction, int partitions, String purpose) {

        /** Settings of a belt's toys (purpose "toy"). */
        public Settings(double[] muGrid, int toysPerPoint, int toysPerBlock, List<Double> confidenceLevels, long seed,
                        double[][] alphaTrue, double maxFailedFraction, int partitions) {
            this(muGrid, toysPerPoint, toysPerBlock, confidenceLevels, seed, alphaTrue, maxFailedFraction, partitions, "toy");
        }

        public Settings {
            muGrid = ToyRandom.canonical(muGrid);
            if (muGrid.length == 0) {
                throw new IllegalArgumentException("the mu grid is empty; expected at least one point");
            }
            if (toysPerPoint < 1) {
                throw new UserError("toys per point = " + toysPerPoint + "; expected at least 1");
            }
            if (alphaTrue.length != muGrid.length) {
                throw new IllegalArgumentException(alphaTrue.length + " nuisance truths for " + muGrid.length + " grid points");
            }
            if (!(maxFailedFraction >= 0 && maxFailedFraction <= 1)) {
                throw new UserError("--max-failed-fraction = " + maxFailedFraction
                        + "; expected a fraction in [0, 1]");
            }
        }
    }

    /**
     * The belt, the toys it was built from, and figures for the summary.
     *
     * @param toys          toys of the run
     * @param toySeconds    wall time of the toys
     * @param toysComputed  toys computed now (the rest came from checkpoints)
     * @param asimovClosure the Asimov closure per grid point
     * @param failedFits    the failed fits per grid point
     * @param smooth        the smooth critical values the belt uses, null for the per-point order statistics
     */
    public record Result(Belt belt, List<ToyOutcome> outcomes, long toys, double toySeconds, long toysComputed,
                         List<AsimovClosure> asimovClosure, List<FailedFits> failedFits, SmoothCriticalValues smooth,
                         List<StageTime> stages) {

        public double toysPerSecond() {
            return toysComputed / toySeconds;
        }
    }

    /**
     * The toys a cold JVM on a local master runs one task at a time before its other task threads join
     * ({@link WarmUpGate}), unless {@value #WARM_UP_SETTING} says otherwise: measured with
     * {@code bench/neyman-command-scaling.sh} (README).
     */
    public static final long WARM_UP_TOYS = 2000;

    /** The Spark setting for {@link #WARM_UP_TOYS}. */
    public static final String WARM_UP_SETTING = "spark.nsbi.warmUpToys";

    /** The file of the smooth critical values' fit in a run folder. */
    public static final String CRITICAL_VALUES = "critical-values.json";

    private NeymanJob() {
    }

    public static Result run(SparkSession spark, MixtureModel model, EventTable reference, Settings s, OutputFolder out) {
        return run(spark, model, reference, s, ToySchedule.uniform(s.toysPerPoint()), out);
    }

    /**
     * The construction with toys in rounds: round r brings each point that {@code rounds} keeps going from n_r to
     * n_(r+1) toys, drawn from the same keyed streams (toy i at &mu; is the same toy in any round, run or grid), so a
     * run extended later equals one that asked for the final counts from the start. Every block is checkpointed per
     * (&mu; value, round, block); a resumed run re-reads what it has and takes the same decisions on the same toys.
     */
    public static Result run(SparkSession spark, MixtureModel model, EventTable reference, Settings s, ToySchedule rounds,
                             OutputFolder out) {
        return run(spark, model, reference, s, rounds, null, out);
    }

    /**
     * As {@link #run(SparkSession, MixtureModel, EventTable, Settings, ToySchedule, OutputFolder)}; with a {@code smooth}
     * form (null: none), the belt's critical values are fitted across the grid at each level ({@link SmoothCriticalValues},
     * quantile regression over the toys of several points) and the fit, the per-point values and the held-out check are written to
     * {@code critical-values.json}.
     */
    public static Result run(SparkSession spark, MixtureModel model, EventTable reference, Settings s, ToySchedule rounds,
                             SmoothCriticalValues.Form smooth, OutputFolder out) {
        return run(spark, model, ToyReference.whole(reference, null), s, rounds, smooth, out);
    }

    /**
     * The construction on a reference sample held here (toys from a broadcast copy) or kept in blocks on the
     * executors (toys drawn block by block, {@link DistributedToys}); checkpoints, rounds and resume work the same way
     * on both paths, and the plan names the path.
     */
    public static Result run(SparkSession spark, MixtureModel model, ToyReference reference, Settings s, ToySchedule rounds,
                             SmoothCriticalValues.Form smooth, OutputFolder out) {
        double[] grid = s.muGrid();
        for (double mu : grid) {
            if (mu < model.muMin() || mu > model.muMax()) {
                throw new UserError("mu grid point " + mu + " is outside the allowed range ["
                        + model.muMin() + ", " + model.muMax() + "] of " + model.poi());
            }
        }
        StageTime.Clock clock = new StageTime.Clock();
        ToyWorkload workload = reference.table() == null ? null
                : prepared(spark, new ToyWorkload(model, reference.table(), grid, s.alphaTrue()));
        // on the distributed path a Spark job, run here; with the reference held here on a cluster, started with the toys
        // (below); on a local master read off the toys' own Asimov weights after them (ToyWorkload#asimovClosures)
        CompletableFuture<List<AsimovClosure>> closure = reference.table() == null ? closure(model, reference, grid,
                s.alphaTrue()) : null;
        boolean closureFromToys = workload != null && spark.sparkContext().isLocal();
        String table = "toy".equals(s.purpose()) ? "toys" : "experiments";
        List<String> pointInputs = NeymanPlan.pointInputs(grid, s.alphaTrue());
        String folder = out.checkpointPath(table);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        CompletableFuture<String> plan;
        ToyCheckpoints checkpoints;
        List<NavigableMap<Integer, Integer>> finished;
        if (closureFromToys && out.extendedPath(table) == null && !ToyCheckpoints.exists(folder, hadoop)) {
            // a fresh run on a local master: nothing to resume, so the plan (a pass over the reference for its hash) is
            // made and kept on a thread of its own while the first toys run; their blocks are written once it is kept
            CompletableFuture<String> kept = new CompletableFuture<>();
            checkpoints = ToyCheckpoints.openedLater(folder, hadoop, kept);
            plan = kept;
            onThreadOfItsOwn("nsbi-neyman-plan", () -> {
                try {
                    String p = plan(s, model, reference, false);
                    checkpoints.open(p);
                    checkpoints.admitPoints(grid, pointInputs);
                    kept.complete(p);
                } catch (RuntimeException | Error e) {
                    kept.completeExceptionally(e);
                }
                return null;
            });
            finished = new ArrayList<>();
            for (int m = 0; m < grid.length; m++) {
                finished.add(new TreeMap<>());
            }
        } else {
            String p = plan(s, model, reference, true);
            plan = CompletableFuture.completedFuture(p);
            checkpoints = ToyCheckpoints.open(folder, p, hadoop);
            checkpoints.admitPoints(grid, pointInputs);
            CommittedToys.importInto(spark, out, table, p, grid, pointInputs, checkpoints);
            finished = checkpoints.finishedByPoint(grid);
        }
        int[] target = rounds.first(grid.length);
        clock.end(StageTime.Stage.NEYMAN_SETUP);
        if (closure == null && !closureFromToys) {
            closure = closure(model, reference, grid, s.alphaTrue());
        }
        long start = System.nanoTime();
        long computed = 0;
        ToyRounds.Cover cover = ToyRounds.cover(finished, target, grid, s.toysPerBlock());
        reportResume(checkpoints, cover, target);
        Map<ToyBlockTask, byte[]> blocks = new HashMap<>(); // the checkpoint bytes of the blocks the driver has
        ToysTableStream stream = streamed(spark, reference, rounds, cover, target, out.stagingPath(table));
        List<ToyOutcome> outcomes;
        CompletableFuture<MadeBelt> made;
        try {
            while (true) {
                computed += cover.missingToys();
                if (!cover.missing().isEmpty() && reference.table() != null) {
                    blocks.putAll(computeBlocks(spark, workload, s, cover.missing(), checkpoints, stream));
                } else if (!cover.missing().isEmpty()) {
                    blocks.putAll(DistributedToys.checkpointed(reference.blocks(), cover.missing(), s.alphaTrue(), s.seed(),
                            s.purpose(), s.partitions(), checkpoints, ProgressLine.onStderr("neyman", "toys", cover.missingToys())));
                }
                if (rounds.singleRound()) {
                    break;
                }
                int[] next = rounds.next(grid, gather(spark, checkpoints, cover.blocks(), target, blocks), target);
                if (Arrays.equals(next, target)) {
                    break;
                }
                target = next;
                cover = ToyRounds.cover(finished, target, grid, s.toysPerBlock());
            }
            joined(plan); // kept before any block was written; a failure to keep it is this run's error
        // the table is gathered from the checkpoints' bytes in plan order: computed now or before, the same bytes (a
            // stream that has every block decoded them so as they came in)
            boolean streamed = stream != null && stream.complete();
            outcomes = streamed ? stream.outcomes() : gather(spark, checkpoints, cover.blocks(), target, blocks);
            clock.end(StageTime.Stage.TOYS);
            // the belts are made and written on a thread of their own beside the toys table: the same outcomes, other files
            List<ToyOutcome> all = outcomes;
            made = onThreadOfItsOwn("nsbi-neyman-belts", () -> belt(spark, grid, all, s, smooth, joined(plan), pointInputs, out));
            if (!(streamed && stream.finish())) { // a streamed table needs only its footer
                ToysTable.write(spark, outcomes, out.stagingPath(table));
            }
        } finally {
            if (stream != null) {
                stream.close();
            }
        }
        double toySeconds = (System.nanoTime() - start) / 1e9;
        clock.end(StageTime.Stage.TOYS_TABLE);
        Belt belt = joined(made).belt();
        SmoothCriticalValues fitted = joined(made).fitted();

        List<FailedFits> failed = failedFits(belt, outcomes, s);
        requireFewFailures(failed, s, checkpoints.folder());
        long total = 0;
        for (int n : target) {
            total += n;
        }
        List<AsimovClosure> asimov = closureFromToys ? workload.asimovClosures() : joined(closure);
        clock.end(StageTime.Stage.BELTS);
        return new Result(belt, outcomes, total, toySeconds, computed, asimov, failed, fitted, clock.times());
    }

    /**
     * The run's plan: purpose, seed, model, this job's code and the reference's lines ({@code parallel}: its hash on the
     * common pool's threads besides this one, for a plan made while nothing else runs).
     */
    private static String plan(Settings s, MixtureModel model, ToyReference reference, boolean parallel) {
        return NeymanPlan.describe(s.purpose(), s.seed(), model, NeymanPlan.code(NeymanJob.class),
                reference.planLines(model, parallel));
    }

    /**
     * The toys table written while the toys run ({@link ToysTableStream}), where the tasks run in this JVM and compute
     * every block of the table in one round (a local master, the reference sample held here, one round, nothing
     * resumed); else null, and the table is written after the toys.
     */
    static ToysTableStream streamed(SparkSession spark, ToyReference reference, ToySchedule rounds, ToyRounds.Cover cover,
                                    int[] target, String path) {
        boolean all = !cover.blocks().isEmpty() && cover.missing().size() == cover.blocks().size();
        return spark.sparkContext().isLocal() && reference.table() != null && rounds.singleRound() && all
                ? new ToysTableStream(cover.blocks(), target, path, spark.sparkContext().hadoopConfiguration()) : null;
    }

    /** A belt and the smooth fit it was read from (null for the per-point order statistics). */
    private record MadeBelt(Belt belt, SmoothCriticalValues fitted) {
    }

    /**
     * The belt of the toys: per point, or from the smooth critical values' fit (written to {@value #CRITICAL_VALUES});
     * a belt's run ("toy" purpose) also writes belts.csv, belts/ and the plan of its toys.
     */
    private static MadeBelt belt(SparkSession spark, double[] grid, List<ToyOutcome> outcomes, Settings s,
                                 SmoothCriticalValues.Form smooth, String plan, List<String> pointInputs, OutputFolder out) {
        Belt belt = Belt.build(grid, outcomes, s.confidenceLevels());
        SmoothCriticalValues fitted = null;
        if (smooth != null) {
            fitted = SmoothCriticalValues.fit(grid, outcomes, s.confidenceLevels(), smooth);
            out.writeText(CRITICAL_VALUES, Json.write(CriticalValuesFit.of(fitted, belt)));
            for (String w : fitted.warnings()) {
                LOG.warn(w);
            }
            belt = fitted.belt(grid, outcomes, s.confidenceLevels());
        }
        if ("toy".equals(s.purpose())) {
            writeBelts(spark, belt, out);
            out.writeText(CommittedToys.PLAN_FILE, CommittedToys.text(plan, grid, pointInputs));
        }
        return new MadeBelt(belt, fitted);
    }

    /** {@code work} on a daemon thread of its own named {@code name}, which ends with it. */
    private static <T> CompletableFuture<T> onThreadOfItsOwn(String name, java.util.function.Supplier<T> work) {
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try {
            return CompletableFuture.supplyAsync(work, thread);
        } finally {
            thread.shutdown(); // the thread ends when the work is done
        }
    }

    /**
     * The Asimov closure at each grid point. Only the summary needs it, so on a reference sample held in the driver of a
     * cluster it is computed on a thread of its own beside the toys, not before them in the driver's critical path (a
     * pass over the reference sample per grid point: 17 points of 10&#8310; events, about 0.2 s), and started with the
     * toys, so that during the set-up the second core builds the toys' workload ({@link #prepared}); on a local master
     * it is not computed here at all: the tasks' samplers computed the same weights in this JVM
     * ({@link ToyWorkload#asimovClosures}). On the distributed path it is a Spark job, run here.
     */
    private static CompletableFuture<List<AsimovClosure>> closure(MixtureModel model, ToyReference reference, double[] grid,
                                                                  double[][] alphaTrue) {
        if (reference.table() == null) {
            return CompletableFuture.completedFuture(reference.closure(model, grid, alphaTrue));
        }
        return onThreadOfItsOwn("nsbi-neyman-asimov-closure", () -> reference.closure(model, grid, alphaTrue));
    }

    /**
     * The toys' workload; on a local master, where the tasks are handed this very object ({@link SharedValue}), its fit
     * and the sampler of the first grid point (a fresh run's first block) are built on a thread of their own while the
     * driver hashes the reference for the plan and opens the checkpoints, instead of in the first task (about 25 ms for
     * 10&#8310; reference events: a pass for the Asimov weights and the alias table). A task that needs them sooner
     * waits for them (the workload's methods are synchronized); one that fails to build them is left to the task, which
     * builds them again and reports the error.
     */
    private static ToyWorkload prepared(SparkSession spark, ToyWorkload workload) {
        if (spark.sparkContext().isLocal()) {
            Thread t = new Thread(() -> {
                try {
                    workload.fit();
                    workload.sampler(0);
                } catch (RuntimeException e) {
                    LOG.debug("neyman: preparing the toys' workload failed; the first task builds it again", e);
                }
            }, "nsbi-neyman-workload");
            t.setDaemon(true);
            t.start();
        }
        return workload;
    }

    /** The value of a future, its failure rethrown as it was thrown. */
    static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static void reportResume(ToyCheckpoints checkpoints, ToyRounds.Cover cover, int[] target) {
        long want = 0;
        for (int n : target) {
            want += n;
        }
        long have = want - cover.missingToys();
        if (have > 0) {
            LOG.info("neyman: resuming from {}: {} of {} toys of the first round already done",
                    org.nsbi.spark.io.ShownPaths.of(checkpoints.folder()), have, want);
        }
    }

    /**
     * The outcomes of {@code blocks} in plan order, toys beyond each point's target left out. Blocks the driver does not
     * have yet (computed by an earlier run) are read from the checkpoints on the cluster and kept in {@code have}.
     */
    private static List<ToyOutcome> gather(SparkSession spark, ToyCheckpoints checkpoints, List<ToyBlockTask> blocks,
                                           int[] target, Map<ToyBlockTask, byte[]> have) {
        List<ToyBlockTask> missing = blocks.stream().filter(b -> !have.containsKey(b)).toList();
        if (!missing.isEmpty()) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            List<Tuple2<ToyBlockTask, byte[]>> read = jsc.parallelize(missing, Math.max(1, Math.min(missing.size(),
                    jsc.defaultParallelism()))).map(task -> new Tuple2<>(task, checkpoints.bytes(task))).collect();
            read.forEach(r -> have.put(r._1(), r._2()));
        }
        List<ToyOutcome> kept = new ArrayList<>();
        for (ToyBlockTask task : blocks) {
            for (ToyOutcome o : ToyBlockFile.decode(task, have.get(task), ToyCheckpoints.fileName(task))) {
                if (o.toyIndex() < target[task.muIndex()]) {
                    kept.add(o);
                }
            }
        }
        return kept;
    }

    /**
     * Runs the missing blocks as Spark tasks; each keeps its outcomes in the checkpoints as soon as it is done (a block's
     * file is written on a thread of its own while the task fits the next block; the task ends when all are written).
     * Each Spark task has a fixed cost (scheduling, its result's round trip to the driver), so the blocks are grouped into
     * partitions, large first and smaller towards the end so that the task threads end together, unless the settings say
     * otherwise; on a master with one task thread there is nothing to even out, and all blocks are one task
     * ({@link #partitions}). A cold JVM whose task threads
     * would take the JIT compilers' cores runs its first toys one task at a time ({@link #warmUpToys}). On a local master
     * the tasks count their toys on the progress line block by block (the tasks run in this JVM; a task is not retried
     * there); on a cluster each finished task counts its blocks' toys ({@link TaskProgressListener}).
     */
    private static Map<ToyBlockTask, byte[]> computeBlocks(SparkSession spark, ToyWorkload toyWorkload, Settings s,
                                                           List<ToyBlockTask> blocks, ToyCheckpoints toyCheckpoints,
                                                           ToysTableStream toysTable) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long seed = s.seed();
        String purpose = s.purpose();
        List<List<ToyBlockTask>> partitions = partitions(blocks, s.partitions(), jsc.defaultParallelism());
        long toys = ToyBlockTask.toys(blocks);
        String group = "nsbi-neyman-" + System.nanoTime();
        ProgressLine line = ProgressLine.onStderr("neyman", "toys", toys);
        TaskProgressListener listener = jsc.isLocal() ? null
                : new TaskProgressListener(group, line, p -> ToyBlockTask.toys(partitions.get(p)));
        if (listener != null) {
            spark.sparkContext().addSparkListener(listener);
        }
        // both shared, not captured: the checkpoints carry the Hadoop configuration, which each task would deserialise
        try (SharedValue<ToyWorkload> workload = SharedValue.of(jsc, toyWorkload);
             SharedValue<ToyCheckpoints> checkpoints = SharedValue.of(jsc, toyCheckpoints);
             // the line only on a local master, whose tasks run in this JVM (a ProgressLine is not serialisable)
             SharedValue<ProgressLine> progress = listener == null ? SharedValue.of(jsc, line) : null;
             // the toys table written as the blocks come in: on a local master only (the stream is null elsewhere)
             SharedValue<ToysTableStream> table = toysTable == null ? null : SharedValue.of(jsc, toysTable)) {
            spark.sparkContext().setJobGroup(group, "nsbi neyman: " + toys + " toys", false);
            boolean perBlock = listener == null;
            Map<ToyBlockTask, byte[]> done = new HashMap<>();
            long warmUp = warmUpToys(jsc);
            // one partition per list: parallelize cuts n elements into n slices of one each
            jsc.parallelize(partitions, partitions.size()).mapPartitions(partition -> {
                ToyWorkload w = workload.get();
                try (WarmUpGate.Turn turn = WarmUpGate.ofThisJvm().enter(warmUp);
                     ToyCheckpoints.Writer writer = checkpoints.get().writer(table == null ? null : table.get()::offer)) {
                    while (partition.hasNext()) {
                        for (ToyBlockTask task : partition.next()) {
                            writer.write(task, ToyBlockRunner.run(seed, purpose, task.muIndex(), task.mu(), task.fromToy(),
                                    task.toToy(), w.sampler(task.muIndex()), w.fit()));
                            turn.ran(task.toys());
                            if (perBlock) {
                                progress.get().advance(task.toys());
                            }
                        }
                    }
                    return writer.finish().iterator();
                }
            }).collect().forEach(t -> done.put(t._1(), t._2()));
            return done;
        } finally {
            if (listener != null) {
                spark.sparkContext().removeSparkListener(listener);
            }
            spark.sparkContext().clearJobGroup();
        }
    }

    /**
     * The toys a cold JVM runs one task at a time ({@link WarmUpGate}): {@value #WARM_UP_TOYS}, or the setting
     * {@value #WARM_UP_SETTING} (0: none), on a local master whose task threads would take the JIT compilers' cores
     * ({@link WarmUpGate#worthIt}); 0 on a cluster, where the executors' JVMs and cores are not this one's.
     */
    static long warmUpToys(JavaSparkContext jsc) {
        long toys = warmUpToys(jsc.getConf().get(WARM_UP_SETTING, String.valueOf(WARM_UP_TOYS))); // checked everywhere
        return jsc.isLocal() && WarmUpGate.worthIt(jsc.defaultParallelism()) ? toys : 0;
    }

    /** The setting {@value #WARM_UP_SETTING} as a count of toys. */
    static long warmUpToys(String setting) {
        try {
            long toys = Long.parseLong(setting.trim());
            if (toys >= 0) {
                return toys;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UserError("--conf " + WARM_UP_SETTING + "=" + setting + "; expected a whole number of toys >= 0"
                + " (0: no warm-up, every task thread runs toys from the start)");
    }

    /**
     * The Spark partitions of {@code blocks}, each a run of consecutive blocks: {@code partitions} of equal size if set
     * (at most one per block); one with a single task thread ({@code parallelism}); else guided: each next partition
     * takes 1/(2 &times; parallelism) of the blocks left (at least one), so the first are large (few tasks, each with its
     * fixed cost) and the last are single blocks, and the task threads end within about a block of each other instead of
     * one of them running the last large partition alone while the others' cores idle (measured with
     * bench/neyman-command-scaling.sh). Which task runs a block never changes its toys.
     */
    static List<List<ToyBlockTask>> partitions(List<ToyBlockTask> blocks, int partitions, int parallelism) {
        List<List<ToyBlockTask>> parts = new ArrayList<>();
        int n = blocks.size();
        if (n == 0) {
            parts.add(new ArrayList<>());
        } else if (partitions > 0 || parallelism == 1) {
            int count = Math.min(n, partitions > 0 ? partitions : 1);
            for (int p = 0; p < count; p++) {
                parts.add(new ArrayList<>(blocks.subList((int) ((long) p * n / count), (int) ((long) (p + 1) * n / count))));
            }
        } else {
            for (int from = 0; from < n; ) {
                int size = Math.max(1, (n - from + 2 * parallelism - 1) / (2 * parallelism));
                parts.add(new ArrayList<>(blocks.subList(from, from + size)));
                from += size;
            }
        }
        return parts;
    }

    /**
     * Failed fits per grid point (failed toys stay in the belt, counted as t = +inf), by reason, and the toys whose
     * fits ended on a bound.
     */
    static List<FailedFits> failedFits(Belt belt, List<ToyOutcome> outcomes, Settings s) {
        List<FailedFits> failed = new ArrayList<>();
        for (int m = 0; m < s.muGrid().length; m++) {
            int index = m;
            Map<String, Integer> byReason = new TreeMap<>();
            outcomes.stream().filter(o -> o.muIndex() == index && !o.converged())
                    .forEach(o -> byReason.merge(o.failureReason() == null ? "unknown" : o.failureReason(), 1, Integer::sum));
            int f = belt.failedAt(m);
            failed.add(new FailedFits(s.muGrid()[m], f, f / (double) belt.point(m, belt.cls().get(0)).nToys(), byReason, belt.atBoundAt(m)));
        }
        return failed;
    }

    /**
     * Fails the run when the failed fits of a grid point exceed the allowed fraction.
     *
     * @param keptIn where the toys are kept (the checkpoints), for the message
     * @throws FailedFitsException naming the grid point, the count and the allowed fraction
     */
    static void requireFewFailures(List<FailedFits> failed, Settings s, String keptIn) {
        for (FailedFits f : failed) {
            if (f.fraction() > s.maxFailedFraction()) {
                throw new FailedFitsException("at mu = " + f.mu() + ", " + f.failed() + " of " + Math.round(f.failed() / f.fraction())
                        + " toys failed to fit (" + String.format(java.util.Locale.ROOT, "%.2f%%", 100 * f.fraction())
                        + "), more than the allowed " + String.format(java.util.Locale.ROOT, "%.2f%%", 100 * s.maxFailedFraction())
                        + "; the toys are kept in " + keptIn + " (rerun with --resume and a higher"
                        + " --max-failed-fraction to accept them, counted conservatively, without recomputing)");
            }
        }
    }

    private static void writeBelts(SparkSession spark, Belt belt, OutputFolder out) {
        out.writeText("belts.csv", belt.toCsv());
        BeltsTable.write(spark, belt, out.stagingPath("belts"));
    }

    /** More toys failed to fit than the run allows. */
    public static final class FailedFitsException extends UserError {
        private static final long serialVersionUID = 1L;

        public FailedFitsException(String message) {
            super(message);
        }
    }
}
