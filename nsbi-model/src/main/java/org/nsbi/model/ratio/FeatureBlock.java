package org.nsbi.model.ratio;

import java.util.Objects;

/**
 * A block of events as float32 features, row-major: feature f of event i is
 * {@code values[i * width() + f]}. This is the layout an ONNX input tensor of shape [N, F] takes,
 * so a block goes to ONNX Runtime without copying. Events travel through the engine in such
 * blocks (thousands per block), never one object per event.
 *
 * @param featureNames the feature names, in the order the networks expect them
 * @param size         the number of events N
 * @param values       N &times; F values, row-major
 */
public record FeatureBlock(String[] featureNames, int size, float[] values) implements java.io.Serializable {

    public FeatureBlock {
        Objects.requireNonNull(featureNames, "featureNames");
        Objects.requireNonNull(values, "values");
        if (size < 0) {
            throw new IllegalArgumentException("size = " + size + "; expected a number of events >= 0");
        }
        if ((long) size * featureNames.length != values.length) {
            throw new IllegalArgumentException("values has " + values.length + " entries; expected size * width = "
                    + size + " * " + featureNames.length);
        }
    }

    /** F, the number of features per event. */
    public int width() {
        return featureNames.length;
    }

    /** Feature f of event i. */
    public float value(int event, int feature) {
        return values[event * featureNames.length + feature];
    }
}
