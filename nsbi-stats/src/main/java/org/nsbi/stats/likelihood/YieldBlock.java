package org.nsbi.stats.likelihood;

import java.util.Arrays;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/**
 * The NLL of a {@link ColumnarNll} as a function of its yield-only parameters Y alone, &mu; and the shape parameters held
 * where they were when it was {@linkplain #prepare prepared}. A yield-only &alpha;_k enters &lambda;_i only through the
 * yield factors G_ck of the processes it acts on, so with m_c(&alpha;_Y) = &Pi;_{k in Y} G_ck(&alpha;_k) and T&#8304;_ic, F&#8304;_c
 * process c's term of &lambda;_i and its expected yield at the prepared point &theta;&#8304;:
 * <pre>
 * NLL(&alpha;_Y) = &Sigma;_c r_c F&#8304;_c &minus; &Sigma;_i w_i ln &Sigma;_c r_c T&#8304;_ic + &frac12; &Sigma;_k (&alpha;_k &minus; a_k)&sup2;,     r_c = m_c(&alpha;_Y) / m_c(&alpha;&#8304;_Y)
 * </pre>
 * Its gradient and Hessian follow from the per-process sums S_c = &Sigma;_i s_i T_ic and P_cd = &Sigma;_i s2_i T_ic T_id
 * (s = w/&lambda;, s2 = s/&lambda;, T_ic = r_c T&#8304;_ic) exactly as {@link ColumnarNll}'s yield-only terms: one pass over the
 * events of O(C&sup2;) per event, without shape factors or the Gram matrix of the per-event parameters. The Hessian goes into
 * the blocks G, M and d of a {@link StructuredHessian} of the NLL's layout (A and X are left 0), so that {@link
 * org.nsbi.stats.fit.ProfileFitter} can solve its Newton system with the yield-only parameters free and the others held.
 *
 * <p>A workspace for one thread; arrays grow with the largest event count prepared. Each {@link #prepare} and {@link
 * #evaluate} is counted as one {@linkplain #passes() pass over the events}.
 */
public final class YieldBlock {

    private final MixtureModel model;
    private final int nc;
    private final int nk;
    private final int dim;
    /** The yield-only parameters (&theta; indices, ascending), and per &theta; index whether it is one. */
    private final int[] parameters;
    private final boolean[] isYield;
    /** The processes with a yield-only parameter (rows of G and M), in the order of the NLL's layout. */
    private final int[] yProcesses;
    /** The yield factors of the pairs (c, k), k yield-only, by process. */
    private final YieldFactors factors;
    /** Per pair, the position of its parameter in the layout's Y. */
    private final int[] pairPosition;
    private final StructuredHessian layout;

    // the prepared point
    private final double[] theta0;
    private final double[] factor0;   // [c] m_c at theta0
    private final double[] yield0;    // [c] F_c at theta0
    private final double[] aux;
    private double[][] terms;         // [c][i]
    private double[] weights = new double[0];
    private int n;
    private boolean prepared;

    // per evaluation
    private final double[] ratio;     // [c]
    private final double[] rest;      // [y] F_c - S_c
    private final double[][] blockTerms;
    private final double[] lam = new double[ColumnarNll.BLOCK];
    private final double[] s = new double[ColumnarNll.BLOCK];
    private final double[] s2 = new double[ColumnarNll.BLOCK];
    /** (&lambda;, T_c of each Y-process): their s2-weighted Gram matrix holds S (row of &lambda;) and P. */
    private final double[][] vectors;
    private final GramSums gram;
    private long passes;

