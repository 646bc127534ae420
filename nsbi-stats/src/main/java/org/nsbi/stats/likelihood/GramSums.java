package org.nsbi.stats.likelihood;

import java.util.Arrays;

/**
 * The weighted Gram matrix &Sigma;_j w_j x_p[j] x_q[j] of m vectors x over the events of an evaluation, p &le; q &lt; m,
 * added block by block in register tiles of 4 &times; 4 entries ({@link VectorLoops#gramTile}; on the diagonal
 * {@link VectorLoops#gramTileSymmetric}). The upper triangle is cut into tiles of rows 4P..4P+3 and columns 4Q..4Q+3,
 * Q &ge; P; a tile at the edge repeats the last vector (its extra entries are computed and not read).
 *
 * <p>Each entry's sum is kept lane by lane over the blocks and its lanes are added in lane order when read
 * ({@link #finish}): the same events in the same blocks give the same bits, whatever the thread and whether the JIT has
 * compiled the tiles or not. One instance is a workspace: {@link #clear}, {@link #add} per block, {@link #finish}, then
 * {@link #sum}. Not thread-safe.
 */
final class GramSums {

    private final int m;
    /** Per tile, its first row and first column vector. */
    private final int[] rowOf;
    private final int[] columnOf;
    /** [tile][16 entries][lanes]. */
    private final double[] partial;
    /** Per entry p &le; q, the start of its lanes in {@link #partial}, and where its sum goes in {@link #sums}. */
    private final int[] laneStart;
    private final int[] entry;
    /** [p * m + q], p &le; q, after {@link #finish}. */
    private final double[] sums;
    private final int lanes = VectorLoops.SPECIES.length();

    /** Sums over m &ge; 1 vectors. */
    GramSums(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("a Gram matrix of " + m + " vectors; expected at least 1");
        }
        this.m = m;
        int blocks = (m + 3) / 4;
        int tiles = blocks * (blocks + 1) / 2;
        this.rowOf = new int[tiles];
        this.columnOf = new int[tiles];
        this.laneStart = new int[m * (m + 1) / 2];
        this.entry = new int[laneStart.length];
        int t = 0;
        int e = 0;
        for (int bp = 0; bp < blocks; bp++) {
            for (int bq = bp; bq < blocks; bq++) {
                rowOf[t] = 4 * bp;
                columnOf[t] = 4 * bq;
                for (int i = 0; i < 4; i++) {
                    for (int k = 0; k < 4; k++) {
                        int p = 4 * bp + i;
                        int q = 4 * bq + k;
                        if (p < m && q < m && p <= q) {
                            laneStart[e] = (t * 16 + 4 * i + k) * lanes;
                            entry[e] = p * m + q;
                            e++;
                        }
                    }
                }
                t++;
            }
        }
        this.partial = new double[tiles * 16 * lanes];
        this.sums = new double[m * m];
    }

    /** Zeroes the sums (before an evaluation's first block). */
    void clear() {
        Arrays.fill(partial, 0);
    }

    /** Adds events [0, len) of the weights {@code w} and the vectors {@code x[0..m)} (each at least len long). */
    void add(double[] w, double[][] x, int len) {
        int last = m - 1;
        for (int t = 0; t < rowOf.length; t++) {
            int p = rowOf[t];
            int q = columnOf[t];
            double[] a0 = x[p];
            double[] a1 = x[Math.min(p + 1, last)];
            double[] a2 = x[Math.min(p + 2, last)];
            double[] a3 = x[Math.min(p + 3, last)];
            if (p == q) {
                VectorLoops.gramTileSymmetric(w, a0, a1, a2, a3, len, partial, t * 16 * lanes);
            } else {
                VectorLoops.gramTile(w, a0, a1, a2, a3, x[q], x[Math.min(q + 1, last)], x[Math.min(q + 2, last)],
                        x[Math.min(q + 3, last)], len, partial, t * 16 * lanes);
            }
        }
    }

    /** Adds each entry's lanes, in lane order, into the sums {@link #sum} reads. */
    void finish() {
        int e = 0;
        // four entries at a time: four independent chains of additions, each in lane order as below
        for (; e + 4 <= entry.length; e += 4) {
            int at0 = laneStart[e];
            int at1 = laneStart[e + 1];
            int at2 = laneStart[e + 2];
            int at3 = laneStart[e + 3];
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int lane = 0; lane < lanes; lane++) {
                s0 += partial[at0 + lane];
                s1 += partial[at1 + lane];
                s2 += partial[at2 + lane];
                s3 += partial[at3 + lane];
            }
            sums[entry[e]] = s0;
            sums[entry[e + 1]] = s1;
            sums[entry[e + 2]] = s2;
            sums[entry[e + 3]] = s3;
        }
        for (; e < entry.length; e++) {
            int at = laneStart[e];
            double s = 0;
            for (int lane = 0; lane < lanes; lane++) {
                s += partial[at + lane];
            }
            sums[entry[e]] = s;
        }
    }

    /** &Sigma;_j w_j x_p[j] x_q[j] over the blocks added since {@link #clear}, for p &le; q, after {@link #finish}. */
    double sum(int p, int q) {
        return sums[p * m + q];
    }
}
