package org.nsbi.stats.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

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
 * <p>N_c, its gradient and Hessian in &alpha; are sums over the reference sample, evaluated without a pass over it:
 * the range of each &alpha;_k is cut into cells (the polynomial's (&minus;1, 1), and beyond &plusmn;1 cells of width
 * h &le; 1), in each of which every event's factor is a power series in (&alpha;_k &minus; the cell's centre): the
 * code-4 polynomial itself, or the exponential's Taylor series, cut where its remainder is below 10&sup1;&#8311;
 * of the value (h is chosen so that |(&alpha; &minus; centre) ln r| &le; 1). The sums over the events of the products
 * of those coefficients (the mixed moments) are computed once per combination of cells, when first needed, and
 * cached; an evaluation is then a polynomial in &alpha; of at most a few hundred terms. Thread-safe.
 */
public final class ShapeNormalisation implements Serializable {

    private static final long serialVersionUID = 2L;
    /** Up to this many normalised shapes on one process, the cached expansion; beyond, a pass per evaluation. */
    private static final int MAX_MOMENT_EFFECTS = 3;
    /** The polynomial's terms: 1, &alpha;, ..., &alpha;&#8310;. */
    private static final int TERMS = 7;
    /** The most terms of an exponential's Taylor series. */
    private static final int MAX_TERMS = 40;
    /** The bound on a cut Taylor series' remainder relative to the value. */
    private static final double TRUNCATION = 1e-17;
    /** The most exponential cells on one side (for a key of 8 bits per effect). */
    private static final int MAX_CELL = 127;

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
    /** Per process, effect and side (0: &alpha; &ge; 1, 1: &alpha; &le; &minus;1): the cells' width h and terms T. */
    private final double[][][][] shape;
    /** The moments per (process, cells), filled when first needed; rebuilt empty after deserialisation. */
    private transient volatile ConcurrentHashMap<Long, double[]> tensors;