    private YieldBlock(MixtureModel model, StructuredHessian layout) {
        this.model = model;
        this.nc = model.processCount();
        this.nk = model.nuisanceCount();
        this.dim = 1 + nk;
        this.layout = layout;
        boolean[] shaped = new boolean[nk];
        for (int c = 0; c < nc; c++) {
            boolean[] shape = model.process(c).shape();
            for (int k = 0; k < nk; k++) {
                shaped[k] |= shape[k];
            }
        }
        this.isYield = new boolean[dim];
        int[][] activeY = new int[nc][];
        int[] yp = new int[nc];
        int ny = 0;
        for (int c = 0; c < nc; c++) {
            Process p = model.process(c);
            double[] up = p.kappaUp();
            double[] down = p.kappaDown();
            int[] act = new int[nk];
            int na = 0;
            for (int k = 0; k < nk; k++) {
                if (!shaped[k] && (up[k] != 1 || down[k] != 1)) {
                    act[na++] = k;
                }
            }
            activeY[c] = Arrays.copyOf(act, na);
            if (na > 0) {
                yp[ny++] = c;
            }
        }
        this.yProcesses = Arrays.copyOf(yp, ny);
        if (layout.rows() != ny || layout.structuredSize() == 0) {
            throw new IllegalArgumentException("a layout of " + layout.rows() + " rows and " + layout.structuredSize()
                    + " yield-only parameters for a model with " + ny + " processes with yield-only parameters");
        }
        this.parameters = new int[layout.structuredSize()];
        for (int j = 0; j < parameters.length; j++) {
            parameters[j] = layout.structuredIndex(j);
            isYield[parameters[j]] = true; // also one acting on nothing (its constraint alone)
        }
        this.factors = new YieldFactors(model, activeY);
        this.pairPosition = new int[factors.k.length];
        for (int i = 0; i < pairPosition.length; i++) {
            pairPosition[i] = -1 - layout.position(1 + factors.k[i]);
        }
        this.theta0 = new double[dim];
        this.factor0 = new double[nc];
        this.yield0 = new double[nc];
        this.aux = new double[nk];
        this.terms = new double[nc][0];
        this.ratio = new double[nc];
        this.rest = new double[ny];
        this.blockTerms = new double[nc][ColumnarNll.BLOCK];
        this.vectors = new double[1 + ny][];
        vectors[0] = lam;
        for (int y = 0; y < ny; y++) {
            vectors[1 + y] = blockTerms[yProcesses[y]];
        }
        this.gram = new GramSums(1 + ny);
    }

    /** The yield-only block of {@code nll}, or null if it has none or is not a {@link ColumnarNll}. */
    public static YieldBlock of(Nll nll) {
        if (!(nll instanceof ColumnarNll)) {
            return null;
        }
        StructuredHessian layout = nll.newHessian();
        return layout.structuredSize() == 0 ? null : new YieldBlock(nll.model(), layout);
    }

    /** Whether this block is {@code nll}'s: a {@link ColumnarNll} of the same model. */
    public boolean isOf(Nll nll) {
        return nll instanceof ColumnarNll && nll.model() == model && nll.fills(layout);
    }

    /** Whether &theta; index {@code t} is a yield-only parameter. */
    public boolean isYieldOnly(int t) {
        return isYield[t];
    }

    /** The passes over the events so far ({@link #prepare} and {@link #evaluate} each count one). */
    public long passes() {
        return passes;
    }

    /**
     * Takes each process's term of &lambda; at &theta; from {@code nll} (of this block's model, its events loaded) and
     * returns {@link #evaluate} there. Later evaluations move the yield-only parameters only.
     */
    public double prepare(Nll nll, double[] theta, double[] grad, StructuredHessian hess) {
        if (!isOf(nll)) {
            throw new IllegalArgumentException("the yield-only block of another model or layout");
        }
        ColumnarNll columnar = (ColumnarNll) nll;
        n = columnar.events();
        if (weights.length < n) {
            int cap = Math.max(n, weights.length + weights.length / 2);
            weights = new double[cap];
            terms = new double[nc][cap];
        }
        columnar.processTerms(theta, terms, weights, yield0);
        columnar.auxInto(aux);
        System.arraycopy(theta, 0, theta0, 0, dim);
        products(theta, factor0);
        prepared = true;
        return evaluate(theta, grad, hess);
    }

    /** m_c at &theta; into out (1 for a process without yield-only parameters). */
    private void products(double[] theta, double[] out) {
        factors.evaluate(theta, ColumnarNll.TINY);
        for (int c = 0; c < nc; c++) {
            double m = 1;
            for (int i = factors.start[c]; i < factors.start[c + 1]; i++) {
                m *= factors.g[i];
            }
            out[c] = m;
        }
    }

