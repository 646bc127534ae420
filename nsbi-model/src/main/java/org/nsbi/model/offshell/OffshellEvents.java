package org.nsbi.model.offshell;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nsbi.model.UserError;
import org.nsbi.model.ratio.FeatureBlock;

/**
 * Events of the toy, columnar: measured m, c, y as float32 (the networks' input type) and a weight
 * per event (double, so that sums over millions of events stay exact to rounding).
 */
public record OffshellEvents(float[] m, float[] c, float[] y, double[] weight) {

    /** The feature names, in the order of the spec and of the networks' input. */
    public static final String[] FEATURES = {"m", "c", "y"};

    /** The simulator's features, which a config must name in this order to use simulated events. */
    public static void checkFeatures(String name, List<String> features) {
        if (!features.equals(Arrays.asList(FEATURES))) {
            throw new UserError(name + ": simulated events have the features "
                    + Arrays.toString(FEATURES) + "; the config's features are " + features);
        }
    }

    public OffshellEvents {
        Objects.requireNonNull(m, "m");
        Objects.requireNonNull(c, "c");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(weight, "weight");
        if (c.length != m.length || y.length != m.length || weight.length != m.length) {
            throw new IllegalArgumentException("columns have lengths m " + m.length + ", c " + c.length + ", y "
                    + y.length + ", weight " + weight.length + "; expected all equal");
        }
    }

    /** The number of events. */
    public int size() {
        return m.length;
    }

    /** Σ w_i. */
    public double sumOfWeights() {
        double s = 0;
        for (double w : weight) {
            s += w;
        }
        return s;
    }

    /** The features as a row-major [N, 3] block (m, c, y), ready for a {@code RatioFunction}. */
    public FeatureBlock features() {
        float[] v = new float[3 * m.length];
        for (int i = 0; i < m.length; i++) {
            v[3 * i] = m[i];
            v[3 * i + 1] = c[i];
            v[3 * i + 2] = y[i];
        }
        return new FeatureBlock(FEATURES.clone(), m.length, v);
    }

    /** The events of all parts, in order. */
    public static OffshellEvents concat(List<OffshellEvents> parts) {
        int n = parts.stream().mapToInt(OffshellEvents::size).sum();
        float[] m = new float[n];
        float[] c = new float[n];
        float[] y = new float[n];
        double[] w = new double[n];
        int at = 0;
        for (OffshellEvents p : parts) {
            System.arraycopy(p.m, 0, m, at, p.size());
            System.arraycopy(p.c, 0, c, at, p.size());
            System.arraycopy(p.y, 0, y, at, p.size());
            System.arraycopy(p.weight, 0, w, at, p.size());
            at += p.size();
        }
        return new OffshellEvents(m, c, y, w);
    }
}
