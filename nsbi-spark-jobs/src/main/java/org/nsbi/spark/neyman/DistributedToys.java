package org.nsbi.spark.neyman;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nsbi.model.neyman.ToyBlockFile;
import org.nsbi.model.neyman.ToyBlockTask;
import org.nsbi.spark.distributed.DistributedEvents;
import org.nsbi.model.progress.ProgressLine;
import org.nsbi.spark.progress.TaskProgressListener;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.PartitionedToys;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyOutcome;
import org.nsbi.stats.toys.ToyPiece;
import scala.Tuple2;

/**
 * Toys of a reference sample too large for one executor ({@link PartitionedToys}): each block of the
 * reference sample builds the alias table of its Asimov weights where it is, one grid point at a time, draws its
 * piece of every toy with the stream (seed, purpose, &mu; value, toy index, block key), and the pieces meet in one
 * shuffle by block of toys ({@link ToyBlockTask}), where each toy is assembled in key order and fitted. Only the
 * drawn events travel (N_pe per toy), never the sample. The toys are the same, bit for bit, for any number of
 * executors and any grouping of the blocks into Spark partitions.
 */
public final class DistributedToys {

    private DistributedToys() {
    }

    /**
     * The toys 0..toys-1 at every grid point (purpose "toy", in blocks of 25 toys), fitted; sorted by (&mu; index, toy).
     *
     * @param alphaTrue   per grid point, the nuisance parameters the toys are drawn at
     * @param partitions  Spark partitions of the shuffle (where the fits run)
     */
    public static List<ToyOutcome> run(DistributedEvents reference, double[] muGrid, double[][] alphaTrue, int toys,
                                       long seed, int partitions) {
        return run(reference, muGrid, alphaTrue, toys, seed, partitions, null);
    }

    /** As {@link #run(DistributedEvents, double[], double[][], int, long, int)}, the fitted toys counted on {@code line}. */
    public static List<ToyOutcome> run(DistributedEvents reference, double[] muGrid, double[][] alphaTrue, int toys,
                                       long seed, int partitions, ProgressLine line) {
        List<ToyBlockTask> tasks = new ArrayList<>();
        for (int m = 0; m < muGrid.length; m++) {
            tasks.addAll(ToyBlockTask.range(m, muGrid[m], 0, toys, 25));
        }
        List<Tuple2<Integer, byte[]>> encoded = withProgress(reference, tasks, partitions, line,
                () -> fitted(reference, tasks, alphaTrue, seed, "toy", partitions)
                        .mapToPair(b -> new Tuple2<>(b._1(), ToyBlockFile.encode(tasks.get(b._1()), b._2()))).collect());
        List<ToyOutcome> outcomes = new ArrayList<>();
        for (Tuple2<Integer, byte[]> e : encoded) {
            ToyBlockTask task = tasks.get(e._1());
            outcomes.addAll(ToyBlockFile.decode(task, e._2(), "block " + task));
        }
        outcomes.sort(Comparator.comparingInt(ToyOutcome::muIndex).thenComparingInt(ToyOutcome::toyIndex));
        return outcomes;
    }

    /**
     * Runs the blocks {@code tasks} and writes each block's outcomes to {@code checkpoints} on the executor that
     * fitted it, the moment it is done; returns each block's checkpoint bytes.
     *
     * @param alphaTrue per grid point (a task's &mu; index), the nuisance parameters the toys are drawn at
     * @param purpose   the streams' purpose ("toy" for a belt)
     */
    public static Map<ToyBlockTask, byte[]> checkpointed(DistributedEvents reference, List<ToyBlockTask> tasks,
                                                          double[][] alphaTrue, long seed, String purpose, int partitions,
                                                          ToyCheckpoints checkpoints, ProgressLine line) {
        List<ToyBlockTask> list = List.copyOf(tasks);
        Map<ToyBlockTask, byte[]> done = new java.util.HashMap<>();
        withProgress(reference, list, partitions, line, () -> fitted(reference, list, alphaTrue, seed, purpose, partitions)
                .map(b -> new Tuple2<>(list.get(b._1()), checkpoints.write(list.get(b._1()), b._2())))
                .collect()).forEach(t -> done.put(t._1(), t._2()));
        return done;
    }

