package org.nsbi.spark.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nsbi.model.UserError;
import org.nsbi.model.offshell.OffshellEvents;
import org.nsbi.model.offshell.OffshellObservation;
import org.nsbi.model.offshell.OffshellSample;
import org.nsbi.model.offshell.OffshellSimulator;
import org.nsbi.model.output.SimulateSummary;
import org.nsbi.model.progress.ProgressLine;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.spark.io.EventBlockRows;
import org.nsbi.spark.io.OutputFolder;

/**
 * Generates samples of the off-shell toy (spec {@code offshell-toy.md}) in parallel on Spark and
 * writes them as per-event Parquet tables ({@code m, c, y, weight}), the form users bring their own
 * Monte Carlo in. Block b of a sample is a pure function of (seed, sample, b), so the events do not
 * depend on how many executors made them.
 *
 * <p>Writes {@code samples/<name>/} for each sample and, when asked, {@code observed/} with
 * {@code observed.json} (truth, N_obs, aux measurements).
 */
public final class SimulateJob {

    /** What to simulate. */
    public record Settings(List<String> samples, long eventsPerSample, int blockSize, long seed,
                           Double observedMu, double[] observedAlpha) {
        public Settings {
            if (eventsPerSample < 1) {
                throw new UserError("--events = " + eventsPerSample + "; expected at least 1 event per sample");
            }
            if (blockSize < 1) {
                throw new UserError("--block-size = " + blockSize + "; expected at least 1");
            }
            samples.forEach(OffshellSample::byName);
            if (observedMu != null && observedMu < 0) {
                throw new UserError("--observed-mu = " + observedMu + "; expected mu >= 0");
            }
        }
    }

    private SimulateJob() {
    }

    /** Writes the samples into the output's staging folder and returns simulate.json's record (seconds 0). */
    public static SimulateSummary run(SparkSession spark, Settings settings, OutputFolder out) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int blocks = OffshellSimulator.numBlocks(settings.eventsPerSample(), settings.blockSize());
        ProgressLine progress = ProgressLine.onStderr("simulate", "samples", settings.samples().size());
        Map<String, SimulateSummary.Sample> written = new LinkedHashMap<>();
        for (String name : settings.samples()) {
            spark.sparkContext().setJobDescription("nsbi simulate " + name);
            List<Integer> indices = IntStream.range(0, blocks).boxed().toList();
            int slices = Math.max(1, Math.min(blocks, jsc.defaultParallelism() * 4));
            long seed = settings.seed();
            long total = settings.eventsPerSample();
            int blockSize = settings.blockSize();
            JavaRDD<Row> rows = jsc.parallelize(indices, slices)
                    .map(b -> blockRow(name, seed, b, blockSize, total));
            String path = out.stagingPath("samples/" + name);
            spark.createDataFrame(rows, EventBlockRows.schema(OffshellEvents.FEATURES, List.of()))
                    .selectExpr("inline(arrays_zip(m, c, y, weight))")
                    .write().parquet(path);
            written.put(name, new SimulateSummary.Sample(total, OffshellSample.byName(name).yield(), "samples/" + name));
            progress.advance(1);
        }
        SimulateSummary.Observed observed = settings.observedMu() != null ? writeObserved(spark, settings, out) : null;
        return new SimulateSummary("simulate", settings.seed(), written, observed, 0);
    }

    private static Row blockRow(String sample, long seed, int block, int blockSize, long total) {
        OffshellEvents e = OffshellSimulator.block(OffshellSample.byName(sample), seed, block, blockSize, total);
        return EventBlockRows.toRow(new EventBlock(block, e.features(), EventBlock.toFloat(e.weight()), Map.of()));
    }

    private static SimulateSummary.Observed writeObserved(SparkSession spark, Settings settings, OutputFolder out) {
        OffshellObservation obs = OffshellSimulator.observed(settings.observedMu(), settings.observedAlpha(), settings.seed());
        OffshellEvents e = obs.events();
        List<Row> rows = new ArrayList<>();
        rows.add(EventBlockRows.toRow(new EventBlock(0, e.features(), EventBlock.toFloat(e.weight()), Map.of())));
        spark.sparkContext().setJobDescription("nsbi simulate observed");
        spark.createDataFrame(rows, EventBlockRows.schema(OffshellEvents.FEATURES, List.of()))
                .selectExpr("inline(arrays_zip(m, c, y, weight))")
                .coalesce(1)
                .write().parquet(out.stagingPath("observed"));
        return new SimulateSummary.Observed(obs.mu(), obs.alpha(), e.size(), obs.aux(), "observed");
    }
}
