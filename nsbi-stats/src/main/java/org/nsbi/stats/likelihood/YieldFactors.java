package org.nsbi.stats.likelihood;

import java.util.Arrays;
import org.nsbi.stats.model.MixtureModel;

/**
 * The code-4 yield factors of an evaluation, G_ck(&alpha;_k) with G'/G and G''/G, for every pair (c, k) of a process c and
 * a parameter k acting on it: the pairs by process, and within a process in the order given (process c's pairs are
 * {@link #start}[c] .. start[c + 1] &minus; 1). They are computed together, lane by lane ({@link VectorLoops#yieldFactors}, the
 * bits of {@code Code4Interpolation.evaluate}), once per distinct interpolation: a parameter's pairs with equal
 * coefficients (the same &kappa;&plusmn; on several processes, as a luminosity or any yield-only parameter of the synthetic
 * analysis) share one. A workspace: {@link #evaluate} overwrites {@link #g}, {@link #u}, {@link #v}. Not thread-safe.
 */
final class YieldFactors {

    /** Per process c, its first pair; start[processes] is the number of pairs. */
    final int[] start;
    /** Per pair, its parameter k. */
    final int[] k;
    /** Per pair, after {@link #evaluate}: G (an exact 0 read as the tiny value given), G'/G and G''/G. */
    final double[] g;
    final double[] u;
    final double[] v;
    private final int[] distinctOf;
    private final int[] distinctK;
    /** [a1..a6, ln &kappa;+, ln &kappa;&minus;][distinct]. */
    private final double[][] interpolation;
    private final double[] alpha;
    private final double[] dg;
    private final double[] du;
    private final double[] dv;
    private final double[] scratch = new double[6];
    private final double[] out = new double[3];

    /** The pairs (c, active[c][i]) of {@code model}. */
    YieldFactors(MixtureModel model, int[][] active) {
        int nc = active.length;
        this.start = new int[nc + 1];
        for (int c = 0; c < nc; c++) {
            start[c + 1] = start[c] + active[c].length;
        }
        int pairs = start[nc];
        this.k = new int[pairs];
        this.distinctOf = new int[pairs];
        int[] firstK = new int[pairs];
        double[][] first = new double[pairs][];
        int distinct = 0;
        for (int c = 0; c < nc; c++) {
            for (int i = 0; i < active[c].length; i++) {
                int at = start[c] + i;
                int kk = active[c][i];
                k[at] = kk;
                double[] a = model.yieldInterpolation(c, kk);
                int same = 0;
                while (same < distinct && !(firstK[same] == kk && Arrays.equals(first[same], a))) {
                    same++;
                }
                if (same == distinct) {
                    firstK[distinct] = kk;
                    first[distinct++] = a;
                }
                distinctOf[at] = same;
            }
        }
        this.distinctK = Arrays.copyOf(firstK, distinct);
        this.interpolation = new double[8][distinct];
        for (int i = 0; i < distinct; i++) {
            for (int m = 0; m < 8; m++) {
                interpolation[m][i] = first[i][m];
            }
        }
        this.alpha = new double[distinct];
        this.dg = new double[distinct];
        this.du = new double[distinct];
        this.dv = new double[distinct];
        this.g = new double[pairs];
        this.u = new double[pairs];
        this.v = new double[pairs];
    }

    /** The factors at &theta; = (&mu;, &alpha;), a factor exactly 0 read as {@code tiny}. */
    void evaluate(double[] theta, double tiny) {
        for (int i = 0; i < distinctK.length; i++) {
            alpha[i] = theta[1 + distinctK[i]];
        }
        VectorLoops.yieldFactors(alpha, interpolation, distinctK.length, tiny, dg, du, dv, scratch, out);
        for (int i = 0; i < k.length; i++) {
            int from = distinctOf[i];
            g[i] = dg[from];
            u[i] = du[from];
            v[i] = dv[from];
        }
    }
}
