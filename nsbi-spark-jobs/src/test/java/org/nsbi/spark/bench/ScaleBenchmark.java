package org.nsbi.spark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.synthetic.SyntheticAnalysis;
import org.nsbi.model.synthetic.SyntheticSpec;
import org.nsbi.spark.distributed.DistributedEvents;
import org.nsbi.spark.distributed.DistributedNll;
import org.nsbi.spark.neyman.DistributedToys;
import org.nsbi.spark.jobs.SyntheticJob;
import org.nsbi.spark.session.SparkSessions;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.belt.BeltPoint;
import org.nsbi.stats.interval.ObservedScan;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.ColumnarNll;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.EventTables;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.PseudoExperiment;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyBlockRunner;

/**
 * The scale benchmark on the synthetic analysis (run on purpose, not in CI; bench/scale-benchmark.sh).
 * <ul>
 * <li>{@code stages N TOYS}: per stage wall time with the reference sample on the executors (generate, Asimov
 * weights, Asimov interval, TOYS distributed toys at one &mu;, observed interval), the single-JVM Asimov interval
 * on the same events for the ratio, and the peak heap of this JVM (in local mode it also hosts the executors).</li>
 * <li>{@code kscan N TOYS K...}: per K (10% shape, at least one; or S+Y: S shape and Y yield-only), CPU per toy (sparse sampler and fit, one thread,
 * after a warm-up of at least 5 s of CPU and until two successive 200 toys take the same CPU within 5 %, so that the JIT
 * has compiled the loops also on a loaded machine), NLL
 * evaluations with the Hessian per toy (Newton steps tried), CPU per such evaluation within a toy's fits,
 * ns per event per NLL evaluation with gradient and Hessian, and the share of shape parameters that end on a
 * bound in the global fits; the evaluations split into the conditional and the global fits'. A K named more than
 * once is measured again in the same run; at the end, per K, the median CPU per toy over its repeats and its ratio
 * to the first K's.</li>
 * </ul>
 */
public final class ScaleBenchmark {

