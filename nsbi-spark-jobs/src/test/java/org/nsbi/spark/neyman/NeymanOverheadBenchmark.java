package org.nsbi.spark.neyman;

import java.io.ObjectInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.neyman.NeymanPlan;
import org.nsbi.model.neyman.ToyBlockTask;
import org.nsbi.model.neyman.ToyWorkload;
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
 * local[1] and on local[2] (each after a warm-up run in its session), with the job's own toys-per-block setting, then
 * the engine loop once more (it also checks the toys). Both are measured warm: the engine after a warm-up loop of as
 * many toys, the job after a whole warm-up run; in each job run the JIT compiler still compiles Spark's, Parquet's and Hadoop's code, which runs a few
 * times per run (its CPU is printed). Each is repeated; the medians are printed: wall seconds and this process's CPU
 * seconds (all threads), the job's stages (summary.json's stage_seconds), its CPU by thread (the driver, Spark's task
 * threads, other Java threads, the JIT compiler's and the garbage collector's threads by their names in /proc, the
 * rest), its Spark tasks' metrics (a listener: executor CPU, deserialisation), and the task threads' CPU over the
 * engine thread's broken down: Spark's task (de)serialisation and the rest; beside it what the job does on threads of
 * its own, measured alone on this thread (with the session's file systems): the workload's set-up (the fit, the
 * point's Asimov weights and alias table; a local master's job builds it before the toys) and the blocks' checkpoint
 * files (a task's writer thread writes them while the task fits its next block). Then the job's
 * CPU over the engine loop's, local[1]/local[2] wall time, and the engine loop after the jobs over before them. The
 * job's toys equal the loop's bit for bit (checked every run). On a shared machine the CPU figures are the ones to
 * compare; wall times there depend on the other load.
 * <p>Usage: NeymanOverheadBenchmark TABLE [toys, default 10000] [repeats, default 3] [toys per block, default 25] [only],
 * TABLE as written by nsbi-model's OffshellExactTable; with {@code only} = {@code engine}, {@code local[1]} or
 * {@code local[2]} just that one is measured (each warmed up alike), so that each can run in a JVM of its own: in one
 * JVM the engine loop and the job share the kernel's and the fitter's compiled code and its profile, and whichever
 * runs second runs the first's code. With {@code only} = {@code paired} the engine loop and the job on local[1] run
 * alternately in one JVM and each pair's ratio is taken (robust to a machine whose load changes during the run).
 * Run by bench/pipeline-benchmark.sh.
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
        String only = args.length > 4 ? args[4] : "all";
        if (!List.of("all", "engine", "local[1]", "local[2]", "paired").contains(only)) {
            throw new IllegalArgumentException("only = " + only + "; expected all, engine, local[1], local[2] or paired");
        }
        double mu = 1.0;
        double[] alpha = new double[model.nuisanceCount()];
        long seed = 3;

        SparsePoissonSampler sampler = SparsePoissonSampler.of(AsimovWeights.compute(model, reference, mu, alpha).weights(), alpha);
        ProfileLikelihoodFit fit = new ProfileLikelihoodFit(model, reference);
        System.out.printf(Locale.ROOT, "%d toys at mu = %.1f on %d reference events, %d toys per block, medians of %d%s%n",
                toys, mu, reference.size(), perBlock, repeats, only.equals("all") ? "" : "; " + only + " alone in this JVM");
        if (only.equals("paired")) {
            paired(model, reference, toys, perBlock, seed, repeats, sampler, fit);
            return;
        }
        double[] e = null;
        if (!only.startsWith("local")) {
            ToyBlockRunner.run(seed + 1, 0, mu, 0, toys, sampler, fit); // warm-up: as many toys as a job's warm-up run
            double[][] engine = new double[repeats][];
            for (int r = 0; r < repeats; r++) {
                double[] t = clock();
                ToyBlockRunner.run(seed, 0, mu, 0, toys, sampler, fit);
                engine[r] = since(t);
            }
            e = median(engine);
            report("engine loop, one thread", toys, e, e);
            System.out.printf(Locale.ROOT, "  its thread's CPU (median): %.2f s, %.0f toys per CPU-second%n", e[2], toys / e[2]);
        }
        Job one = only.equals("all") || only.equals("local[1]") ? neyman("local[1]", model, reference, toys, perBlock, seed, repeats) : null;
        if (one != null) {
            report("neyman job, local[1]", toys, one.figures(), e);
            if (e != null) {
                double[] f = one.figures();
                System.out.printf(Locale.ROOT, "  its task threads' CPU over the engine thread's: %+.3f s, of which Spark's task"
                        + " (de)serialisation %.3f, the rest (the toys themselves, Spark's task threads) %+.3f; on threads of"
                        + " their own: the workload's set-up %.3f, the checkpoint files %.3f (both measured alone)%n",
                        f[3] - e[2], f[4], f[3] - e[2] - f[4], f[5], f[6]);
            }
        }
        Job two = only.equals("all") || only.equals("local[2]") ? neyman("local[2]", model, reference, toys, perBlock, seed, repeats) : null;
        if (two != null) {
            report("neyman job, local[2]", toys, two.figures(), e);
        }
        // the toys are checked after the timings, so that a job measured alone ran first in its JVM
        List<ToyOutcome> loop = null;
        double[][] after = new double[repeats][];
        for (int r = 0; r < repeats; r++) {
            double[] t = clock();
            loop = ToyBlockRunner.run(seed, 0, mu, 0, toys, sampler, fit);
            after[r] = since(t);
        }
        for (Job j : java.util.Arrays.asList(one, two)) {
            if (j != null) {
                j.requireEqual(loop);
            }
        }
        System.out.println("the job's toys equal the engine loop's bit for bit (t of every toy, every run)");
        if (!only.equals("all")) {
            System.out.printf(Locale.ROOT, "engine loop in this JVM after the above: its thread's CPU (median) %.2f s, wall %.2f s%n",
                    median(after)[2], median(after)[0]);
            // one line for bench/pipeline-benchmark.sh, which compares the JVMs' figures
            Job j = one != null ? one : two;
            System.out.printf(Locale.ROOT, "alone: %s wall %.3f toys_stage %.3f cpu %.3f%n", only,
                    j == null ? e[0] : j.figures()[0], j == null ? e[0] : j.figures()[7], j == null ? e[1] : j.figures()[1]);
            return;
        }
        double[][] again = after;
        System.out.printf(Locale.ROOT, "engine loop again, after the jobs: its thread's CPU (median) %.2f s, %.2f x the"
                + " first (the same code in the JIT's state after the jobs, and the machine's load then)%n",
                median(again)[2], median(again)[2] / e[2]);
        double[] o = one.figures();
        System.out.printf(Locale.ROOT, "local[1] CPU / engine CPU: %.2f (Java threads: %.2f; tasks alone %.2f, against the"
                + " engine thread's CPU); local[1] wall / engine wall: %.2f; toys stage / engine wall: %.2f;"
                + " local[1] wall / local[2] wall: %.2fx%n",
                o[1] / e[1], o[2] / e[2], o[3] / e[2], o[0] / e[0], o[7] / e[0], o[0] / two.figures()[0]);
    }

    /**
     * A job's medians ({wall s, process CPU s, Java threads' CPU s, task threads' CPU s, task (de)serialisation s,
     * workload set-up s, checkpoint files s, toys stage wall s}) and the t values of each run's toys.
     */
    private record Job(String master, double[] figures, List<double[]> tByRun) {

        void requireEqual(List<ToyOutcome> loop) {
            double[] expected = loop.stream().mapToDouble(ToyOutcome::t).toArray();
            for (double[] t : tByRun) {
                if (!Arrays.equals(t, expected)) {
                    throw new IllegalStateException("the job's toys differ from the engine loop's on " + master);
                }
            }
        }
    }

    private static Job neyman(String master, MixtureModel model, EventTable reference, int toys, int perBlock,
                              long seed, int repeats) throws Exception {
        SparkSession spark = SparkSessions.getOrCreate("nsbi neyman overhead " + master, master, Map.of());
        TaskMetricsSum tasks = new TaskMetricsSum();
        spark.sparkContext().addSparkListener(tasks);
        try {
            NeymanJob.Settings s = new NeymanJob.Settings(new double[] {1.0}, toys, perBlock, List.of(0.6827), seed,
                    new double[][] {new double[model.nuisanceCount()]}, 1.0, 0);
            Path dir = Files.createTempDirectory("nsbi-overhead-");
            NeymanJob.run(spark, model, reference, s, folder(spark, dir.resolve("warm-up"))).hashCode(); // JIT, sessions
            org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            System.out.println("  " + master + ": the file system of file: is "
                    + org.apache.hadoop.fs.FileSystem.get(java.net.URI.create("file:///"), hadoop).getClass().getSimpleName());
            double[][] runs = new double[repeats][];
            List<double[]> tByRun = new java.util.ArrayList<>();
            List<ToyOutcome> sorted = null;
            List<List<StageTime>> stages = new java.util.ArrayList<>();
            List<double[]> cpuBy = new java.util.ArrayList<>();
            List<double[]> sparkTasks = new java.util.ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                OutputFolder out = folder(spark, dir.resolve("run" + r));
                spark.sparkContext().listenerBus().waitUntilEmpty();
                double[] tasksBefore = tasks.totals();
                Map<String, Double> threads = threadCpu();
                double[] vm = vmThreadCpu();
                double[] t = clock();
                NeymanJob.Result result = NeymanJob.run(spark, model, reference, s, out);
                runs[r] = since(t);
                Map<String, Double> after = threadCpu();
                double[] vmAfter = vmThreadCpu();
                spark.sparkContext().listenerBus().waitUntilEmpty();
                double[] tasksAfter = tasks.totals();
                double[] d = new double[tasksAfter.length];
                Arrays.setAll(d, i -> tasksAfter[i] - tasksBefore[i]);
                sparkTasks.add(d);
                after.replaceAll((k, v) -> v - threads.getOrDefault(k, 0.0));
                double java = after.values().stream().mapToDouble(Double::doubleValue).sum();
                double jit = vmAfter[0] - vm[0];
                double gc = vmAfter[1] - vm[1];
                double driver = after.getOrDefault("driver (main)", 0.0);
                double taskThreads = after.getOrDefault("tasks", 0.0);
                cpuBy.add(new double[] {driver, taskThreads, java - driver - taskThreads, jit, gc, runs[r][1] - java - jit - gc});
                stages.add(result.stages());
                sorted = result.outcomes().stream().sorted((a, b) -> Integer.compare(a.toyIndex(), b.toyIndex())).toList();
                tByRun.add(sorted.stream().mapToDouble(ToyOutcome::t).toArray());
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
                    + " JIT compiler %.2f, GC %.2f, other JVM threads %.2f%n", by[0], by[1], by[2], by[3], by[4], by[5]);
            double[] st = median(sparkTasks.toArray(double[][]::new));
            System.out.printf(Locale.ROOT, "  its Spark tasks (medians): %.0f, executor CPU %.2f s, of which deserialising"
                    + " them %.3f s; serialising results %.3f s%s%n", st[0], st[1], st[2], st[3], master.equals("local[1]")
                    ? String.format(Locale.ROOT, "; the jobs' wall time outside their tasks %.3f s", st[4]) : "");
            double[] side = taskSideCosts(model, reference, perBlock, sorted, repeats, hadoop);
            System.out.printf(Locale.ROOT, "  the plan's hash of the reference (neyman_setup; measured alone, medians): on this"
                    + " thread %.3f s CPU, %.3f s wall; on the common pool's threads besides %.3f s wall%n", side[2], side[3],
                    side[4]);
            double[] m = median(runs);
            double toysStage = median(stages.stream().map(l -> l.stream().filter(x -> x.stage() == StageTime.Stage.TOYS)
                    .mapToDouble(StageTime::seconds).toArray()).toArray(double[][]::new))[0];
            return new Job(master, new double[] {m[0], m[1], by[0] + by[1] + by[2], by[1], st[2] + st[3], side[0], side[1],
                toysStage}, tByRun);
        } finally {
            spark.stop();
        }
    }

    /**
     * The engine loop and the job on local[1] in one JVM, alternating, each after its warm-up (as above): pair r is
     * engine run r then job run r, so that both sides of a ratio ran under the same load of the machine. Prints the
     * medians of each side's wall time and of the job's stages, and the median (and range) of the pairs' ratios job wall
     * / engine wall and job toys stage / engine wall; checks the job's toys against the loop's every pair.
     */
    private static void paired(MixtureModel model, EventTable reference, int toys, int perBlock, long seed, int repeats,
                               SparsePoissonSampler sampler, ProfileLikelihoodFit fit) throws Exception {
        double mu = 1.0;
        SparkSession spark = SparkSessions.getOrCreate("nsbi neyman overhead paired", "local[1]", Map.of());
        try {
            NeymanJob.Settings s = new NeymanJob.Settings(new double[] {mu}, toys, perBlock, List.of(0.6827), seed,
                    new double[][] {new double[model.nuisanceCount()]}, 1.0, 0);
            Path dir = Files.createTempDirectory("nsbi-overhead-paired-");
            ToyBlockRunner.run(seed + 1, 0, mu, 0, toys, sampler, fit); // warm-ups, as in the other modes
            NeymanJob.run(spark, model, reference, s, folder(spark, dir.resolve("warm-up"))).hashCode();
            double[][] pairs = new double[repeats][];
            List<List<StageTime>> stages = new java.util.ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                double[] t = clock();
                List<ToyOutcome> loop = ToyBlockRunner.run(seed, 0, mu, 0, toys, sampler, fit);
                double engine = since(t)[0];
                OutputFolder out = folder(spark, dir.resolve("run" + r));
                spark.sparkContext().listenerBus().waitUntilEmpty();
                t = clock();
                NeymanJob.Result result = NeymanJob.run(spark, model, reference, s, out);
                double job = since(t)[0];
                out.abandon();
                new Job("local[1]", null, List.of(result.outcomes().stream()
                        .sorted((a, b) -> Integer.compare(a.toyIndex(), b.toyIndex())).mapToDouble(ToyOutcome::t).toArray()))
                        .requireEqual(loop);
                double toysStage = result.stages().stream().filter(x -> x.stage() == StageTime.Stage.TOYS)
                        .mapToDouble(StageTime::seconds).sum();
                pairs[r] = new double[] {engine, job, toysStage, job / engine, toysStage / engine};
                stages.add(result.stages());
                System.out.printf(Locale.ROOT, "  pair %d: engine %.3f s, local[1] %.3f s (toys stage %.3f s): %.3f / %.3f%n",
                        r, engine, job, toysStage, job / engine, toysStage / engine);
            }
            double[] m = median(pairs);
            StringBuilder line = new StringBuilder("  local[1]'s stages, wall s (medians):");
            for (int k = 0; k < stages.get(0).size(); k++) {
                int stage = k;
                line.append(String.format(Locale.ROOT, " %s %.3f", stages.get(0).get(k).stage().key(),
                        median(stages.stream().map(l -> new double[] {l.get(stage).seconds()}).toArray(double[][]::new))[0]));
            }
            System.out.println(line);
            double[] ratios = Arrays.stream(pairs).mapToDouble(p -> p[3]).sorted().toArray();
            System.out.printf(Locale.ROOT, "paired: engine wall %.3f s, local[1] wall %.3f s, toys stage %.3f s (medians);"
                    + " per pair local[1] wall / engine wall median %.3f (%.3f to %.3f), toys stage / engine wall median %.3f;"
                    + " the job's toys equal the loop's bit for bit%n", m[0], m[1], m[2], m[3], ratios[0],
                    ratios[ratios.length - 1], m[4]);
        } finally {
            spark.stop();
        }
    }

    /**
     * CPU seconds on this thread of what a run does besides the toys (medians of repeats): {the workload's set-up (the
     * point's Asimov weights and alias table, the fit: {@link ToyWorkload}), the blocks' checkpoint files (encoded and
     * written, {@link ToyCheckpoints#write}), the plan's hash of the reference on this thread ({@link NeymanPlan#sha256}),
     * and its wall seconds on this thread and on the common pool's threads besides}.
     */
    private static double[] taskSideCosts(MixtureModel model, EventTable reference, int perBlock, List<ToyOutcome> loop,
                                          int repeats, org.apache.hadoop.conf.Configuration hadoop) throws Exception {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        double[] alpha = new double[model.nuisanceCount()];
        List<ToyBlockTask> blocks = ToyBlockTask.range(0, 1.0, 0, loop.size(), perBlock);
        double[][] runs = new double[repeats][];
        for (int r = 0; r < repeats; r++) {
            long t0 = bean.getCurrentThreadCpuTime();
            ToyWorkload w = new ToyWorkload(model, reference, new double[] {1.0}, new double[][] {alpha});
            w.sampler(0);
            w.fit();
            long t1 = bean.getCurrentThreadCpuTime();
            Path dir = Files.createTempDirectory("nsbi-overhead-checkpoints-");
            ToyCheckpoints c = ToyCheckpoints.open(dir.toString(), "plan", hadoop);
            for (ToyBlockTask b : blocks) {
                c.write(b, loop.subList(b.fromToy(), b.toToy()));
            }
            long t2 = bean.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            NeymanPlan.sha256(reference, model.nuisanceCount(), false);
            long t3 = bean.getCurrentThreadCpuTime();
            long w1 = System.nanoTime();
            NeymanPlan.sha256(reference, model.nuisanceCount(), true);
            long w2 = System.nanoTime();
            runs[r] = new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (w1 - w0) / 1e9, (w2 - w1) / 1e9};
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return median(runs);
    }

    /**
     * Sums of the finished Spark tasks' metrics and of the jobs' wall time: {tasks, executor CPU s, deserialisation CPU s,
     * result serialisation s, the jobs' wall time outside their tasks s (from a job's start to its end, less its tasks'
     * run and deserialisation time: scheduling, launching, the results' way to the driver; printed for one task thread,
     * where the tasks do not overlap)}.
     */
    private static final class TaskMetricsSum extends SparkListener {
        private final double[] sums = new double[5];

        @Override
        public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
            TaskMetrics m = end.taskMetrics();
            if (m != null) {
                sums[0] += 1;
                sums[1] += m.executorCpuTime() / 1e9;
                sums[2] += m.executorDeserializeCpuTime() / 1e9;
                sums[3] += m.resultSerializationTime() / 1e3;
                sums[4] -= (m.executorRunTime() + m.executorDeserializeTime()) / 1e3;
            }
        }

        @Override
        public synchronized void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
            sums[4] -= start.time() / 1e3;
        }

        @Override
        public synchronized void onJobEnd(org.apache.spark.scheduler.SparkListenerJobEnd end) {
            sums[4] += end.time() / 1e3;
        }

        synchronized double[] totals() {
            return sums.clone();
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

    /**
     * CPU seconds so far of the JVM's own threads, by their Linux names in /proc/self/task: {JIT compiler threads
     * ("C1/C2 CompilerThre"), garbage collector threads ("GC Thread#", "G1 ...")}; zeros where /proc is not there.
     */
    private static double[] vmThreadCpu() {
        double[] cpu = new double[2];
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return cpu;
        }
        for (java.io.File task : tasks) {
            try {
                String name = Files.readString(task.toPath().resolve("comm")).strip();
                int kind = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? 0
                        : name.startsWith("GC Thread") || name.startsWith("G1 ") ? 1 : -1;
                if (kind >= 0) {
                    String stat = Files.readString(task.toPath().resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    cpu[kind] += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks
                }
            } catch (java.io.IOException | RuntimeException e) {
                // the thread ended while we looked
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
        System.out.printf(Locale.ROOT, "%-26s %6.2f s wall, %6.2f s CPU: %6.0f toys per CPU-second%s%n",
                what + ":", t[0], t[1], toys / t[1], engine == null ? "" : String.format(Locale.ROOT,
                        "; CPU / engine CPU %.2f", t[1] / engine[1]));
    }
}
