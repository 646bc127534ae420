package org.nsbi.stats.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The normalised shape option ({@code shape_normalisation: per_event}, primer section 3, "A subtlety worth
 * knowing"): per process c, the mean of its normalised per-event shape factors under p_c, estimated on the
 * reference sample,
 * <pre>
 * N_c(&alpha;) = E_c[&Pi;_{k&isin;S_c} h_ck(&middot;|&alpha;_k)] = &Sigma;_i w_i r_c(x_i) &Pi;_{k&isin;S_c} h_ck(x_i|&alpha;_k) / &Sigma;_i w_i r_c(x_i)
 * </pre>
 * with S_c the normalised nuisance parameters with a shape effect on c and h_ck their code-4 factors. The
 * likelihood divides the per-event term of c by N_c(&alpha;), a process-level factor: the shape then moves
 * events without changing the yield, which the yield factor G_c alone sets. With every shape of c normalised,
 * &Sigma;_i w_i r_c g&#771;_c / &Sigma;_i w_i r_c = 1 at any &alpha;.
 *
 * <p>N_c, its gradient and Hessian in &alpha; are exact sums over the reference sample. Where every &alpha;_k of
 * S_c is inside (&minus;1, 1), N_c is a polynomial whose coefficients (the mixed moments of the code-4
 * coefficients) are summed once here, so an evaluation costs 7^|S_c| terms; beyond &plusmn;1 an evaluation
 * is a pass over the reference events of c. Immutable and thread-safe.
 */
public final class ShapeNormalisation implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Up to this many normalised shapes on one process, the polynomial region uses moments (7^3 terms). */
    private static final int MAX_MOMENT_EFFECTS = 3;
    private static final int TERMS = 7;

    private final int nk;
    /** Per process, the normalised parameters with a shape effect on it (S_c), ascending. */
    private final int[][] effects;
    /** Per process, w_i r_c,i / &Sigma; w r over the events with w r &ne; 0. */
    private final double[][] weight;
    /** Per process and normalised effect: r+, r&minus;, ln r+, ln r&minus; of those events, as in the table. */
    private final float[][][] up;
    private final float[][][] down;
    private final float[][][] logUp;
    private final float[][][] logDown;
    /** Per process, the moments M[n_1..n_m] = &Sigma; weight &Pi; a_{k,n_k} (a_0 = 1), or null. */
    private final double[][] moments;

    private ShapeNormalisation(int nk, int[][] effects, double[][] weight, float[][][] up, float[][][] down,
                               float[][][] logUp, float[][][] logDown, double[][] moments) {
        this.nk = nk;
        this.effects = effects;
        this.weight = weight;
        this.up = up;
        this.down = down;
        this.logUp = logUp;
        this.logDown = logDown;
        this.moments = moments;
    }

    /**
     * The normalisation of {@code model}'s shapes of the parameters flagged in {@code normalised} (one flag per
     * nuisance parameter), from the reference sample {@code reference} with its own weights.
     *
     * @throws IllegalArgumentException if a flagged parameter has no shape effect, or a process with a flagged
     *                                  shape has &Sigma; w r_c &le; 0 on the reference sample
     */
    public static ShapeNormalisation of(MixtureModel model, boolean[] normalised, EventTable reference) {
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        if (normalised.length != nk) {
            throw new IllegalArgumentException(normalised.length + " normalisation flags for " + nk
                    + " nuisance parameters " + model.nuisances());
        }
        int[][] effects = new int[nc][];
        boolean[] used = new boolean[nk];
        for (int c = 0; c < nc; c++) {
            boolean[] shape = model.process(c).shape();
            effects[c] = java.util.stream.IntStream.range(0, nk).filter(k -> normalised[k] && shape[k]).toArray();
            for (int k : effects[c]) {
                used[k] = true;
            }
        }
        for (int k = 0; k < nk; k++) {
            if (normalised[k] && !used[k]) {
                throw new IllegalArgumentException("nuisance parameter " + model.nuisances().get(k)
                        + " has a normalised shape but no shape effect on any process; expected shape ratios to normalise");
            }
        }
        double[][] weight = new double[nc][];
        float[][][] up = new float[nc][][];
        float[][][] down = new float[nc][][];
        float[][][] lu = new float[nc][][];
        float[][][] ld = new float[nc][][];
        double[][] moments = new double[nc][];
        for (int c = 0; c < nc; c++) {
            int m = effects[c].length;
            if (m == 0) {
                continue;
            }
            int n = 0;
            double total = 0;
            for (int i = 0; i < reference.size(); i++) {
                double wr = (double) reference.weight(i) * reference.ratio(c, i);
                if (wr != 0) {
                    n++;
                    total += wr;
                }
            }
            if (!(total > 0) || Double.isInfinite(total)) {
                throw new IllegalArgumentException("process " + model.process(c).name() + ": sum of w r on the reference"
                        + " sample is " + total + "; expected > 0 to normalise its shapes");
            }
            weight[c] = new double[n];
            up[c] = new float[m][n];
            down[c] = new float[m][n];
            lu[c] = new float[m][n];
            ld[c] = new float[m][n];
            int j = 0;
            for (int i = 0; i < reference.size(); i++) {
                double wr = (double) reference.weight(i) * reference.ratio(c, i);
                if (wr == 0) {
                    continue;
                }
                weight[c][j] = wr / total;
                for (int e = 0; e < m; e++) {
                    int k = effects[c][e];
                    up[c][e][j] = reference.up(c, k, i);
                    down[c][e][j] = reference.down(c, k, i);
                    lu[c][e][j] = reference.logUp(c, k, i);
                    ld[c][e][j] = reference.logDown(c, k, i);
                }
                j++;
            }
        }
        ShapeNormalisation s = new ShapeNormalisation(nk, effects, weight, up, down, lu, ld, new double[nc][]);
        for (int c = 0; c < nc; c++) {
            if (effects[c].length > 0 && effects[c].length <= MAX_MOMENT_EFFECTS) {
                moments[c] = s.moments(c);
            }
        }
        return new ShapeNormalisation(nk, effects, weight, up, down, lu, ld, moments);
    }

    /** True when process c has normalised shapes (its per-event term is divided by N_c). */
    public boolean normalises(int c) {
        return effects[c].length > 0;
    }

    /** S_c, the normalised parameters with a shape effect on process c (a copy). */
    public int[] effects(int c) {
        return effects[c].clone();
    }

    /**
     * N_c(&alpha;) with its gradient and Hessian in &alpha;: out[0] = N, out[1 + k] = &part;_k N,
     * out[1 + nk + k&middot;nk + l] = &part;_k &part;_l N (zero for parameters outside S_c); {@code out} has length
     * 1 + nk + nk&sup2;. With {@code derivatives} false only out[0] is written.
     */
    public void evaluate(int c, double[] alpha, boolean derivatives, double[] out) {
        Arrays.fill(out, 0, derivatives ? 1 + nk + nk * nk : 1, 0);
        if (effects[c].length == 0) {
            out[0] = 1;
            return;
        }
        boolean inside = true;
        for (int k : effects[c]) {
            inside &= alpha[k] > -1 && alpha[k] < 1;
        }
        if (inside && moments[c] != null) {
            polynomial(c, alpha, derivatives, out);
        } else {
            direct(c, alpha, derivatives, out);
        }
    }

    /** N_c(&alpha;) alone. */
    public double value(int c, double[] alpha) {
        double[] out = new double[1 + nk + nk * nk];
        evaluate(c, alpha, false, out);
        return out[0];
    }

    /** The code-4 coefficients 1, a1..a6 of event j's effect e of process c into out[0..7). */
    private void coefficients(int c, int e, int j, double[] out) {
        out[0] = 1;
        Code4Interpolation.coefficients(Math.max(up[c][e][j], Code4Interpolation.MIN_RATIO),
                Math.max(down[c][e][j], Code4Interpolation.MIN_RATIO), logUp[c][e][j], logDown[c][e][j], out, 1);
    }

    /** The mixed moments of process c, indexed by &Sigma;_e n_e 7^e. */
    private double[] moments(int c) {
        int m = effects[c].length;
        int size = 1;
        for (int e = 0; e < m; e++) {
            size *= TERMS;
        }
        double[] sum = new double[size];
        double[][] a = new double[m][TERMS];
        double[] w = weight[c];
        for (int j = 0; j < w.length; j++) {
            for (int e = 0; e < m; e++) {
                coefficients(c, e, j, a[e]);
            }
            for (int idx = 0; idx < size; idx++) {
                double p = w[j];
                int rest = idx;
                for (int e = 0; e < m; e++) {
                    p *= a[e][rest % TERMS];
                    rest /= TERMS;
                }
                sum[idx] += p;
            }
        }
        return sum;
    }

    private void polynomial(int c, double[] alpha, boolean derivatives, double[] out) {
        int[] ks = effects[c];
        int m = ks.length;
        double[][] pw = new double[m][TERMS];
        double[][] d1 = new double[m][TERMS];
        double[][] d2 = new double[m][TERMS];
        for (int e = 0; e < m; e++) {
            double x = alpha[ks[e]];
            pw[e][0] = 1;
            for (int n = 1; n < TERMS; n++) {
                pw[e][n] = pw[e][n - 1] * x;
                d1[e][n] = n * pw[e][n - 1];
                d2[e][n] = n > 1 ? n * (n - 1) * pw[e][n - 2] : 0;
            }
        }
        double[] mom = moments[c];
        int[] digit = new int[m];
        double[] h = new double[m];
        double[] hp = new double[m];
        double[] hpp = new double[m];
        for (int idx = 0; idx < mom.length; idx++) {
            int rest = idx;
            for (int e = 0; e < m; e++) {
                digit[e] = rest % TERMS;
                rest /= TERMS;
                h[e] = pw[e][digit[e]];
                hp[e] = d1[e][digit[e]];
                hpp[e] = d2[e][digit[e]];
            }
            accumulate(mom[idx], ks, h, hp, hpp, derivatives, out);
        }
    }

    private void direct(int c, double[] alpha, boolean derivatives, double[] out) {
        int[] ks = effects[c];
        int m = ks.length;
        double[] a = new double[TERMS];
        double[] v = new double[3];
        double[] h = new double[m];
        double[] hp = new double[m];
        double[] hpp = new double[m];
        double[] w = weight[c];
        for (int j = 0; j < w.length; j++) {
            for (int e = 0; e < m; e++) {
                double x = alpha[ks[e]];
                if (x > -1 && x < 1) {
                    coefficients(c, e, j, a);
                } // beyond +-1 the coefficients are not used
                Code4Interpolation.evaluate(x, a, 1, logUp[c][e][j], logDown[c][e][j], v);
                h[e] = v[0];
                hp[e] = v[1];
                hpp[e] = v[2];
            }
            accumulate(w[j], ks, h, hp, hpp, derivatives, out);
        }
    }

    /** Adds w &Pi;_e h_e, and its derivatives from the factors' h', h'', to out. */
    private void accumulate(double w, int[] ks, double[] h, double[] hp, double[] hpp, boolean derivatives,
                            double[] out) {
        int m = ks.length;
        double all = w;
        for (int e = 0; e < m; e++) {
            all *= h[e];
        }
        out[0] += all;
        if (!derivatives) {
            return;
        }
        for (int e = 0; e < m; e++) {
            double others = w;
            for (int f = 0; f < m; f++) {
                if (f != e) {
                    others *= h[f];
                }
            }
            out[1 + ks[e]] += hp[e] * others;
            out[1 + nk + ks[e] * nk + ks[e]] += hpp[e] * others;
            for (int f = e + 1; f < m; f++) {
                double rest = w * hp[e] * hp[f];
                for (int g = 0; g < m; g++) {
                    if (g != e && g != f) {
                        rest *= h[g];
                    }
                }
                out[1 + nk + ks[e] * nk + ks[f]] += rest;
                out[1 + nk + ks[f] * nk + ks[e]] += rest;
            }
        }
    }
}
