package org.nsbi.stats.model;

import java.io.Serializable;

/**
 * The per-event inputs of the likelihood, in columns: for each event i its weight w_i, for each
 * process c the ratio r_c(x_i) = p_c(x_i)/p_ref(x_i), and for each process and nuisance parameter
 * with a shape effect the ratios r_{c,k,&plusmn;}(x_i) = p_c(x_i|&alpha;_k=&plusmn;1)/p_c(x_i) with their logs.
 * Float32 storage (10&#8310;&ndash;10&#8311; events fit in memory), double accumulation everywhere they are used.
 * Immutable and serializable as a whole, so an engine can broadcast it.
 *
 * <p>Column layout: {@code ratio[c][i]}, {@code up[c][k][i]}, {@code down[c][k][i]} (null where process c
 * has no shape effect of parameter k).
 */
public final class EventTable implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int size;
    private final float[] weight;
    private final float[][] ratio;
    private final float[][][] up;
    private final float[][][] down;
    private final float[][][] logUp;
    private final float[][][] logDown;

    private EventTable(float[] weight, float[][] ratio, float[][][] up, float[][][] down, float[][][] logUp,
                       float[][][] logDown) {
        this.size = weight.length;
        this.weight = weight;
        this.ratio = ratio;
        this.up = up;
        this.down = down;
        this.logUp = logUp;
        this.logDown = logDown;
    }

    /**
     * A table for {@code model}, checking every column: lengths, and values finite and &ge; 0.
     * The arrays are owned by the table afterwards (not copied); do not change them.
     *
     * @param weights the event weights w_i
     * @param ratios  ratios[c] = r_c over the events
     * @param up      up[c][k] = r_{c,k,+} where process c has a shape effect of k, else null
     * @param down    down[c][k] = r_{c,k,&minus;}, likewise
     */
    public static EventTable of(MixtureModel model, float[] weights, float[][] ratios, float[][][] up, float[][][] down) {
        int n = weights.length;
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        check(weights, n, "weight");
        if (ratios.length != nc) {
            throw new IllegalArgumentException(ratios.length + " ratio columns for the " + nc + " processes of the model");
        }
        float[][][] lu = new float[nc][nk][];
        float[][][] ld = new float[nc][nk][];
        for (int c = 0; c < nc; c++) {
            Process p = model.process(c);
            check(ratios[c], n, "ratio of process " + p.name());
            for (int k = 0; k < nk; k++) {
                String what = "shape ratio of process " + p.name() + " under " + model.nuisances().get(k);
                boolean has = up != null && up[c] != null && up[c][k] != null;
                boolean hasDown = down != null && down[c] != null && down[c][k] != null;
                if (p.hasShape(k) != has || has != hasDown) {
                    throw new IllegalArgumentException(what + ": the model " + (p.hasShape(k) ? "expects" : "has no")
                            + " up and down columns, the table gives " + (has ? "up" : "no up") + " and " + (hasDown ? "down" : "no down"));
                }
                if (has) {
                    check(up[c][k], n, what + " (up)");
                    check(down[c][k], n, what + " (down)");
                    lu[c][k] = logs(up[c][k]);
                    ld[c][k] = logs(down[c][k]);
                }
            }
        }
        float[][][] u = new float[nc][nk][];
        float[][][] d = new float[nc][nk][];
        for (int c = 0; c < nc; c++) {
            for (int k = 0; k < nk; k++) {
                u[c][k] = up == null || up[c] == null ? null : up[c][k];
                d[c][k] = down == null || down[c] == null ? null : down[c][k];
            }
        }
        return new EventTable(weights, ratios, u, d, lu, ld);
    }

    private static void check(float[] column, int n, String what) {
        if (column == null || column.length != n) {
            throw new IllegalArgumentException(what + ": " + (column == null ? "missing" : column.length + " values")
                    + "; expected " + n + " (one per event)");
        }
        for (int i = 0; i < n; i++) {
            float v = column[i];
            if (!(v >= 0) || Float.isInfinite(v)) {
                throw new IllegalArgumentException(what + ": event " + i + " has " + v + "; expected a finite value >= 0");
            }
        }
    }

    private static float[] logs(float[] r) {
        float[] l = new float[r.length];
        for (int i = 0; i < r.length; i++) {
            l[i] = (float) Code4Interpolation.log(r[i]);
        }
        return l;
    }

    /** The events {@code indices} (in that order) as a compact table, e.g. the events of one toy. */
    public EventTable gather(int[] indices) {
        int nc = ratio.length;
        int nk = up.length == 0 ? 0 : up[0].length;
        float[] w = pick(weight, indices);
        float[][] r = new float[nc][];
        float[][][] u = new float[nc][nk][];
        float[][][] d = new float[nc][nk][];
        float[][][] lu = new float[nc][nk][];
        float[][][] ld = new float[nc][nk][];
        for (int c = 0; c < nc; c++) {
            r[c] = pick(ratio[c], indices);
            for (int k = 0; k < nk; k++) {
                if (up[c][k] != null) {
                    u[c][k] = pick(up[c][k], indices);
                    d[c][k] = pick(down[c][k], indices);
                    lu[c][k] = pick(logUp[c][k], indices);
                    ld[c][k] = pick(logDown[c][k], indices);
                }
            }
        }
        return new EventTable(w, r, u, d, lu, ld);
    }

    private static float[] pick(float[] column, int[] indices) {
        float[] out = new float[indices.length];
        for (int j = 0; j < indices.length; j++) {
            out[j] = column[indices[j]];
        }
        return out;
    }

    public int size() {
        return size;
    }

    public int processCount() {
        return ratio.length;
    }

    public float weight(int i) {
        return weight[i];
    }

    public float ratio(int c, int i) {
        return ratio[c][i];
    }

    public boolean hasShape(int c, int k) {
        return up[c][k] != null;
    }

    public float up(int c, int k, int i) {
        return up[c][k][i];
    }

    public float down(int c, int k, int i) {
        return down[c][k][i];
    }

    public float logUp(int c, int k, int i) {
        return logUp[c][k][i];
    }

    public float logDown(int c, int k, int i) {
        return logDown[c][k][i];
    }

    /** &Sigma;_i w_i. */
    public double sumOfWeights() {
        double s = 0;
        for (float w : weight) {
            s += w;
        }
        return s;
    }
}
