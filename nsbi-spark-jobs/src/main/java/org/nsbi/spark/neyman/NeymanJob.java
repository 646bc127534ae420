package org.nsbi.spark.neyman;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.output.AsimovClosure;
import org.nsbi.model.output.CriticalValuesFit;
import org.nsbi.model.output.FailedFits;
import org.nsbi.model.output.Json;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.progress.ProgressLine;
import org.nsbi.spark.progress.TaskProgressListener;
import org.nsbi.stats.adaptive.SmoothCriticalValues;
import org.nsbi.stats.adaptive.ToySchedule;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.ToyBlockRunner;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The Neyman construction on Spark: for every &mu; of the grid, {@code toysPerPoint} pseudo-experiments
 * drawn by the Poisson bootstrap from the scored reference sample and fitted twice each, spread over
 * the cluster as (&mu; point, block of toys) tasks. The model and reference sample reach each executor
 * once (a broadcast); each toy's random stream is keyed by (seed, &mu; value, toy index), so the toys
 * table does not depend on the number of executors or partitions, nor on the other points of the grid. Writes {@code toys/} (Parquet),
 * {@code belts.csv} and {@code belts/} (Parquet); the statistics are nsbi-stats', Spark only
 * distributes the blocks and gathers the outcomes.
 */
public final class NeymanJob {

    /**
     * The settings of one construction.
     *
     * @param partitions Spark partitions for the toy blocks (0: four per core); the toys do not depend on it
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
                         List<AsimovClosure> asimovClosure, List<FailedFits> failedFits, SmoothCriticalValues smooth) {

        public double toysPerSecond() {
            return toysComputed / toySeconds;
        }
    }

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
        return run(spark, model, reference, s, rounds, false, out);
    }

    /**
     * As {@link #run(SparkSession, MixtureModel, EventTable, Settings, ToySchedule, OutputFolder)}; with {@code smooth},
     * the belt's critical values are fitted across the grid at each level ({@link SmoothCriticalValues}, quantile
     * regression over every toy) and the fit, the per-point values and the held-out check are written to
     * {@code critical-values.json}.
     */
    public static Result run(SparkSession spark, MixtureModel model, EventTable reference, Settings s, ToySchedule rounds,
                             boolean smooth, OutputFolder out) {
        double[] grid = s.muGrid();
        for (double mu : grid) {
            if (mu < model.muMin() || mu > model.muMax()) {
                throw new UserError("mu grid point " + mu + " is outside the allowed range ["
                        + model.muMin() + ", " + model.muMax() + "] of " + model.poi());
            }
        }
        List<AsimovClosure> closure = new ArrayList<>();
        for (int m = 0; m < grid.length; m++) {
            AsimovWeights a = AsimovWeights.compute(model, reference, grid[m], s.alphaTrue()[m]);
            closure.add(new AsimovClosure(grid[m], a.sum(), a.yield(), a.closure()));
        }
        String table = "toy".equals(s.purpose()) ? "toys" : "experiments";
        String plan = NeymanPlan.describe(model, reference, s);
        List<String> pointInputs = NeymanPlan.pointInputs(s);
        ToyCheckpoints checkpoints = ToyCheckpoints.open(out.checkpointPath(table), plan,
                spark.sparkContext().hadoopConfiguration());
        checkpoints.admitPoints(grid, pointInputs);
        CommittedToys.importInto(spark, out, table, plan, grid, pointInputs, checkpoints);
        List<NavigableMap<Integer, Integer>> finished = checkpoints.finishedByPoint(grid);
        int[] target = rounds.first(grid.length);
        long start = System.nanoTime();
        long computed = 0;
        ToyRounds.Cover cover = ToyRounds.cover(finished, target, grid, s.toysPerBlock());
        reportResume(checkpoints, cover, target);
        while (true) {
            computed += cover.missingToys();
            if (!cover.missing().isEmpty()) {
                computeBlocks(spark, model, reference, s, cover.missing(), checkpoints);
            }
            if (rounds.singleRound()) {
                break;
            }
            int[] next = rounds.next(grid, gather(spark, checkpoints, cover.blocks(), target), target);
            if (Arrays.equals(next, target)) {
                break;
            }
            target = next;
            cover = ToyRounds.cover(finished, target, grid, s.toysPerBlock());
        }
        String toysPath = out.stagingPath(table);
        // the table is gathered from the checkpoints in plan order: computed now or before, the same bytes
        writeToys(spark, checkpoints, cover.blocks(), target, toysPath);
        double toySeconds = (System.nanoTime() - start) / 1e9;

        List<ToyOutcome> outcomes = ToysTable.read(spark, toysPath);
        Belt belt = Belt.build(grid, outcomes, s.confidenceLevels());
        SmoothCriticalValues fitted = null;
        if (smooth) {
            fitted = SmoothCriticalValues.fit(grid, outcomes, s.confidenceLevels());
            out.writeText(CRITICAL_VALUES, Json.write(CriticalValuesFit.of(fitted, belt)));
            for (String w : fitted.warnings()) {
                System.err.println("warning: " + w);
            }
            belt = fitted.belt(grid, outcomes, s.confidenceLevels());
        }
        if ("toy".equals(s.purpose())) {
            writeBelts(spark, belt, out);
            out.writeText(CommittedToys.PLAN_FILE, CommittedToys.text(plan, grid, pointInputs));
        }

        List<FailedFits> failed = failedFits(belt, outcomes, s);
        requireFewFailures(failed, s, checkpoints.folder());
        long total = 0;
        for (int n : target) {
            total += n;
        }
        return new Result(belt, outcomes, total, toySeconds, computed, closure, failed, fitted);
    }

