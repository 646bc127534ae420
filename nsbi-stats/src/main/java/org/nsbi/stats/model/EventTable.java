package org.nsbi.stats.model;

import java.io.Serializable;

/**
 * The per-event inputs of the likelihood: for each event i its weight w_i, for each process c the ratio
 * r_c(x_i) = p_c(x_i)/p_ref(x_i), and for each process and nuisance parameter with a shape effect the ratios
 * r_{c,k,&plusmn;}(x_i) = p_c(x_i|&alpha;_k=&plusmn;1)/p_c(x_i) with their logs.
 * Float32 storage (10&#8310;&ndash;10&#8311; events fit in memory), double accumulation everywhere they are used.
 * Immutable and serializable as a whole, so an engine can broadcast it.
 *
 * <p>Layout: one row per event, {@code stride} floats in one array: w, r_0..r_{C-1}, then per shape effect
 * (c, k) up, down, ln up, ln down. A pseudo-experiment picks a few hundred events at random from 10&#8310; or
 * more: with rows, each costs one or two cache lines instead of one per column.
 */
public final class EventTable implements Serializable {

    private static final long serialVersionUID = 2L;

    private final int size;
    private final int processes;
    private final int stride;
    /** Per process and parameter, the offset of the shape effect's four values in a row, or -1. */
    private final int[][] shapeOffset;
    private final float[] rows;

    private EventTable(int size, int processes, int stride, int[][] shapeOffset, float[] rows) {
        this.size = size;
        this.processes = processes;
        this.stride = stride;
        this.shapeOffset = shapeOffset;
        this.rows = rows;
    }

    /**
     * A table for {@code model}, checking every column: lengths, and values finite and &ge; 0. The columns
     * are copied into the table's rows.
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
        int[][] offsets = new int[nc][nk];
        int stride = 1 + nc;
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
                offsets[c][k] = -1;
                if (has) {
                    check(up[c][k], n, what + " (up)");
                    check(down[c][k], n, what + " (down)");
                    offsets[c][k] = stride;
                    stride += 4;
                }
            }
        }
        if ((long) n * stride > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " events of " + stride + " values each do not fit one table (at most "
                    + (Integer.MAX_VALUE - 8) / stride + " events); expected fewer events per table");
        }
        float[] rows = new float[n * stride];
        for (int i = 0; i < n; i++) {
            int at = i * stride;
            rows[at] = weights[i];
            for (int c = 0; c < nc; c++) {
                rows[at + 1 + c] = ratios[c][i];
                for (int k = 0; k < nk; k++) {
                    int o = offsets[c][k];
                    if (o >= 0) {
                        rows[at + o] = up[c][k][i];
                        rows[at + o + 1] = down[c][k][i];
                        rows[at + o + 2] = (float) Code4Interpolation.log(up[c][k][i]);
                        rows[at + o + 3] = (float) Code4Interpolation.log(down[c][k][i]);
                    }
                }
            }
        }
        return new EventTable(n, nc, stride, offsets, rows);
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

    /** The events {@code indices} (in that order) as a compact table, e.g. the events of one toy. */
    public EventTable gather(int[] indices) {
        float[] out = new float[indices.length * stride];
        for (int j = 0; j < indices.length; j++) {
            System.arraycopy(rows, indices[j] * stride, out, j * stride, stride);
        }
        return new EventTable(indices.length, processes, stride, shapeOffset, out);
    }

    /**
     * Copies the rows of events {@code indices[0..count)} into {@code buffer} (row j at j &times; {@link #stride()}):
     * a kernel's gather of a toy's events into its own workspace. One copy per row keeps many cache misses in
     * flight at once, where reading the values one by one would wait for each row in turn.
     */
    public void copyRows(int[] indices, int count, float[] buffer) {
        for (int j = 0; j < count; j++) {
            System.arraycopy(rows, indices[j] * stride, buffer, j * stride, stride);
        }
    }

    /**
     * Copies the rows of the events {@code from..from+count} into {@code buffer} (row j at j &times; {@link #stride()})
     * in one copy: a pass over the table block by block, e.g. to hash it.
     */
    public void copyRange(int from, int count, float[] buffer) {
        System.arraycopy(rows, from * stride, buffer, 0, count * stride);
    }

    /** Floats per row: w, the C ratios, then four per shape effect (see the class comment). */
    public int stride() {
        return stride;
    }

    /** The offset of r_c in a row. */
    public int ratioOffset(int c) {
        return 1 + c;
    }

    /** The offset in a row of r_{c,k,+}, followed by r_{c,k,&minus;}, ln r_{c,k,+}, ln r_{c,k,&minus;}; -1 without a shape effect. */
    public int shapeOffset(int c, int k) {
        return shapeOffset[c][k];
    }

    public int size() {
        return size;
    }

    public int processCount() {
        return processes;
    }

    public float weight(int i) {
        return rows[i * stride];
    }

    public float ratio(int c, int i) {
        return rows[i * stride + 1 + c];
    }

    public boolean hasShape(int c, int k) {
        return shapeOffset[c][k] >= 0;
    }

    public float up(int c, int k, int i) {
        return rows[i * stride + shapeOffset[c][k]];
    }

    public float down(int c, int k, int i) {
        return rows[i * stride + shapeOffset[c][k] + 1];
    }

    public float logUp(int c, int k, int i) {
        return rows[i * stride + shapeOffset[c][k] + 2];
    }

    public float logDown(int c, int k, int i) {
        return rows[i * stride + shapeOffset[c][k] + 3];
    }

    /** &Sigma;_i w_i. */
    public double sumOfWeights() {
        double s = 0;
        for (int i = 0; i < size; i++) {
            s += rows[i * stride];
        }
        return s;
    }
}
