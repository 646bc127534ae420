package org.nsbi.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.analysis.AnalysisModel;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.AnalysisConfigParser;
import org.nsbi.model.offshell.OffshellEvents;
import org.nsbi.model.offshell.OffshellSample;
import org.nsbi.model.offshell.OffshellSimulator;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.model.score.ScoredColumns;
import org.nsbi.model.score.ScoringPlan;
import org.nsbi.spark.io.HadoopFileAccess;
import org.nsbi.spark.io.OutputFolder;
import org.nsbi.spark.neyman.NeymanJob;
import org.nsbi.spark.session.SparkSessions;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.DensePoissonSampler;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.ToyBlockRunner;

/**
 * The pipeline's speed, measured in one run on this machine's cores, each figure against the straightforward
 * method on the same data:
 * <ol>
 * <li>scoring: events/s of the ratio networks through Spark (blocks in an RDD, local[2]) against a plain
 * ONNX Runtime loop over the same blocks on 2 threads;</li>
 * <li>toys: toys/s/core of the neyman job (sparse sampler, local[2]) against a one-thread loop of whole toys
 * with the dense per-event sampler;</li>
 * </ol>
 * The neyman job on local[1] against local[2] and the engine loop is {@link org.nsbi.spark.neyman.NeymanOverheadBenchmark}.
 * Usage: PipelineBenchmark CONFIG [reference events, default 300000] [toys, default 2000]
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        AnalysisConfig config = AnalysisConfigParser.withDefaults().parse(Path.of(args[0]));
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        int toys = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        MixtureModel model = AnalysisModel.mixture(config);
        ScoringPlan plan = ScoringPlan.of(config, new HadoopFileAccess(new Configuration()));
        List<EventBlock> blocks = new ArrayList<>();
        for (String sample : List.of("S", "B", "NI")) {
            OffshellSample s = OffshellSample.byName(sample);
            int n = events / 3;
            for (int b = 0; b < OffshellSimulator.numBlocks(n, 4096); b++) {
                OffshellEvents e = OffshellSimulator.block(s, 5, b, 4096, n);
                float[] w = new float[e.size()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) e.weight()[i];
                }
                blocks.add(new EventBlock(blocks.size(), e.features(), w, Map.of()));
            }
        }
        int total = blocks.stream().mapToInt(EventBlock::size).sum();
        System.out.printf(Locale.ROOT, "%d reference events in %d blocks, %d ratio columns (ONNX ensembles of %s)%n",
                total, blocks.size(), plan.columnNames().size(), args[0]);

        // 1. plain loop, 2 threads
        plainScoring(plan, blocks); // warm-up
        long t0 = System.nanoTime();
        List<EventBlock> scored = plainScoring(plan, blocks);
        double plainRate = total / ((System.nanoTime() - t0) / 1e9);

        SparkSession spark = SparkSessions.getOrCreate("nsbi benchmark", "local[2]", Map.of());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<ScoringPlan> shipped = jsc.broadcast(plan);
        JavaRDD<EventBlock> rdd = jsc.parallelize(blocks, 8).cache();
        rdd.count();
        sparkScoring(rdd, shipped); // warm-up
        t0 = System.nanoTime();
        long n = sparkScoring(rdd, shipped);
        double sparkRate = n / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "scoring: Spark local[2] %.0f events/s, plain ONNX Runtime loop on 2 threads %.0f events/s:"
                + " Spark at %.0f%% of the plain loop%n", sparkRate, plainRate, 100 * sparkRate / plainRate);

        // 2. toys
        EventTable reference = table(model, scored);
        double[] grid = {1.0};
        double[][] alpha = {new double[model.nuisanceCount()]};
        double seconds2 = neyman(spark, model, reference, grid, alpha, toys);
        double sparseRate = toys / seconds2 / 2;
        double[] wA = AsimovWeights.compute(model, reference, 1.0, alpha[0]).weights();
        int denseToys = Math.max(20, toys / 50);
        t0 = System.nanoTime();
        ToyBlockRunner.run(1, 0, 1.0, 0, denseToys, DensePoissonSampler.of(wA, alpha[0]), new ProfileLikelihoodFit(model, reference));
        double denseRate = denseToys / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "toys: neyman on local[2] %.0f toys/s/core (sparse sampler), dense per-event sampler loop"
                + " %.1f toys/s on one core: %.0fx%n", sparseRate, denseRate, sparseRate / denseRate);

        spark.stop();
    }

    private static List<EventBlock> plainScoring(ScoringPlan plan, List<EventBlock> blocks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<EventBlock>>> parts = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                parts.add(pool.submit(() -> {
                    ScoringPlan.Scorer scorer = plan.newScorer("benchmark sample", List.of());
                    List<EventBlock> out = new ArrayList<>();
                    for (int i = thread; i < blocks.size(); i += 2) {
                        out.add(scorer.score(blocks.get(i)));
                    }
                    return out;
                }));
            }
            List<EventBlock> all = new ArrayList<>();
            for (Future<List<EventBlock>> f : parts) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdown();
        }
    }

    private static long sparkScoring(JavaRDD<EventBlock> rdd, Broadcast<ScoringPlan> plan) {
        return rdd.mapPartitions(it -> {
            ScoringPlan.Scorer scorer = plan.value().newScorer("benchmark sample", List.of());
            long n = 0;
            while (it.hasNext()) {
                n += scorer.score(it.next()).size();
            }
            return List.of(n).iterator();
        }).reduce(Long::sum);
    }

    private static double neyman(SparkSession spark, MixtureModel model, EventTable reference, double[] grid,
                                 double[][] alpha, int toys) throws Exception {
        Path dir = Files.createTempDirectory("nsbi-bench-");
        OutputFolder out = OutputFolder.create(dir.resolve("run").toString(), OutputFolder.ExistingPolicy.REFUSE,
                spark.sparkContext().hadoopConfiguration());
        NeymanJob.Settings s = new NeymanJob.Settings(grid, toys, 25, List.of(0.6827), 3, alpha, 1.0, 0);
        NeymanJob.run(spark, model, reference, s, out); // warm-up of the JIT and the sampler cache
        OutputFolder out2 = OutputFolder.create(dir.resolve("run2").toString(), OutputFolder.ExistingPolicy.REFUSE,
                spark.sparkContext().hadoopConfiguration());
        long t0 = System.nanoTime();
        NeymanJob.run(spark, model, reference, s, out2);
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.abandon();
        out2.abandon();
        return seconds;
    }

    private static EventTable table(MixtureModel model, List<EventBlock> scored) {
        int n = scored.stream().mapToInt(EventBlock::size).sum();
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        float[] w = new float[n];
        float[][] r = new float[nc][n];
        float[][][] up = new float[nc][nk][];
        float[][][] down = new float[nc][nk][];
        int at = 0;
        for (EventBlock b : scored) {
            System.arraycopy(b.weights(), 0, w, at, b.size());
            for (int c = 0; c < nc; c++) {
                String name = model.process(c).name();
                System.arraycopy(b.columns().get(ScoredColumns.process(name)), 0, r[c], at, b.size());
                for (int k = 0; k < nk; k++) {
                    if (model.process(c).shape()[k]) {
                        if (up[c][k] == null) {
                            up[c][k] = new float[n];
                            down[c][k] = new float[n];
                        }
                        String np = model.nuisances().get(k);
                        System.arraycopy(b.columns().get(ScoredColumns.shape(name, np, 1)), 0, up[c][k], at, b.size());
                        System.arraycopy(b.columns().get(ScoredColumns.shape(name, np, -1)), 0, down[c][k], at, b.size());
                    }
                }
            }
            at += b.size();
        }
        return EventTable.of(model, w, r, up, down);
    }
}