    private ScaleBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: ScaleBenchmark stages N TOYS [SCAN_STEPS] | kscan N TOYS K...");
        }
        long n = Long.parseLong(args[1]);
        int toys = Integer.parseInt(args[2]);
        if (args[0].equals("stages")) {
            stages(n, toys, args.length > 3 ? Integer.parseInt(args[3]) : 10);
        } else {
            List<String> ks = new ArrayList<>();
            for (int i = 3; i < args.length; i++) {
                ks.add(args[i]);
            }
            kscan((int) n, toys, ks);
        }
    }

    private static void stages(long n, int toys, int scanSteps) {
        // local[2], or the master spark-submit gives (bench/scale-cluster.sh: a standalone cluster, this JVM its driver)
        SparkSession spark = SparkSessions.getOrCreate("nsbi-scale-benchmark", System.getProperty("spark.master", "local[2]"),
                Map.of());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SyntheticAnalysis analysis = SyntheticAnalysis.of(new SyntheticSpec(4, 2, 1, n, 50_000, 1));
        MixtureModel model = analysis.model();
        double[] zero = new double[model.nuisanceCount()];
        System.out.printf(Locale.ROOT, "synthetic analysis: %d reference events in %d blocks, C = 4, K = 3 (2 shape), %s;"
                + " scans of %d steps%n", n, analysis.spec().blocks(), spark.sparkContext().master(), scanSteps);
        // the kernels compiled before any stage is timed (else the first stage to run pays the JIT for the others):
        // three single-JVM Asimov intervals on the first block
        EventTable first = analysis.referenceBlock(0).table();
        long w0 = start();
        for (int rep = 0; rep < 3; rep++) {
            ObservedScan.run(Nll.of(model, first, AsimovWeights.compute(model, first, 1.0, zero).weights(), zero), belt(), 10);
        }
        report("warm-up (not a stage): 3 single-JVM Asimov intervals on " + first.size() + " events", w0);
        resetPeaks();
        long t0 = start();
        try (DistributedEvents reference = DistributedEvents.of(SyntheticJob.reference(jsc, analysis, jsc.defaultParallelism()), model)) {
            reference.events();
            report("generate (on executors)", t0);
            t0 = start();
            double interval;
            try (DistributedEvents.Asimov asimov = reference.asimov(1.0, zero)) {
                report(String.format(Locale.ROOT, "Asimov weights (closure %.4f)", asimov.closure()), t0);
                t0 = start();
                ObservedScan.Result r = ObservedScan.run(asimov.nll().nll(), belt(), scanSteps);
                interval = report("Asimov interval, distributed (" + jobs(asimov.nll()) + ", columns "
                        + (asimov.nll().columnsCached() ? "cached" : "rebuilt per job") + ", mu-hat "
                        + String.format(Locale.ROOT, "%.4f", r.global().mu()) + ")", t0);
            }
            t0 = start();
            DistributedToys.run(reference, new double[] {1.0}, new double[][] {zero}, toys, 7, 4 * jsc.defaultParallelism());
            double toySeconds = report(toys + " toys at mu = 1, distributed", t0);
            System.out.printf(Locale.ROOT, "ratio: Asimov interval / %d toys = %.2f%n", toys, interval / toySeconds);
            SyntheticAnalysis.Observation obs = analysis.observed(1.0, 0);
            t0 = start();
            try (DistributedEvents data = DistributedEvents.split(jsc, obs.events().table(), 2 * jsc.defaultParallelism(), model);
                 DistributedNll nll = data.nll(obs.aux())) {
                ObservedScan.run(nll.nll(), belt(), scanSteps);
                report("observed interval, distributed (" + obs.events().table().size() + " events, " + jobs(nll) + ")", t0);
            }
        }
        double peak = peakHeapMb();
        if (n <= 2_000_000 && spark.sparkContext().isLocal()) {
            // the single-JVM Asimov interval on the same events, for the ratio
            List<EventTable> blocks = new ArrayList<>();
            for (int b = 0; b < analysis.spec().blocks(); b++) {
                blocks.add(analysis.referenceBlock(b).table());
            }
            EventTable whole = EventTables.concat(model, blocks);
            blocks.clear();
            t0 = start();
            Nll single = Nll.of(model, whole, AsimovWeights.compute(model, whole, 1.0, zero).weights(), zero);
            ObservedScan.run(single, belt(), scanSteps);
            report("Asimov weights + interval, single JVM (one thread)", t0);
        }
        System.out.printf(Locale.ROOT, "peak heap of this JVM during the distributed stages: %.0f MB (%s)%n", peak,
                spark.sparkContext().isLocal() ? "local mode: driver and executors" : "the driver alone");
        spark.stop();
    }

    private static void kscan(int n, int toys, List<String> ks) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "K-scan: %d reference events, C = 4, 10%% of K shape, %d toys at mu = 1 on one thread%n", n, toys);
        System.out.println("K,K_shape,K_yield,cpu_ms_per_toy,hessian_evaluations_per_toy,cpu_us_per_hessian_evaluation,"
                + "ns_per_event_per_evaluation,shape_parameters_on_a_bound_percent,conditional_hessian_evaluations_per_toy,"
                + "global_hessian_evaluations_per_toy");
        // CPU per toy of each spec, over its repeats in this run (a spec named more than once is measured again)
        Map<String, List<Double>> cpuOf = new java.util.LinkedHashMap<>();
        for (String spec : ks) {
            KscanToys setup = KscanToys.of(n, spec);
            int k = setup.k();
            int shape = setup.shape();
            MixtureModel model = setup.model();
            EventTable ref = setup.reference();
            double[] zero = new double[k];
            SparsePoissonSampler sampler = setup.sampler();
            ProfileLikelihoodFit fit = new ProfileLikelihoodFit(model, ref);
            // warm-up: at least toys/2 toys and 5 s of CPU (the JIT's threads share the cores with everything else), and
            // until the CPU per toy of the last 200 toys is within 5 % of the 200 before (on a loaded machine C2 can still
            // be compiling the kernel after 5 s, and the measured toys ran partly in its slow uncompiled form), at most 60 s
            long warm = threads.getCurrentThreadCpuTime();
            long blockStart = warm;
            double lastBlock = Double.NaN;
            boolean steady = false;
            for (int done = 0; done < Math.max(20, toys / 2) || !steady; done += 20) {
                ToyBlockRunner.run(13, 0, 1.0, done, done + 20, sampler, fit);
                long now = threads.getCurrentThreadCpuTime();
                if ((done + 20) % 200 == 0) {
                    double block = now - blockStart;
                    steady = now - warm >= 5_000_000_000L && Math.abs(block - lastBlock) <= 0.05 * lastBlock
                            || now - warm >= 60_000_000_000L;
                    lastBlock = block;
                    blockStart = now;
                }
            }
            long cpu = threads.getCurrentThreadCpuTime();
            ToyBlockRunner.run(11, 0, 1.0, 0, toys, sampler, fit);
            double perToy = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / toys;
            // the same toys' fits on one NLL, counting its evaluations with the Hessian
            ColumnarNll counted = new ColumnarNll(model);
            TestStatistic statistic = TestStatistic.withDefaults();
            int countedToys = Math.min(toys, 200);
            long fitStart = threads.getCurrentThreadCpuTime();
            int onBound = 0;
            for (int i = 0; i < countedToys; i++) {
                PseudoExperiment pe = sampler.draw(ToyRandom.of(11, "toy", ToyRandom.muKey(1.0), i));
                counted.load(ref, pe.eventIndex(), java.util.Arrays.stream(pe.count()).asDoubleStream().toArray(), pe.aux());
                TestStatistic.Result r = statistic.at(counted, 1.0);
                for (int j = 0; j < shape && r.global().converged(); j++) {
                    onBound += r.global().alphaAtBound()[j] ? 1 : 0; // the shape parameters come first
                }
            }
            double fitMs = (threads.getCurrentThreadCpuTime() - fitStart) / 1e6 / countedToys;
            double hessians = counted.hessianCounts().values().stream().mapToLong(Long::longValue).sum()
                    / (double) countedToys;
            // one evaluation with gradient and Hessian on 10^4 events, median of 5 timings of 20
            int m = Math.min(10_000, ref.size());
            int[] idx = new int[m];
            for (int i = 0; i < m; i++) {
                idx[i] = i;
            }
            Nll nll = Nll.of(model, ref.gather(idx), null, zero);
            double[] theta = new double[k + 1];
            theta[0] = 1;
            for (int j = 1; j <= k; j++) {
                theta[j] = 0.1;
            }
            double[] g = new double[k + 1];
            double[] h = new double[(k + 1) * (k + 1)];
            double[] times = new double[5];
            for (int rep = 0; rep < times.length; rep++) {
                long c0 = threads.getCurrentThreadCpuTime();
                for (int e = 0; e < 20; e++) {
                    nll.evaluate(theta, g, h);
                }
                times[rep] = (threads.getCurrentThreadCpuTime() - c0) / 20.0 / m;
            }
            java.util.Arrays.sort(times);
            Map<Nll.Stage, Long> byStage = counted.hessianCounts();
            cpuOf.computeIfAbsent(shape + "+" + (k - shape), x -> new ArrayList<>()).add(perToy);
            System.out.printf(Locale.ROOT, "%d,%d,%d,%.3f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f%n", k, shape, k - shape, perToy, hessians,
                    1e3 * fitMs / hessians, times[2], 100.0 * onBound / (shape * countedToys),
                    byStage.get(Nll.Stage.CONDITIONAL) / (double) countedToys, byStage.get(Nll.Stage.GLOBAL) / (double) countedToys);
        }
        // per shape+yield-only split: the median CPU per toy over its repeats, and its ratio to the first split's
        System.out.println("K_shape+K_yield,repeats,median_cpu_ms_per_toy,ratio_to_first");
        double first = Double.NaN;
        for (Map.Entry<String, List<Double>> e : cpuOf.entrySet()) {
            List<Double> v = new ArrayList<>(e.getValue());
            java.util.Collections.sort(v);
            int m = v.size();
            double median = m % 2 == 1 ? v.get(m / 2) : 0.5 * (v.get(m / 2 - 1) + v.get(m / 2));
            if (Double.isNaN(first)) {
                first = median;
            }
            System.out.printf(Locale.ROOT, "%s,%d,%.3f,%.2f%n", e.getKey(), m, median, median / first);
        }
    }

    /** A distributed NLL's jobs so far: how many, the requests they answered, and their wall time. */
    private static String jobs(DistributedNll nll) {
        return String.format(Locale.ROOT, "%d Spark jobs, %d evaluations, %.1f s in jobs", nll.jobs(), nll.requests(),
                nll.jobSeconds());
    }

    private static Belt belt() {
        StringBuilder csv = new StringBuilder(BeltPoint.CSV_HEADER).append('\n');
        for (int m = 0; m <= 6; m++) {
            csv.append(m * 0.5).append(",0.6827,1,1,1,100,0,0,1,false,0\n");
            csv.append(m * 0.5).append(",0.9545,4,4,4,100,0,0,1,false,0\n");
        }
        return Belt.fromCsv(csv.toString(), "benchmark belt (t_c = 1 and 4)");
    }

    /** Marks a stage's start: wall clock (returned) and process CPU. */
    private static long start() {
        cpuAtStart = processCpuSeconds();
        return System.nanoTime();
    }

    /** The process's CPU seconds when the last stage started (in local mode: driver and executors). */
    private static double cpuAtStart = processCpuSeconds();

    private static double report(String stage, long startNanos) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        double cpu = processCpuSeconds();
        System.out.printf(Locale.ROOT, "%-70s %8.2f s  %8.2f CPU s   heap peak so far %6.0f MB%n", stage, s,
                cpu - cpuAtStart, peakHeapMb());
        cpuAtStart = cpu;
        return s;
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    private static double peakHeapMb() {
        double sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / (1 << 20);
    }
}
