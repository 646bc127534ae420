package org.nsbi.spark.distributed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.model.score.ScoredColumns;
import org.nsbi.spark.io.EventBlockRows;
import org.nsbi.spark.io.InputTables;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.EventPart;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.KeyedBlock;
import org.nsbi.stats.model.MixtureModel;
import scala.Tuple2;

/**
 * A data set (a scored reference sample, observed data) kept on the executors as blocks of events
 * ({@link EventTable}, one per scored block or generated block), never collected to the driver. What the
 * likelihood needs of it is computed where the blocks are: &Sigma;w, the Asimov weights and their closure, and
 * the NLL as a {@link DistributedNll}. The blocks are persisted (MEMORY_AND_DISK) until {@link #close()}.
 */
public final class DistributedEvents implements AutoCloseable {

    private final JavaRDD<KeyedBlock> blocks;
    private final MixtureModel model;
    private long events = -1;
    private long blockCount = -1;
    /** The model for the executors' tasks, sent once per executor (null until first needed). */
    private Broadcast<MixtureModel> shared;

    private DistributedEvents(JavaRDD<KeyedBlock> blocks, MixtureModel model) {
        this.blocks = blocks.persist(StorageLevel.MEMORY_AND_DISK());
        this.model = model;
    }

    /** The blocks {@code blocks} of a data set of {@code model}. */
    public static DistributedEvents of(JavaRDD<KeyedBlock> blocks, MixtureModel model) {
        return new DistributedEvents(blocks, model);
    }

    /** A table held by the driver (e.g. observed data, small), cut into {@code parts} blocks of consecutive events. */
    public static DistributedEvents split(JavaSparkContext jsc, EventTable table, int parts, MixtureModel model) {
        int p = Math.max(1, Math.min(parts, table.size()));
        List<KeyedBlock> blocks = new ArrayList<>();
        for (int b = 0; b < p; b++) {
            int from = (int) ((long) table.size() * b / p);
            int to = (int) ((long) table.size() * (b + 1) / p);
            int[] idx = new int[to - from];
            for (int i = from; i < to; i++) {
                idx[i - from] = i;
            }
            blocks.add(new KeyedBlock(b, table.gather(idx)));
        }
        return of(jsc.parallelize(blocks, p), model);
    }

    /**
     * The block table of a {@code score} output (scored/reference or scored/observed), read by the executors:
     * one {@link EventTable} per scored block, keyed by the block's id, each process ratio r_c multiplied by
     * {@code ratioScale[c]} ({@code normalise_ratios}), or as scored when it is null.
     */
    public static DistributedEvents scored(SparkSession spark, String path, String[] features, MixtureModel model,
                                           double[] ratioScale) {
        double[] scale = ratioScale == null ? null : ratioScale.clone();
        MixtureModel layout = model.withoutReference(); // in the blocks' lineage, sent with every evaluation's tasks
        JavaRDD<KeyedBlock> blocks = InputTables.parquet(spark, "scored event blocks (the scored/ folder of 'nsbi score')", path)
                .javaRDD().map(row -> {
                    EventBlock b = EventBlockRows.fromRow(row, features);
                    return new KeyedBlock(b.blockId(), ScoredColumns.table(layout, scaled(b, layout, scale)));
                });
        return of(blocks, model);
    }

    /** The block with each process ratio column r_c multiplied by scale[c] (the block itself when scale is null). */
    private static EventBlock scaled(EventBlock b, MixtureModel model, double[] scale) {
        if (scale == null) {
            return b;
        }
        Map<String, float[]> columns = new LinkedHashMap<>(b.columns());
        for (int c = 0; c < model.processCount(); c++) {
            String name = ScoredColumns.process(model.process(c).name());
            float[] r = columns.get(name);
            if (r != null) {
                float[] s = new float[r.length];
                for (int i = 0; i < r.length; i++) {
                    s[i] = (float) (r[i] * scale[c]);
                }
                columns.put(name, s);
            }
        }
        return new EventBlock(b.blockId(), b.features(), b.weights(), columns);
    }

    /**
     * &Sigma;_i w_i over every block, summed on the driver in key order from one number per block, so it is the
     * same to the last bit however the blocks are spread (the Asimov weights and the toys depend on it).
     */
    public double sumOfWeights() {
        List<Tuple2<Long, Double>> sums = new ArrayList<>(
                blocks.map(b -> new Tuple2<>(b.key(), b.table().sumOfWeights())).collect());
        sums.sort((a, b) -> Long.compare(a._1(), b._1()));
        double total = 0;
        for (Tuple2<Long, Double> s : sums) {
            total += s._2();
        }
        return total;
    }

