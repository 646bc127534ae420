package org.nsbi.spark.train;

import java.util.List;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nsbi.model.UserError;
import org.nsbi.model.onnx.MlpOnnxWriter;
import org.nsbi.model.output.TrainReport;

/**
 * Trains one binary classifier with Spark MLlib: {@link StandardScaler} statistics (mean and unbiased standard
 * deviation of each feature over the training events), then a {@link MultilayerPerceptronClassifier} (sigmoid hidden
 * layers, softmax over the two classes, cross-entropy, L-BFGS) on the standardised features, and writes it as ONNX
 * with {@link MlpOnnxWriter}, the standardisation and the prior shift of the {@link TrainingSet} folded in.
 */
public final class ClassifierTrainer {

    /** The standardised feature column. */
    static final String SCALED = "scaled";

    private ClassifierTrainer() {
    }

    /** What one training produced. */
    public record Trained(MultilayerPerceptronClassificationModel model, StandardScalerModel scaler, byte[] onnx,
                          TrainReport.Fit report) {
    }

    /**
     * Trains on {@code set} and exports the network.
     *
     * @param hidden        the hidden layers' sizes
     * @param maxIterations L-BFGS iteration limit
     * @param seed          MLlib's seed (initial weights, block order)
     * @param name          the network's name (graph name, messages)
     */
    public static Trained train(TrainingSet set, List<Integer> hidden, int maxIterations, long seed, String name) {
        long start = System.nanoTime();
        Dataset<Row> data = set.data();
        int width = ((org.apache.spark.ml.linalg.Vector) data.first().get(1)).size();
        StandardScalerModel scaler = new StandardScaler().setInputCol(TrainingSet.FEATURES).setOutputCol(SCALED)
                .setWithMean(true).setWithStd(true).fit(data);
        double[] mean = scaler.mean().toArray();
        double[] std = scaler.std().toArray();
        for (int f = 0; f < width; f++) {
            if (!(std[f] > 0)) {
                throw new UserError(name + ": feature " + f + " is constant (" + mean[f]
                        + ") in the training events; a constant feature cannot be standardised");
            }
        }
        int[] layers = new int[hidden.size() + 2];
        layers[0] = width;
        for (int l = 0; l < hidden.size(); l++) {
            layers[l + 1] = hidden.get(l);
        }
        layers[layers.length - 1] = 2;
        MultilayerPerceptronClassificationModel model = new MultilayerPerceptronClassifier()
                .setLayers(layers).setMaxIter(maxIterations).setSeed(seed).setTol(1e-7)
                .setFeaturesCol(SCALED).setLabelCol(TrainingSet.LABEL)
                .fit(scaler.transform(data));
        byte[] onnx = MlpOnnxWriter.write(layers, model.weights().toArray(), mean, std, set.logitShift(), name);
        double[] history = model.summary().objectiveHistory();
        TrainReport.Fit report = new TrainReport.Fit(name, set.label1(), set.label0(), layers, seed,
                model.summary().totalIterations(), history.length == 0 ? Double.NaN : history[history.length - 1],
                set.logitShift(), mean, std, (System.nanoTime() - start) / 1e9);
        return new Trained(model, scaler, onnx, report);
    }
}