    private ShapeNormalisation(int nk, int[][] effects, double[][] weight, float[][][] up, float[][][] down,
                               float[][][] logUp, float[][][] logDown) {
        this.nk = nk;
        this.effects = effects;
        this.weight = weight;
        this.up = up;
        this.down = down;
        this.logUp = logUp;
        this.logDown = logDown;
        this.shape = new double[effects.length][][][];
        for (int c = 0; c < effects.length; c++) {
            shape[c] = new double[effects[c].length][][];
            for (int e = 0; e < effects[c].length; e++) {
                shape[c][e] = new double[][] {cellShape(logUp[c][e]), cellShape(logDown[c][e])};
            }
        }
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
        for (int c = 0; c < nc; c++) {
            int m = effects[c].length;
            int n = 0;
            double total = 0;
            for (int i = 0; i < reference.size() && m > 0; i++) {
                double wr = (double) reference.weight(i) * reference.ratio(c, i);
                if (wr != 0) {
                    n++;
                    total += wr;
                }
            }
            if (m > 0 && (!(total > 0) || Double.isInfinite(total))) {
                throw new IllegalArgumentException("process " + model.process(c).name() + ": sum of w r on the reference"
                        + " sample is " + total + "; expected > 0 to normalise its shapes");
            }
            weight[c] = new double[n];
            up[c] = new float[m][n];
            down[c] = new float[m][n];
            lu[c] = new float[m][n];
            ld[c] = new float[m][n];
            int j = 0;
            for (int i = 0; i < reference.size() && m > 0; i++) {
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
        return new ShapeNormalisation(nk, effects, weight, up, down, lu, ld);
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
        } else if (effects[c].length <= MAX_MOMENT_EFFECTS) {
            expansion(c, alpha, derivatives, out);
        } else {
            direct(c, alpha, derivatives, out);
        }
    }

    /**
     * N_c and its derivatives by the plain pass over the reference events of c, what the cached expansion is tested
     * against (and what {@link #evaluate} does for more than {@value #MAX_MOMENT_EFFECTS} normalised shapes on c).
     */
    public void evaluateDirect(int c, double[] alpha, boolean derivatives, double[] out) {
        Arrays.fill(out, 0, derivatives ? 1 + nk + nk * nk : 1, 0);
        if (effects[c].length == 0) {
            out[0] = 1;
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

    /**
     * The exponential cells of one side of an effect: their width h (1, or 2 / max |ln r| so that
     * |(&alpha; &minus; centre) ln r| &le; x &le; 1 in a cell) and the Taylor terms T with e^{2x} x^T / T! below
     * {@link #TRUNCATION}.
     */
    private static double[] cellShape(float[] logs) {
        double lmax = 0;
        for (float l : logs) {
            if (Float.isFinite(l)) {
                lmax = Math.max(lmax, Math.abs(l));
            }
        }
        double width = lmax > 2 ? 2 / lmax : 1;
        double x = width * lmax / 2;
        int terms = 1;
        double bound = Math.exp(2 * x);
        while (terms < MAX_TERMS && bound >= TRUNCATION) {
            bound *= x / terms;
            terms++;
        }
        return new double[] {width, terms};
    }

    /**
     * The cell of &alpha; for effect e of process c: 0 inside (&minus;1, 1) (the code-4 polynomial), k + 1 for the
     * k-th exponential cell [1 + k h, 1 + (k+1) h) above 1, &minus;(k + 1) likewise below &minus;1.
     */
    private int cell(int c, int e, double alpha) {
        if (alpha > -1 && alpha < 1) {
            return 0;
        }
        int side = alpha >= 1 ? 0 : 1;
        int k = (int) Math.min(MAX_CELL - 1, Math.floor((Math.abs(alpha) - 1) / shape[c][e][side][0]));
        return side == 0 ? k + 1 : -(k + 1);
    }

    /** The centre of a cell (0 for the polynomial). */
    private double centre(int c, int e, int cell) {
        if (cell == 0) {
            return 0;
        }
        double a = 1 + shape[c][e][cell > 0 ? 0 : 1][0] * (Math.abs(cell) - 0.5);
        return cell > 0 ? a : -a;
    }

    /** The number of power-series terms of a cell. */
    private int terms(int c, int e, int cell) {
        return cell == 0 ? TERMS : (int) shape[c][e][cell > 0 ? 0 : 1][1];
    }

    /**
     * Event j's coefficients of effect e in a cell, h(&alpha;) = &Sigma;_n b_n (&alpha; &minus; centre)^n there: the code-4
     * polynomial's 1, a1..a6, or e^{centre L} L^n / n! with L = ln r+ above 1 and L = &minus;ln r&minus; below &minus;1
     * (r&minus;^(&minus;&alpha;) = e^{&minus;&alpha; ln r&minus;}).
     */
    private void basis(int c, int e, int j, int cell, double[] out) {
        if (cell == 0) {
            coefficients(c, e, j, out);
            return;
        }
        double l = cell > 0 ? logUp[c][e][j] : -logDown[c][e][j];
        double b = Math.exp(centre(c, e, cell) * l);
        int t = terms(c, e, cell);
        for (int n = 0; n < t; n++) {
            out[n] = b;
            b *= l / (n + 1);
        }
    }

    /** The moments M[n_1..n_m] = &Sigma;_j weight_j &Pi;_e b_{e,n_e}(j) of process c in the given cells (cached). */
    private double[] moments(int c, int[] cells) {
        long key = c;
        for (int cell : cells) {
            key = key * 2 * MAX_CELL + cell + MAX_CELL;
        }
        ConcurrentHashMap<Long, double[]> cache = tensors;
        if (cache == null) {
            synchronized (this) {
                if (tensors == null) {
                    tensors = new ConcurrentHashMap<>();
                }
                cache = tensors;
            }
        }
        return cache.computeIfAbsent(key, x -> sumMoments(c, cells));
    }

    private double[] sumMoments(int c, int[] cells) {
        int m = cells.length;
        int[] t = new int[m];
        int size = 1;
        for (int e = 0; e < m; e++) {
            t[e] = terms(c, e, cells[e]);
            size *= t[e];
        }
        double[] sum = new double[size];
        double[][] b = new double[m][MAX_TERMS];
        double[] w = weight[c];
        for (int j = 0; j < w.length; j++) {
            for (int e = 0; e < m; e++) {
                basis(c, e, j, cells[e], b[e]);
            }
            for (int idx = 0; idx < size; idx++) {
                double p = w[j];
                int rest = idx;
                for (int e = 0; e < m; e++) {
                    p *= b[e][rest % t[e]];
                    rest /= t[e];
                }
                sum[idx] += p;
            }
        }
        return sum;
    }

    /** N_c from the moments of the cells &alpha; is in: &Sigma; M &Pi;_e (&alpha;_e &minus; centre_e)^n_e, with derivatives. */
    private void expansion(int c, double[] alpha, boolean derivatives, double[] out) {
        int[] ks = effects[c];
        int m = ks.length;
        int[] cells = new int[m];
        int[] t = new int[m];
        double[][] pw = new double[m][];
        double[][] d1 = new double[m][];
        double[][] d2 = new double[m][];
        for (int e = 0; e < m; e++) {
            cells[e] = cell(c, e, alpha[ks[e]]);
            t[e] = terms(c, e, cells[e]);
            double x = alpha[ks[e]] - centre(c, e, cells[e]);
            pw[e] = new double[t[e]];
            d1[e] = new double[t[e]];
            d2[e] = new double[t[e]];
            pw[e][0] = 1;
            for (int n = 1; n < t[e]; n++) {
                pw[e][n] = pw[e][n - 1] * x;
                d1[e][n] = n * pw[e][n - 1];
                d2[e][n] = n > 1 ? n * (n - 1) * pw[e][n - 2] : 0;
            }
        }
        double[] mom = moments(c, cells);
        double[] h = new double[m];
        double[] hp = new double[m];
        double[] hpp = new double[m];
        for (int idx = 0; idx < mom.length; idx++) {
            int rest = idx;
            for (int e = 0; e < m; e++) {
                int n = rest % t[e];
                rest /= t[e];
                h[e] = pw[e][n];
                hp[e] = d1[e][n];
                hpp[e] = d2[e][n];
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
