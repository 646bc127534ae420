package org.nsbi.model.ratio;

import java.io.Serializable;
import java.util.Map;

/**
 * A block of events: their features, weights and (for scored events) one column per ratio. Events travel through
 * Spark and sit in Parquet a block per row (the codec is the Spark layer's {@code io/EventBlockRows}): per-row
 * handling in Spark costs far more than scoring an event (platform.md), so events never travel one row each.
 */
public record EventBlock(long blockId, FeatureBlock features, float[] weights, Map<String, float[]> columns)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public EventBlock {
        if (weights.length != features.size()) {
            throw new IllegalArgumentException("block " + blockId + ": " + weights.length + " weights for "
                    + features.size() + " events");
        }
        for (Map.Entry<String, float[]> c : columns.entrySet()) {
            if (c.getValue().length != features.size()) {
                throw new IllegalArgumentException("block " + blockId + ": column " + c.getKey() + " has "
                        + c.getValue().length + " values for " + features.size() + " events");
            }
        }
    }

    public int size() {
        return features.size();
    }

    /** Feature f of every event of the block. */
    public float[] featureColumn(int f) {
        int n = size();
        int nf = features.width();
        float[] column = new float[n];
        float[] v = features.values();
        for (int i = 0; i < n; i++) {
            column[i] = v[i * nf + f];
        }
        return column;
    }

    /** Weights (or any values) in single precision, as a block stores them. */
    public static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
