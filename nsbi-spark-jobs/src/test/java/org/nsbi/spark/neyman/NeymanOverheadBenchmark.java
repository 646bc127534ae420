package org.nsbi.spark.neyman;

import java.io.ObjectInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.output.StageTime;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.session.SparkSessions;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyBlockRunner;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * The neyman job against the engine, in one run on the same toys (one grid point, &mu; = 1, seed 3): the engine's
 * one-thread loop ({@link ToyBlockRunner} over toys 0..N with the sparse sampler), then {@link NeymanJob#run} on
 * local[1] and on local[2] (each after a warm-up run in its session), with the job's own toys-per-block setting.
 * Each is repeated; the medians are printed: wall seconds and this process's CPU seconds (all threads: Spark's, the
 * JIT compiler's, the garbage collector's), the job's stages (summary.json's stage_seconds), its CPU by thread (the
 * driver, Spark's task threads, other Java threads, and the rest of the process: the JIT compiler and the GC), the
 * job's CPU over the engine loop's (process, Java threads, tasks alone), and local[1]/local[2] wall time. The job's
 * toys equal the loop's bit for bit (checked every run). On a shared machine the CPU figures are the ones to compare;
 * wall times there depend on the other load.
 * <p>Usage: NeymanOverheadBenchmark TABLE [toys, default 10000] [repeats, default 3] [toys per block, default 25], TABLE
 * as written by nsbi-model's OffshellExactTable. Run by bench/pipeline-benchmark.sh.
 */
public final class NeymanOverheadBenchmark {

    private NeymanOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        MixtureModel model;
        EventTable reference;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(args[0])))) {
            model = (MixtureModel) in.readObject();
            reference = (EventTable) in.readObject();
        }
        int toys = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int perBlock = args.length > 3 ? Integer.parseInt(args[3]) : 25;
        double mu = 1.0;
        double[] alpha = new double[model.nuisanceCount()];
        long seed = 3;

        SparsePoissonSampler sampler = SparsePoissonSampler.of(AsimovWeights.compute(model, reference, mu, alpha).weights(), alpha);
        ProfileLikelihoodFit fit = new ProfileLikelihoodFit(model, reference);
        ToyBlockRunner.run(seed + 1, 0, mu, 0, Math.min(toys, 2000), sampler, fit); // warm-up
        double[][] engine = new double[repeats][];
        List<ToyOutcome> loop = null;
        for (int r = 0; r < repeats; r++) {
            double[] t = clock();
            loop = ToyBlockRunner.run(seed, 0, mu, 0, toys, sampler, fit);
            engine[r] = since(t);
        }
        System.out.printf(Locale.ROOT, "%d toys at mu = %.1f on %d reference events, %d toys per block, medians of %d%n",
                toys, mu, reference.size(), perBlock, repeats);
        double[] e = median(engine);
        report("engine loop, one thread", toys, e, e);
        System.out.printf(Locale.ROOT, "  its thread's CPU (median): %.2f s, %.0f toys per CPU-second%n", e[2], toys / e[2]);
        double[] one = neyman("local[1]", model, reference, toys, perBlock, seed, loop, repeats);
        report("neyman job, local[1]", toys, one, e);
        double[] two = neyman("local[2]", model, reference, toys, perBlock, seed, loop, repeats);
        report("neyman job, local[2]", toys, two, e);
        System.out.printf(Locale.ROOT, "local[1] CPU / engine CPU: %.2f (Java threads: %.2f; tasks alone %.2f, against the"
                + " engine thread's CPU); local[1] wall / engine wall: %.2f; local[1] wall / local[2] wall: %.2fx%n",
                one[1] / e[1], one[2] / e[2], one[3] / e[2], one[0] / e[0], one[0] / two[0]);
    }

    private static double[] neyman(String master, MixtureModel model, EventTable reference, int toys, int perBlock,
                                   long seed, List<ToyOutcome> loop, int repeats) throws Exception {
        SparkSession spark = SparkSessions.getOrCreate("nsbi neyman overhead " + master, master, Map.of());
        try {
            NeymanJob.Settings s = new NeymanJob.Settings(new double[] {1.0}, toys, perBlock, List.of(0.6827), seed,
                    new double[][] {new double[model.nuisanceCount()]}, 1.0, 0);
            Path dir = Files.createTempDirectory("nsbi-overhead-");
            NeymanJob.run(spark, model, reference, s, folder(spark, dir.resolve("warm-up"))).hashCode(); // JIT, sessions
            double[][] runs = new double[repeats][];
            List<List<StageTime>> stages = new java.util.ArrayList<>();
            List<double[]> cpuBy = new java.util.ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                OutputFolder out = folder(spark, dir.resolve("run" + r));
                Map<String, Double> threads = threadCpu();
                double[] t = clock();
                NeymanJob.Result result = NeymanJob.run(spark, model, reference, s, out);
                runs[r] = since(t);
                Map<String, Double> after = threadCpu();
                after.replaceAll((k, v) -> v - threads.getOrDefault(k, 0.0));
                double java = after.values().stream().mapToDouble(Double::doubleValue).sum();
                cpuBy.add(new double[] {after.getOrDefault("driver (main)", 0.0), after.getOrDefault("tasks", 0.0),
                        java - after.getOrDefault("driver (main)", 0.0) - after.getOrDefault("tasks", 0.0), runs[r][1] - java});
                stages.add(result.stages());
                double[] job = result.outcomes().stream().sorted((a, b) -> Integer.compare(a.toyIndex(), b.toyIndex()))
                        .mapToDouble(ToyOutcome::t).toArray();
                double[] expected = loop.stream().mapToDouble(ToyOutcome::t).toArray();
                if (!Arrays.equals(job, expected)) {
                    throw new IllegalStateException("the job's toys differ from the engine loop's on " + master);
                }
                out.abandon();
            }
            StringBuilder line = new StringBuilder("  its stages, wall s (medians):");
            for (int k = 0; k < stages.get(0).size(); k++) {
                int stage = k;
                double[][] column = stages.stream().map(l -> new double[] {l.get(stage).seconds()}).toArray(double[][]::new);
                line.append(String.format(Locale.ROOT, " %s %.3f", stages.get(0).get(k).stage().key(), median(column)[0]));
            }
            System.out.println(line);
            double[] by = median(cpuBy.toArray(double[][]::new));
            System.out.printf(Locale.ROOT, "  its CPU s by thread (medians): driver %.2f, tasks %.2f, other Java threads %.2f,"
                    + " not Java threads (JIT compiler, GC) %.2f%n", by[0], by[1], by[2], by[3]);
            double[] m = median(runs);
            return new double[] {m[0], m[1], by[0] + by[1] + by[2], by[1]};
        } finally {
            spark.stop();
        }
    }

    private static OutputFolder folder(SparkSession spark, Path p) {
        return OutputFolder.create(p.toString(), OutputFolder.ExistingPolicy.REFUSE, spark.sparkContext().hadoopConfiguration());
    }

    /** {wall seconds, process CPU seconds, this thread's CPU seconds} now. */
    private static double[] clock() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new double[] {System.nanoTime() / 1e9, os.getProcessCpuTime() / 1e9,
            ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9};
    }

    private static double[] since(double[] start) {
        double[] now = clock();
        return new double[] {now[0] - start[0], now[1] - start[1], now[2] - start[2]};
    }

    /** CPU seconds of the live Java threads so far: the driver's main thread, Spark's task threads, the others by name. */
    private static Map<String, Double> threadCpu() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Map<String, Double> cpu = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : bean.getThreadInfo(bean.getAllThreadIds())) {
            if (info != null) {
                long ns = bean.getThreadCpuTime(info.getThreadId());
                String name = info.getThreadName();
                String group = name.equals("main") ? "driver (main)" : name.startsWith("Executor task launch") ? "tasks"
                        : name + "#" + info.getThreadId();
                cpu.merge(group, ns / 1e9, Double::sum);
            }
        }
        return cpu;
    }

    /** The median of each column. */
    private static double[] median(double[][] runs) {
        double[] m = new double[runs[0].length];
        for (int c = 0; c < m.length; c++) {
            int col = c;
            double[] v = Arrays.stream(runs).mapToDouble(r -> r[col]).sorted().toArray();
            m[c] = v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
        }
        return m;
    }

    private static void report(String what, int toys, double[] t, double[] engine) {
        System.out.printf(Locale.ROOT, "%-26s %6.2f s wall, %6.2f s CPU: %6.0f toys per CPU-second; CPU / engine CPU %.2f%n",
                what + ":", t[0], t[1], toys / t[1], t[1] / engine[1]);
    }
}
