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
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.session.SparkSessions;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyBlockRunner;

/**
 * The neyman job's overhead over the engine, in one run on the same toys (one grid point, &mu; = 1, seed 3):
 * the engine's one-thread loop ({@link ToyBlockRunner} over toys 0..N with the sparse sampler), then
 * {@link NeymanJob#run} on local[1] and on local[2] (each after a warm-up run), with the job's own
 * toys-per-block setting. Prints wall seconds and this process's CPU seconds of each, the job's CPU over
 * the engine loop's, and local[1]/local[2] wall time. The toys' t of the job equal the loop's (checked).
 * <p>Usage: NeymanOverheadBenchmark TABLE [toys, default 10000] [toys per block, default 25], TABLE as written
 * by nsbi-model's OffshellExactTable. Run by bench/pipeline-benchmark.sh.
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
        int perBlock = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        double mu = 1.0;
        double[] alpha = new double[model.nuisanceCount()];
        long seed = 3;

        SparsePoissonSampler sampler = SparsePoissonSampler.of(AsimovWeights.compute(model, reference, mu, alpha).weights(), alpha);
        ProfileLikelihoodFit fit = new ProfileLikelihoodFit(model, reference);
        ToyBlockRunner.run(seed + 1, 0, mu, 0, Math.min(toys, 2000), sampler, fit); // warm-up
        double[] engine = clock();
        List<org.nsbi.stats.toys.ToyOutcome> loop = ToyBlockRunner.run(seed, 0, mu, 0, toys, sampler, fit);
        engine = since(engine);
        System.out.printf(Locale.ROOT, "%d toys at mu = %.1f on %d reference events, %d toys per block%n", toys, mu,
                reference.size(), perBlock);
        report("engine loop, one thread", toys, engine, engine);

        double[] one = neyman("local[1]", model, reference, toys, perBlock, seed, loop);
        report("neyman job, local[1]", toys, one, engine);
        double[] two = neyman("local[2]", model, reference, toys, perBlock, seed, loop);
        report("neyman job, local[2]", toys, two, engine);
        System.out.printf(Locale.ROOT, "local[1] wall / engine wall: %.2f; local[1] / local[2] wall: %.2fx%n",
                one[0] / engine[0], one[0] / two[0]);
    }

    private static double[] neyman(String master, MixtureModel model, EventTable reference, int toys, int perBlock,
                                   long seed, List<org.nsbi.stats.toys.ToyOutcome> loop) throws Exception {
        SparkSession spark = SparkSessions.getOrCreate("nsbi neyman overhead " + master, master, Map.of());
        try {
            NeymanJob.Settings s = new NeymanJob.Settings(new double[] {1.0}, toys, perBlock, List.of(0.6827), seed,
                    new double[][] {new double[model.nuisanceCount()]}, 1.0, 0);
            Path dir = Files.createTempDirectory("nsbi-overhead-");
            NeymanJob.run(spark, model, reference, s, folder(spark, dir.resolve("warm-up"))); // JIT, sampler cache
            OutputFolder out = folder(spark, dir.resolve("run"));
            double[] t = clock();
            NeymanJob.Result r = NeymanJob.run(spark, model, reference, s, out);
            t = since(t);
            double[] job = r.outcomes().stream().sorted((a, b) -> Integer.compare(a.toyIndex(), b.toyIndex()))
                    .mapToDouble(o -> o.t()).toArray();
            double[] expected = loop.stream().mapToDouble(o -> o.t()).toArray();
            if (!Arrays.equals(job, expected)) {
                throw new IllegalStateException("the job's toys differ from the engine loop's on " + master);
            }
            out.abandon();
            return t;
        } finally {
            spark.stop();
        }
    }

    private static OutputFolder folder(SparkSession spark, Path p) {
        return OutputFolder.create(p.toString(), OutputFolder.ExistingPolicy.REFUSE, spark.sparkContext().hadoopConfiguration());
    }

    /** {wall seconds, process CPU seconds} now. */
    private static double[] clock() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new double[] {System.nanoTime() / 1e9, os.getProcessCpuTime() / 1e9};
    }

    private static double[] since(double[] start) {
        double[] now = clock();
        return new double[] {now[0] - start[0], now[1] - start[1]};
    }

    private static void report(String what, int toys, double[] t, double[] engine) {
        System.out.printf(Locale.ROOT, "%-26s %6.2f s wall, %6.2f s CPU: %6.0f toys per CPU-second; CPU / engine CPU %.2f%n",
                what + ":", t[0], t[1], toys / t[1], t[1] / engine[1]);
    }
}