    /**
     * &Sigma;_i w_A,i at each (&mu;_m, &alpha;_m), from one sum per block and point computed where the blocks are,
     * summed on the driver in key order (the same to the last bit however the blocks are spread).
     */
    public double[] asimovSums(double[] mus, double[][] alphas) {
        double total = sumOfWeights();
        MixtureModel m = model;
        double[] grid = mus.clone();
        double[][] a = alphas.clone();
        List<Tuple2<Long, double[]>> sums = new ArrayList<>(blocks.map(b -> {
            double[] s = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                s[i] = AsimovWeights.compute(m, b.table(), total, grid[i], a[i]).sum();
            }
            return new Tuple2<>(b.key(), s);
        }).collect());
        sums.sort((x, y) -> Long.compare(x._1(), y._1()));
        double[] out = new double[grid.length];
        for (Tuple2<Long, double[]> s : sums) {
            for (int i = 0; i < out.length; i++) {
                out[i] += s._2()[i];
            }
        }
        return out;
    }

    /**
     * A SHA-256 of the data set: over the blocks in key order, of each block's key and the SHA-256 of its weights,
     * ratios and shape ratios in event order ({@code hashOfBlock}), computed where the blocks are.
     */
    public String sha256(org.apache.spark.api.java.function.Function<EventTable, String> hashOfBlock) {
        List<Tuple2<Long, String>> hashes = new ArrayList<>(blocks.map(b -> new Tuple2<>(b.key(), hashOfBlock.call(b.table())))
                .collect());
        hashes.sort((x, y) -> Long.compare(x._1(), y._1()));
        StringBuilder text = new StringBuilder();
        for (Tuple2<Long, String> h : hashes) {
            text.append(h._1()).append(' ').append(h._2()).append('\n');
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** The number of blocks (counted with the events, once). */
    public long blockCount() {
        count();
        return blockCount;
    }

    /** The blocks (persisted). */
    public JavaRDD<KeyedBlock> blocks() {
        return blocks;
    }

    public MixtureModel model() {
        return model;
    }

    /** The number of events (counted with the blocks, once: a tree aggregate). */
    public long events() {
        count();
        return events;
    }

    private void count() {
        if (events < 0) {
            long[] c = blocks.treeAggregate(new long[2], (s, b) -> new long[] {s[0] + b.table().size(), s[1] + 1},
                    (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]}, 2);
            events = c[0];
            blockCount = c[1];
        }
    }

    /** The NLL of these events with their own weights (e.g. observed data) and auxiliary measurements {@code aux}. */
    public DistributedNll nll(double[] aux) {
        Broadcast<MixtureModel> m = shared();
        return DistributedNll.of(blocks.map(b -> EventPart.of(m.value(), b.table(), null)), model, aux, events(), blockCount());
    }

    /**
     * The model as a broadcast: the parts' lineage, which travels in the task binary of every evaluation, then holds
     * a handle instead of the model (with normalised shapes the model carries the per-event inputs of its moments).
     */
    private Broadcast<MixtureModel> shared() {
        if (shared == null) {
            shared = JavaSparkContext.fromSparkContext(blocks.context()).broadcast(model);
        }
        return shared;
    }

    /** The Asimov data set at (&mu;, &alpha;) on this reference sample, its weights computed on the executors. */
    public Asimov asimov(double mu, double[] alpha) {
        double total = sumOfWeights();
        if (!(total > 0)) {
            throw new IllegalArgumentException("the reference sample's weights sum to " + total
                    + "; expected a positive total (is the reference sample empty?)");
        }
        Broadcast<MixtureModel> m = shared();
        double[] a = alpha.clone();
        DistributedNll nll = DistributedNll.of(blocks.map(b -> EventPart.of(m.value(), b.table(),
                AsimovWeights.compute(m.value(), b.table(), total, mu, a).weights())), model, a, events(), blockCount());
        double yield = model.expectedYield(mu, alpha);
        if (!(nll.sumOfWeights() > 0)) {
            nll.close();
            throw new IllegalArgumentException("the total Asimov weight is " + nll.sumOfWeights() + " at mu = " + mu
                    + "; expected > 0 (no event can be drawn)");
        }
        return new Asimov(nll, nll.sumOfWeights(), yield);
    }

    /**
     * An Asimov data set: its NLL (aux = the &alpha; it was built at), &Sigma;w_A and &nu;(&mu;, &alpha;).
     * Close to release its parts.
     */
    public record Asimov(DistributedNll nll, double sumOfWeights, double yield) implements AutoCloseable {

        /** &Sigma;w_A / &nu;, 1 for calibrated ratios. */
        public double closure() {
            return sumOfWeights / yield;
        }

        @Override
        public void close() {
            nll.close();
        }
    }

    @Override
    public void close() {
        blocks.unpersist(false);
        if (shared != null) {
            shared.unpersist(false);
        }
    }
}
