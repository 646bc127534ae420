package org.nsbi.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.nsbi.model.onnx.MlpOnnxWriter;
import org.nsbi.model.onnx.OnnxRatioNetwork;
import org.nsbi.model.ratio.FeatureBlock;
import org.nsbi.spark.SharedSpark;

/**
 * The exported ONNX network computes what MLlib computes: ONNX Runtime's output on raw features equals the MLlib
 * model's {@code probability[1]} on the standardised features, which proves the weight layout, the standardisation
 * and the two-class softmax written as a sigmoid of the logit difference.
 */
class MllibToOnnxTest {

    /** Features on very different scales (like m in GeV, cos theta, y), so the standardisation matters. */
    static Dataset<Row> gaussians(SparkSession spark, int perClass, long seed) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 2 * perClass; i++) {
            double label = i % 2;
            double shift = label == 1 ? 0.8 : 0.0;
            rows.add(RowFactory.create(label, Vectors.dense(400 + 100 * (g.sample() + shift),
                    0.3 * (g.sample() - shift), 2.0 * g.sample())));
        }
        return spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField(TrainingSet.LABEL, DataTypes.DoubleType, false),
                DataTypes.createStructField(TrainingSet.FEATURES, SQLDataTypes.VectorType(), false))));
    }

    @Test
    void onnxRuntimeReproducesMllibProbabilities() {
        SparkSession spark = SharedSpark.session();
        TrainingSet set = new TrainingSet(gaussians(spark, 400, 11).cache(), 400, 400);
        ClassifierTrainer.Trained t = ClassifierTrainer.train(set, List.of(7, 5), 30, 3, "gauss");
        assertEquals(0.0, set.logitShift(), 0.0, "equal class counts need no prior shift");

        List<Row> scored = t.model().transform(t.scaler().transform(gaussians(spark, 150, 12)))
                .select(TrainingSet.FEATURES, "probability").collectAsList();
        int n = scored.size();
        float[] x = new float[n * 3];
        for (int i = 0; i < n; i++) {
            Vector v = (Vector) scored.get(i).get(0);
            for (int f = 0; f < 3; f++) {
                x[i * 3 + f] = (float) v.apply(f);
            }
        }
        double[] onnx = new double[n];
        OnnxRatioNetwork.load("gauss.onnx", t.onnx(), 3).score(new FeatureBlock(new String[]{"a", "b", "c"}, n, x), onnx);
        double maxDiff = 0;
        double minP = 1;
        double maxP = 0;
        for (int i = 0; i < n; i++) {
            double p = ((Vector) scored.get(i).get(1)).apply(1);
            maxDiff = Math.max(maxDiff, Math.abs(onnx[i] - p));
            minP = Math.min(minP, p);
            maxP = Math.max(maxP, p);
        }
        assertEquals(300, n);
        assertTrue(maxDiff < 1e-5, "max |s_onnx - p_mllib| = " + maxDiff + " over " + n + " events");
        assertTrue(minP < 0.3 && maxP > 0.7, "the network separates the classes (p in [" + minP + ", " + maxP
                + "]), so the comparison is not between constants");
    }

    @Test
    void priorShiftMultipliesTheRatio() {
        SparkSession spark = SharedSpark.session();
        TrainingSet set = new TrainingSet(gaussians(spark, 200, 21).cache(), 200, 200);
        ClassifierTrainer.Trained t = ClassifierTrainer.train(set, List.of(4), 10, 5, "shift");
        double[] w = t.model().weights().toArray();
        int[] layers = t.model().getLayers();
        double[] mean = t.scaler().mean().toArray();
        double[] std = t.scaler().std().toArray();
        double shift = Math.log(0.8);
        byte[] shifted = MlpOnnxWriter.write(layers, w, mean, std, shift, "shifted");
        float[] x = {420f, 0.1f, -1f, 300f, -0.4f, 2f, 550f, 0.2f, 0.5f};
        FeatureBlock block = new FeatureBlock(new String[]{"a", "b", "c"}, 3, x);
        double[] s0 = new double[3];
        double[] s1 = new double[3];
        OnnxRatioNetwork.load("plain", t.onnx(), 3).score(block, s0);
        OnnxRatioNetwork.load("shifted", shifted, 3).score(block, s1);
        for (int i = 0; i < 3; i++) {
            double r0 = s0[i] / (1 - s0[i]);
            double r1 = s1[i] / (1 - s1[i]);
            assertEquals(0.8, r1 / r0, 1e-5, "event " + i + ": ratio with shift ln 0.8 over ratio without");
        }
    }
}