    /**
     * The NLL at &theta; (equal to the prepared point's but in the yield-only parameters), with its gradient in the
     * yield-only parameters (if {@code grad} is not null; its other entries are set to 0) and the blocks G, M, d of its
     * Hessian in them (if {@code hess}, of the NLL's layout, is not null; A and X are set to 0).
     *
     * @throws NonPositiveDensityException if some &lambda;_i &le; 0
     */
    public double evaluate(double[] theta, double[] grad, StructuredHessian hess) {
        if (!prepared) {
            throw new IllegalStateException("the yield-only block is not prepared");
        }
        for (int a = 0; a < dim; a++) {
            if (!isYield[a] && Double.doubleToLongBits(theta[a]) != Double.doubleToLongBits(theta0[a])) {
                throw new IllegalArgumentException("parameter " + a + " = " + theta[a] + " differs from the prepared "
                        + theta0[a] + "; only the yield-only parameters may move");
            }
        }
        passes++;
        double[] m = ratio;
        products(theta, m);
        double nll = 0;
        for (int c = 0; c < nc; c++) {
            m[c] = factors.start[c] == factors.start[c + 1] ? 1 : m[c] / factor0[c];
            nll += yield0[c] * m[c];
        }
        boolean sums = grad != null || hess != null;
        if (sums) {
            gram.clear();
        }
        for (int start = 0; start < n; start += ColumnarNll.BLOCK) {
            int len = Math.min(ColumnarNll.BLOCK, n - start);
            Arrays.fill(lam, 0, len, 0);
            for (int c = 0; c < nc; c++) {
                VectorLoops.scaled(blockTerms[c], m[c], terms[c], start, len);
                VectorLoops.addScaled(lam, 1, blockTerms[c], len);
            }
            double logs = VectorLoops.weightedLogs(weights, start, lam, s, s2, len);
            if (Double.isNaN(logs)) {
                for (int j = 0; j < len; j++) {
                    if (!(lam[j] > 0)) {
                        throw new NonPositiveDensityException(start + j, lam[j], model.fitsInSqrtMu() ? theta[0] * theta[0] : theta[0],
                                Arrays.copyOfRange(theta, 1, dim));
                    }
                }
            }
            nll -= logs;
            if (sums) {
                gram.add(s2, vectors, len);
            }
        }
        for (int k = 0; k < nk; k++) {
            double d = theta[1 + k] - aux[k];
            nll += 0.5 * d * d;
        }
        if (!sums) {
            return nll;
        }
        gram.finish();
        int ny = yProcesses.length;
        for (int y = 0; y < ny; y++) {
            int c = yProcesses[y];
            rest[y] = yield0[c] * m[c] - gram.sum(0, 1 + y);
        }
        if (grad != null) {
            Arrays.fill(grad, 0);
            for (int y = 0; y < ny; y++) {
                int c = yProcesses[y];
                for (int i = factors.start[c]; i < factors.start[c + 1]; i++) {
                    grad[1 + factors.k[i]] += factors.u[i] * rest[y];
                }
            }
            for (int t : parameters) {
                grad[t] += theta[t] - aux[t - 1];
            }
        }
        if (hess != null) {
            hess.clear();
            int ky = hess.structuredSize();
            for (int y = 0; y < ny; y++) {
                int c = yProcesses[y];
                for (int i = factors.start[c]; i < factors.start[c + 1]; i++) {
                    int j = pairPosition[i];
                    double gk = factors.u[i];
                    hess.d[j] += rest[y] * (factors.v[i] - gk * gk);
                    hess.g[y * ky + j] = gk;
                }
                hess.m[y * ny + y] += rest[y];
                for (int z = y; z < ny; z++) {
                    double p = gram.sum(1 + y, 1 + z);
                    hess.m[y * ny + z] += p;
                    if (z != y) {
                        hess.m[z * ny + y] += p;
                    }
                }
            }
            for (int j = 0; j < ky; j++) {
                hess.d[j] += 1;
            }
        }
        return nll;
    }
}
