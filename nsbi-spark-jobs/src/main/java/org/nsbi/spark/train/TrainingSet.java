package org.nsbi.spark.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.nsbi.model.UserError;
import org.nsbi.model.config.EventSource;
import org.nsbi.model.ratio.EventBlock;
import org.nsbi.spark.score.EventSources;
import org.nsbi.stats.random.ToyRandom;

/**
 * The training events of one classifier: label 1 from the numerator samples, label 0 from the denominator samples,
 * as unweighted events with classes of equal expected size (MLlib's perceptron takes no event weights).
 *
 * <p>Each class k (total weight W_k, largest event weight w_max,k, so at most K_k = W_k / w_max,k unweighted
 * events) keeps event i with probability p_i = n w_i / W_k, n = min(events, ⌊K_0⌋, ⌊K_1⌋): the kept events are an
 * unweighted sample of the class's weighted density, of expected size n (p_i ≤ 1 because n ≤ K_k). Equal expected
 * class sizes give the classes equal total weight; the realised counts n_1, n_0 differ by about √n, which the
 * exported network corrects exactly by the prior shift ln(n_0 / n_1) of its logit ({@link #logitShift()}), so
 * s / (1 − s) estimates p_num / p_den.
 *
 * <p>Determinism: the keep decisions of a block come from Commons RNG seeded with (seed, stream, block id); with
 * simulated sources, the events themselves are the simulator's pure function of their seed.
 *
 * @param data   columns {@code label} (1.0 or 0.0) and {@code features} (an MLlib dense vector), cached
 * @param label1 n_1, the kept numerator events
 * @param label0 n_0, the kept denominator events
 */
public record TrainingSet(Dataset<Row> data, long label1, long label0) {

    /** The label column. */
    public static final String LABEL = "label";
    /** The feature vector column. */
    public static final String FEATURES = "features";

    /** ln(n_0 / n_1): added to the logit, it turns the trained odds into the ratio of the class densities. */
    public double logitShift() {
        return Math.log((double) label0 / label1);
    }

    /** Frees the cached events. */
    public void release() {
        data.unpersist();
    }

    /**
     * Reads, thins and labels the events.
     *
     * @param numerator   the label-1 samples
     * @param denominator the label-0 samples
     * @param features    the config's feature names
     * @param events      the cap n on the expected events per class
     * @param seed        the seed of the keep decisions
     * @param stream      names the draw (ratio and member), so that two trainings of one run differ
     */
    public static TrainingSet build(SparkSession spark, List<EventSource> numerator, List<EventSource> denominator,
                                    List<String> features, long events, long seed, String stream, int blockSize) {
        JavaRDD<EventBlock> ones = read(spark, numerator, features, blockSize);
        JavaRDD<EventBlock> zeros = read(spark, denominator, features, blockSize);
        double[] s1 = totals(ones, "label 1 (" + names(numerator) + ")");
        double[] s0 = totals(zeros, "label 0 (" + names(denominator) + ")");
        long n = Math.min(events, (long) Math.floor(Math.min(s1[0] / s1[1], s0[0] / s0[1])));
        if (n < 1) {
            throw new UserError(stream + ": the samples hold less than one unweighted event per class"
                    + " (sum of weights / largest weight: " + s1[0] / s1[1] + " and " + s0[0] / s0[1] + ")");
        }
        double q1 = n / s1[0];
        double q0 = n / s0[0];
        JavaRDD<Row> rows = ones.flatMap(b -> keep(b, q1, 1.0, seed, stream + "/1").iterator())
                .union(zeros.flatMap(b -> keep(b, q0, 0.0, seed, stream + "/0").iterator()));
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField(LABEL, DataTypes.DoubleType, false),
                DataTypes.createStructField(FEATURES, SQLDataTypes.VectorType(), false)));
        Dataset<Row> data = spark.createDataFrame(rows, schema).persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> counts = data.groupBy(LABEL).count().collectAsList();
        ones.unpersist(false);
        zeros.unpersist(false);
        long n1 = 0;
        long n0 = 0;
        for (Row r : counts) {
            if (r.getDouble(0) == 1.0) {
                n1 = r.getLong(1);
            } else {
                n0 = r.getLong(1);
            }
        }
        if (n1 == 0 || n0 == 0) {
            data.unpersist();
            throw new UserError(stream + ": no events kept for label " + (n1 == 0 ? 1 : 0)
                    + " (expected about " + n + " per class)");
        }
        return new TrainingSet(data, n1, n0);
    }

    private static String names(List<EventSource> sources) {
        return String.join(", ", sources.stream().map(EventSource::name).toList());
    }

    private static JavaRDD<EventBlock> read(SparkSession spark, List<EventSource> sources, List<String> features,
                                            int blockSize) {
        JavaRDD<EventBlock> all = null;
        for (int i = 0; i < sources.size(); i++) {
            JavaRDD<EventBlock> one = EventSources.read(spark, sources.get(i), i, features, List.of(), blockSize);
            all = all == null ? one : all.union(one);
        }
        return all.persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** {sum of weights, largest weight} of a class; throws if it has no positive weight. */
    private static double[] totals(JavaRDD<EventBlock> blocks, String what) {
        double[] t = blocks.map(b -> {
            double sum = 0;
            double max = 0;
            for (float w : b.weights()) {
                sum += w;
                max = Math.max(max, w);
            }
            return new double[]{sum, max};
        }).fold(new double[]{0, 0}, (a, b) -> new double[]{a[0] + b[0], Math.max(a[1], b[1])});
        if (!(t[0] > 0)) {
            throw new UserError(what + ": no events with a positive weight");
        }
        return t;
    }

    /** The rows of the events of one block kept with probability q·w_i. */
    static List<Row> keep(EventBlock b, double q, double label, long seed, String stream) {
        UniformRandomProvider rng = ToyRandom.of(seed, "train-keep/" + stream, b.blockId());
        int nf = b.features().width();
        float[] v = b.features().values();
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            if (rng.nextDouble() < q * b.weights()[i]) {
                double[] x = new double[nf];
                for (int f = 0; f < nf; f++) {
                    x[f] = v[i * nf + f];
                }
                out.add(RowFactory.create(label, Vectors.dense(x)));
            }
        }
        return out;
    }
}