    private static void reportResume(ToyCheckpoints checkpoints, ToyRounds.Cover cover, int[] target) {
        long want = 0;
        for (int n : target) {
            want += n;
        }
        long have = want - cover.missingToys();
        if (have > 0) {
            System.err.println("neyman: resuming from " + checkpoints.folder() + ": " + have + " of " + want
                    + " toys of the first round already done");
        }
    }

    /** The outcomes of {@code blocks}, toys beyond each point's target left out, read on the cluster. */
    private static JavaRDD<ToyOutcome> outcomes(SparkSession spark, ToyCheckpoints checkpoints, List<ToyBlockTask> blocks,
                                                int[] target) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return jsc.parallelize(blocks, Math.max(1, Math.min(blocks.size(), jsc.defaultParallelism()))).flatMap(task -> {
            List<ToyOutcome> kept = new ArrayList<>(task.toys());
            for (ToyOutcome o : checkpoints.read(task)) {
                if (o.toyIndex() < target[task.muIndex()]) {
                    kept.add(o);
                }
            }
            return kept.iterator();
        });
    }

    private static List<ToyOutcome> gather(SparkSession spark, ToyCheckpoints checkpoints, List<ToyBlockTask> blocks,
                                           int[] target) {
        return outcomes(spark, checkpoints, blocks, target).collect();
    }

    private static void writeToys(SparkSession spark, ToyCheckpoints checkpoints, List<ToyBlockTask> blocks, int[] target,
                                  String path) {
        JavaRDD<Row> rows = outcomes(spark, checkpoints, blocks, target).map(ToysTable::toRow);
        spark.createDataFrame(rows, ToysTable.SCHEMA).write().parquet(path);
    }

    /**
     * Runs the missing blocks as Spark tasks; each keeps its outcomes in the checkpoints as soon as it is done.
     * Each Spark task has a fixed cost (about 40 ms measured here: scheduling, serialisation), so the blocks are
     * grouped into a few partitions per core unless the settings say otherwise.
     */
    private static void computeBlocks(SparkSession spark, MixtureModel model, EventTable reference, Settings s,
                                      List<ToyBlockTask> blocks, ToyCheckpoints checkpoints) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<ToyWorkload> workload = jsc.broadcast(new ToyWorkload(model, reference, s.muGrid(), s.alphaTrue()));
        long seed = s.seed();
        String purpose = s.purpose();
        int slices = Math.min(blocks.size(), s.partitions() > 0 ? s.partitions() : 4 * jsc.defaultParallelism());
        long toys = 0;
        for (ToyBlockTask t : blocks) {
            toys += t.toys();
        }
        String group = "nsbi-neyman-" + System.nanoTime();
        ProgressLine line = ProgressLine.onStderr("neyman", "toys", toys);
        TaskProgressListener listener = new TaskProgressListener(group, line, p -> toysInSlice(blocks, slices, p));
        spark.sparkContext().addSparkListener(listener);
        try {
            spark.sparkContext().setJobGroup(group, "nsbi neyman: " + toys + " toys", false);
            jsc.parallelize(blocks, slices).foreach(task -> {
                ToyWorkload w = ToyWorkload.of(workload);
                ProfileLikelihoodFit fit = new ProfileLikelihoodFit(w.model(), w.reference());
                checkpoints.write(task, ToyBlockRunner.run(seed, purpose, task.muIndex(), task.mu(),
                        task.fromToy(), task.toToy(), w.sampler(task.muIndex()), fit));
            });
        } finally {
            spark.sparkContext().removeSparkListener(listener);
            spark.sparkContext().clearJobGroup();
            workload.destroy();
        }
    }

    /**
     * Failed fits per grid point (failed toys stay in the belt, counted as t = +inf), by reason, and the toys whose
     * fits ended on a bound.
     */
    static List<FailedFits> failedFits(Belt belt, List<ToyOutcome> outcomes, Settings s) {
        List<FailedFits> failed = new ArrayList<>();
        for (int m = 0; m < s.muGrid().length; m++) {
            int index = m;
            Map<String, Integer> byReason = new java.util.TreeMap<>();
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

    /** The toys of partition p when {@code tasks} are cut into {@code slices} contiguous slices, as parallelize does. */
    private static long toysInSlice(List<ToyBlockTask> tasks, int slices, int p) {
        int from = (int) ((long) p * tasks.size() / slices);
        int to = (int) ((long) (p + 1) * tasks.size() / slices);
        long n = 0;
        for (int i = from; i < to; i++) {
            n += tasks.get(i).toys();
        }
        return n;
    }

    private static void writeBelts(SparkSession spark, Belt belt, OutputFolder out) {
        out.writeText("belts.csv", belt.toCsv());
        BeltsTable.frame(spark, belt).coalesce(1).write().parquet(out.stagingPath("belts"));
    }

    /** More toys failed to fit than the run allows. */
    public static final class FailedFitsException extends UserError {
        private static final long serialVersionUID = 1L;

        public FailedFitsException(String message) {
            super(message);
        }
    }
}