    /**
     * {@code job} run with its fitted toys counted on {@code line} (none if null): each task of the stage after the
     * shuffle advances it by the toys of the blocks of toys it fitted (task i sits in shuffle partition i mod slices).
     */
    private static <T> T withProgress(DistributedEvents reference, List<ToyBlockTask> tasks, int partitions,
                                      ProgressLine line, java.util.function.Supplier<T> job) {
        if (line == null) {
            return job.get();
        }
        org.apache.spark.SparkContext sc = reference.blocks().context();
        int slices = slices(JavaSparkContext.fromSparkContext(sc), tasks, partitions);
        String group = "nsbi-distributed-toys-" + System.nanoTime();
        TaskProgressListener listener = new TaskProgressListener(group, line, p -> {
            long n = 0;
            for (int i = p; i < tasks.size(); i += slices) {
                n += tasks.get(i).toys();
            }
            return n;
        }, true);
        sc.addSparkListener(listener);
        try {
            sc.setJobGroup(group, "nsbi neyman: toys on the executors' reference blocks", false);
            long toys = line.done();
            T result = job.get();
            // the listener hears of the tasks asynchronously: let it count the last ones (bounded) before it goes
            for (ToyBlockTask t : tasks) {
                toys += t.toys();
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (line.done() < toys && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return result;
        } finally {
            sc.removeSparkListener(listener);
            sc.clearJobGroup();
        }
    }

    /** The partitions of the shuffle by block of toys: {@code partitions}, or 4 per core, at most one per block. */
    private static int slices(JavaSparkContext jsc, List<ToyBlockTask> tasks, int partitions) {
        return Math.max(1, Math.min(tasks.size(), partitions > 0 ? partitions : 4 * jsc.defaultParallelism()));
    }

    /** Per task (its index in {@code tasks}), the outcomes of its toys in toy order. */
    static JavaPairRDD<Integer, List<ToyOutcome>> fitted(DistributedEvents reference, List<ToyBlockTask> tasks,
                                                          double[][] alphaTrue, long seed, String purpose, int partitions) {
        MixtureModel model = reference.model();
        double total = reference.sumOfWeights();
        List<ToyBlockTask> list = List.copyOf(tasks);
        double[][] truth = alphaTrue.clone();
        // the tasks of each grid point, so that a block builds one alias table at a time
        Map<Integer, List<Integer>> byPoint = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            byPoint.computeIfAbsent(list.get(i).muIndex(), m -> new ArrayList<>()).add(i);
        }
        JavaPairRDD<Integer, Tuple2<Integer, ToyPiece>> pieces = reference.blocks().flatMapToPair(b -> {
            List<Tuple2<Integer, Tuple2<Integer, ToyPiece>>> out = new ArrayList<>();
            for (Map.Entry<Integer, List<Integer>> point : byPoint.entrySet()) {
                double mu = list.get(point.getValue().get(0)).mu();
                SparsePoissonSampler sampler = PartitionedToys.partitionSampler(model, b.table(), total, mu,
                        truth[point.getKey()]);
                if (sampler == null) {
                    continue;
                }
                for (int i : point.getValue()) {
                    ToyBlockTask task = list.get(i);
                    for (int t = task.fromToy(); t < task.toToy(); t++) {
                        ToyPiece p = PartitionedToys.piece(sampler, b.table(), b.key(), seed, purpose, mu, t);
                        if (p != null) {
                            out.add(new Tuple2<>(i, new Tuple2<>(t, p)));
                        }
                    }
                }
            }
            return out.iterator();
        });
        // every task is listed, also one whose toys drew no event at all
        List<Tuple2<Integer, Tuple2<Integer, ToyPiece>>> all = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            all.add(new Tuple2<>(i, new Tuple2<>(-1, null)));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(reference.blocks().context());
        int slices = slices(jsc, list, partitions);
        return pieces.union(jsc.parallelizePairs(all, slices)).groupByKey(slices).mapToPair(block -> {
            ToyBlockTask task = list.get(block._1());
            Map<Integer, List<ToyPiece>> byToy = new TreeMap<>();
            for (Tuple2<Integer, ToyPiece> p : block._2()) {
                if (p._2() != null) {
                    byToy.computeIfAbsent(p._1(), t -> new ArrayList<>()).add(p._2());
                }
            }
            List<ToyOutcome> outcomes = new ArrayList<>(task.toys());
            for (int t = task.fromToy(); t < task.toToy(); t++) {
                outcomes.add(PartitionedToys.fit(model, byToy.getOrDefault(t, List.of()), seed, purpose, task.muIndex(),
                        task.mu(), t, truth[task.muIndex()]));
            }
            return new Tuple2<>(block._1(), outcomes);
        });
    }
}
