package org.nsbi.spark.coverage;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.coverage.CoverageWorkload;
import org.nsbi.model.neyman.NeymanPlan;
import org.nsbi.model.neyman.ToyBlockTask;
import org.nsbi.model.progress.ProgressLine;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.neyman.NeymanJob;
import org.nsbi.spark.neyman.ToyCheckpoints;
import org.nsbi.spark.progress.TaskProgressListener;
import org.nsbi.spark.session.SharedValue;
import org.nsbi.stats.coverage.ExperimentRunner;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The experiments of a coverage check, run like the belt's toys: (&mu;_true, block of experiments) tasks, each
 * checkpointed the moment it is done, every experiment's stream keyed by (seed, source, &mu;_true, index) so the
 * experiments table is the same on any number of cores and partitions, and a resumed run computes only the missing
 * blocks. Writes {@code experiments/} (Parquet, the toys table's columns with {@code mu_index} indexing the check's
 * &mu;_true list and {@code toy} the experiment).
 */
public final class CoverageJob {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CoverageJob.class);

    /**
     * @param seed       the run seed of the experiments' streams
     * @param perMu      experiments per &mu;_true
     * @param perBlock   experiments per task
     * @param partitions Spark partitions for the blocks (0: four per core); the experiments do not depend on it
     */
    public record Settings(long seed, int perMu, int perBlock, int partitions) {
        public Settings {
            if (perMu < 1 || perBlock < 1) {
                throw new UserError("--experiments " + perMu + ", --experiments-per-block " + perBlock
                        + ": expected at least 1 each");
            }
        }
    }

    private CoverageJob() {
    }

    /**
     * Runs the missing blocks and returns every experiment's outcome, in plan order.
     *
     * @param plan what the experiments depend on, as text (the code's build, fitter and version are added,
     *             {@link NeymanPlan#code}); checkpoints of another plan are refused
     */
    public static List<ToyOutcome> run(SparkSession spark, CoverageWorkload workload, int muCount, Settings s,
                                       OutputFolder out, String plan) {
        List<ToyBlockTask> tasks = ToyBlockTask.plan(muCount, s.perMu(), s.perBlock());
        ToyCheckpoints checkpoints = ToyCheckpoints.open(out.checkpointPath("experiments"), plan + NeymanPlan.code(NeymanJob.class),
                spark.sparkContext().hadoopConfiguration());
        List<ToyBlockTask> missing = new ArrayList<>(tasks);
        missing.removeAll(checkpoints.finished(tasks));
        if (missing.size() < tasks.size()) {
            LOG.info("coverage: resuming from {}: {} of {} blocks of experiments already done",
                    org.nsbi.spark.io.ShownPaths.of(checkpoints.folder()), tasks.size() - missing.size(), tasks.size());
        }
        if (!missing.isEmpty()) {
            compute(spark, workload, s, missing, checkpoints);
        }
        List<ToyOutcome> outcomes = checkpoints.writeTable(spark, tasks, out.stagingPath("experiments"));
        return outcomes;
    }

    private static void compute(SparkSession spark, CoverageWorkload workload, Settings s, List<ToyBlockTask> blocks,
                                ToyCheckpoints checkpoints) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long seed = s.seed();
        String purpose = workload.origin().purpose();
        int slices = Math.min(blocks.size(), s.partitions() > 0 ? s.partitions() : 4 * jsc.defaultParallelism());
        long total = ToyBlockTask.toys(blocks);
        String group = "nsbi-coverage-" + System.nanoTime();
        ProgressLine line = ProgressLine.onStderr("coverage", "experiments", total);
        TaskProgressListener listener = new TaskProgressListener(group, line,
                p -> ToyBlockTask.toysInSlice(blocks, slices, p));
        spark.sparkContext().addSparkListener(listener);
        try (SharedValue<CoverageWorkload> shared = SharedValue.of(jsc, workload)) {
            spark.sparkContext().setJobGroup(group, "nsbi coverage: " + total + " experiments", false);
            jsc.parallelize(blocks, slices).foreach(task -> {
                CoverageWorkload w = shared.get();
                checkpoints.write(task, ExperimentRunner.run(seed, purpose, task.muIndex(), w.mu(task.muIndex()),
                        task.fromToy(), task.toToy(), w.source(task.muIndex()), w.model()));
            });
        } finally {
            spark.sparkContext().removeSparkListener(listener);
            spark.sparkContext().clearJobGroup();
        }
    }
}
