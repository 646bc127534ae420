package org.nsbi.model.validate;

import java.io.Serializable;
import java.util.List;
import org.nsbi.model.UserError;

/**
 * The events of one sample with one ratio evaluated on them, on the driver: features by column, weights, the
 * ratio as the analysis uses it, each ensemble member's ratio, and the exact ratio when there is one.
 *
 * @param name     the sample's name (for messages)
 * @param features features[f][i], f in the config's feature order
 * @param weights  the events' weights as read (not normalised)
 * @param ratio    the ratio (the ensemble average)
 * @param members  members[k][i], K &ge; 1 (one member for a ratio that is not an ensemble)
 * @param exact    the exact ratio, or null
 */
public record ScoredSample(String name, float[][] features, double[] weights, double[] ratio, double[][] members,
                           double[] exact) {

    /** One scored block: row-major features, weights, and the rows of {@link RatioUnderTest.Evaluator#evaluate}. */
    public record BlockScores(long blockId, float[] features, float[] weights, double[][] ratios) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    public int size() {
        return weights.length;
    }

    /** Concatenates scored blocks (in the given order) into one sample. */
    public static ScoredSample concat(String name, int width, boolean hasTruth, List<BlockScores> blocks) {
        int n = blocks.stream().mapToInt(b -> b.weights().length).sum();
        if (n == 0) {
            throw new UserError("sample " + name + " has no events; expected at least one");
        }
        int k = blocks.get(0).ratios().length - 1 - (hasTruth ? 1 : 0);
        float[][] features = new float[width][n];
        double[] weights = new double[n];
        double[] ratio = new double[n];
        double[][] members = new double[k][n];
        double[] exact = hasTruth ? new double[n] : null;
        int at = 0;
        for (BlockScores b : blocks) {
            int m = b.weights().length;
            for (int i = 0; i < m; i++) {
                for (int f = 0; f < width; f++) {
                    features[f][at + i] = b.features()[i * width + f];
                }
                weights[at + i] = b.weights()[i];
            }
            System.arraycopy(b.ratios()[0], 0, ratio, at, m);
            for (int j = 0; j < k; j++) {
                System.arraycopy(b.ratios()[1 + j], 0, members[j], at, m);
            }
            if (hasTruth) {
                System.arraycopy(b.ratios()[1 + k], 0, exact, at, m);
            }
            at += m;
        }
        return new ScoredSample(name, features, weights, ratio, members, exact);
    }
}
