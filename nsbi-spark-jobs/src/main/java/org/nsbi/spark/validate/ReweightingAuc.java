package org.nsbi.spark.validate;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nsbi.model.UserError;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.validate.Checks;
import org.nsbi.stats.validate.WeightedAuc;

/**
 * The reweighting test of a ratio r = p_num / p_den: the denominator sample reweighted by r should be
 * indistinguishable from the numerator sample. An independent classifier (Spark MLlib's random forest, not the ratio
 * network's architecture; a forest grows all its trees in one pass per depth level, so it costs few Spark jobs) is trained on a random part of both samples, numerator (label 1, weights w)
 * against reweighted denominator (label 0, weights w r), each class scaled to the same total weight; its AUC on the
 * other part ({@link WeightedAuc}) is 0.5 when r is right, and the more above 0.5 the more r is wrong. The AUC's
 * spread under "r is right" is given as {@link WeightedAuc#nullSigma} of the test part's effective sizes.
 *
 * <p>The split is drawn per event from {@code ToyRandom.of(seed, "validate-split", ...)}, and the trees' seed is
 * derived from the same seed: a run is reproducible.
 */
public final class ReweightingAuc {

    /**
     * The classifier's settings.
     *
     * @param trees         the number of trees, &ge; 1
     * @param depth         tree depth, &ge; 1
     * @param trainFraction the fraction of events used for training, in (0, 1)
     * @param seed          the seed of the split and the trees
     */
    public record Settings(int trees, int depth, double trainFraction, long seed) {
        public Settings {
            if (trees < 1) {
                throw new UserError("classifier trees = " + trees + "; expected >= 1");
            }
            if (depth < 1) {
                throw new UserError("classifier depth = " + depth + "; expected >= 1");
            }
            if (!(trainFraction > 0 && trainFraction < 1)) {
                throw new UserError("train fraction = " + trainFraction + "; expected a number in (0, 1)");
            }
        }
    }

    /**
     * The test's outcome.
     *
     * @param auc            the AUC on the test part
     * @param nullSigma      its standard deviation when r is right
     * @param trainEvents    events used for training (both classes)
     * @param testEvents     events used for the AUC (both classes)
     * @param numeratorNeff  the effective size of the test part's numerator events
     * @param denominatorNeff the effective size of the test part's reweighted denominator events
     */
    public record Result(double auc, double nullSigma, int trainEvents, int testEvents, double numeratorNeff,
                         double denominatorNeff) {
        /** (AUC &minus; 0.5) / &sigma;. */
        public double significance() {
            return (auc - 0.5) / nullSigma;
        }
    }

    private ReweightingAuc() {
    }

    /**
     * Runs the test.
     *
     * @param numFeatures numerator features, [f][i]
     * @param numWeights  numerator weights
     * @param denFeatures denominator features, [f][i]
     * @param denWeights  denominator weights already multiplied by the ratio under test
     * @param key         distinguishes the random split of several tests of one run (e.g. the ratio's name)
     */
    public static Result run(SparkSession spark, float[][] numFeatures, double[] numWeights, float[][] denFeatures,
                             double[] denWeights, String key, Settings settings) {
        Checks.weights("numerator weights", numWeights);
        Checks.weights("reweighted denominator weights", denWeights);
        UniformRandomProvider rng = ToyRandom.of(settings.seed(), "validate-split/" + key);
        Split num = Split.of(numWeights, rng, settings.trainFraction());
        Split den = Split.of(denWeights, rng, settings.trainFraction());
        // each class scaled to half of the training events' count, so the mean training weight is 1
        int trainEvents = num.trainCount + den.trainCount;
        double numScale = 0.5 * trainEvents / num.trainWeight;
        double denScale = 0.5 * trainEvents / den.trainWeight;
        List<Row> train = new ArrayList<>(trainEvents);
        List<Row> test = new ArrayList<>(numWeights.length + denWeights.length - trainEvents);
        add(num, numFeatures, numWeights, 1.0, numScale, train, test);
        add(den, denFeatures, denWeights, 0.0, denScale, train, test);
        StructType schema = new StructType()
                .add("features", new VectorUDT(), false)
                .add("label", DataTypes.DoubleType, false)
                .add("weight", DataTypes.DoubleType, false);
        int partitions = Math.max(1, spark.sparkContext().defaultParallelism());
        org.apache.spark.api.java.JavaSparkContext jsc =
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> trainSet = spark.createDataFrame(jsc.parallelize(train, partitions), schema).cache();
        try {
            RandomForestClassificationModel model = new RandomForestClassifier()
                    .setFeaturesCol("features").setLabelCol("label").setWeightCol("weight")
                    .setNumTrees(settings.trees()).setMaxDepth(settings.depth()).setMinInstancesPerNode(20)
                    .setSeed(ToyRandom.of(settings.seed(), "validate-trees/" + key).nextLong())
                    .fit(trainSet);
            Dataset<Row> testSet = spark.createDataFrame(jsc.parallelize(test, partitions), schema);
            List<Row> predicted = model.transform(testSet).select("probability", "label", "weight").collectAsList();
            double[] scores = new double[predicted.size()];
            int[] labels = new int[predicted.size()];
            double[] weights = new double[predicted.size()];
            List<Double> w1 = new ArrayList<>();
            List<Double> w0 = new ArrayList<>();
            for (int i = 0; i < scores.length; i++) {
                Row r = predicted.get(i);
                scores[i] = ((Vector) r.get(0)).apply(1);
                labels[i] = r.getDouble(1) > 0.5 ? 1 : 0;
                weights[i] = r.getDouble(2);
                (labels[i] == 1 ? w1 : w0).add(weights[i]);
            }
            double n1 = WeightedAuc.effectiveSize(w1.stream().mapToDouble(Double::doubleValue).toArray());
            double n0 = WeightedAuc.effectiveSize(w0.stream().mapToDouble(Double::doubleValue).toArray());
            return new Result(WeightedAuc.of(scores, labels, weights), WeightedAuc.nullSigma(n1, n0), trainEvents,
                    scores.length, n1, n0);
        } finally {
            trainSet.unpersist();
        }
    }

    private static void add(Split split, float[][] features, double[] weights, double label, double trainScale,
                            List<Row> train, List<Row> test) {
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] == 0) {
                continue;
            }
            double[] x = new double[features.length];
            for (int f = 0; f < x.length; f++) {
                x[f] = features[f][i];
            }
            if (split.train[i]) {
                train.add(RowFactory.create(Vectors.dense(x), label, weights[i] * trainScale));
            } else {
                test.add(RowFactory.create(Vectors.dense(x), label, weights[i]));
            }
        }
    }

    /** Which events train, their count and weight. */
    private record Split(boolean[] train, int trainCount, double trainWeight) {
        static Split of(double[] weights, UniformRandomProvider rng, double fraction) {
            boolean[] train = new boolean[weights.length];
            int count = 0;
            double weight = 0;
            for (int i = 0; i < weights.length; i++) {
                train[i] = rng.nextDouble() < fraction;
                if (train[i] && weights[i] > 0) {
                    count++;
                    weight += weights[i];
                }
            }
            if (!(weight > 0)) {
                throw new UserError("no training event of positive weight among " + weights.length
                        + " events; expected a larger sample");
            }
            return new Split(train, count, weight);
        }
    }
}
