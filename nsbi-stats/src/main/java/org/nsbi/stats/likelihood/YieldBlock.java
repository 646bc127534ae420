package org.nsbi.stats.likelihood;

import java.util.Arrays;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/**
 * The NLL of a {@link ColumnarNll} as a function of its yield-only parameters Y alone, at a fixed &mu; with every other
 * nuisance parameter (those with a shape effect, E) at 0: where a Newton run of the fitter starts from &alpha; = 0 or from a
 * scan at &alpha; = 0. A yield-only &alpha;_k enters &lambda;_i only through the yield factors G_ck of the processes it acts on,
 * and at &alpha;_E = 0 every shape factor and every yield factor of E is exactly 1, so with m_c(&alpha;_Y) = &Pi;_{k in Y} G_ck(&alpha;_k):
 * <pre>
 * NLL(&alpha;_Y) = &Sigma;_c &nu;_c f_c(&mu;) m_c &minus; &Sigma;_i w_i ln &Sigma;_c (f_c(&mu;) m_c / N_c(0)) &nu;_c r_ic + &frac12; &Sigma;_k (&alpha;_k &minus; a_k)&sup2;
 * </pre>
 * (N_c the shape normalisation, 1 without). Its gradient and Hessian follow from the per-process sums S_c = &Sigma;_i s_i T_ic and
 * P_cd = &Sigma;_i s2_i T_ic T_id (s = w/&lambda;, s2 = s/&lambda;, T_ic process c's term of &lambda;_i) exactly as {@link ColumnarNll}'s
 * yield-only terms: one pass over the events reading the loaded ratios &nu;_c r_ic, O(C&sup2;) per event, with no shape factor
 * and no per-event derivative. The Hessian goes into the blocks G, M and d of a {@link StructuredHessian} of the NLL's layout
 * (A and X are left 0), so that {@link org.nsbi.stats.fit.ProfileFitter} solves its Newton system with the yield-only
 * parameters free and the others held.
 *
 * <p>A workspace for one thread. Each {@link #prepare} and {@link #evaluate} is counted by the NLL as one pass over its
 * events ({@link Nll#blockPassCounts}).
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

    /** Per process, its yield &nu;_c, coefficient f_c and its scratch, and N_c(0) (1 without a shape normalisation). */
    private final double[] nu;
    private final Coefficient[] coefficients;
    private final double[][] coefficientScratch;
    private final double[] coefficientOut = new double[3];
    private final double[] norm0;
    /** The yield factors' G'/G and G''/G at &alpha;_Y = 0 (the common start), per pair; their G is 1. */
    private final double[] u0;
    private final double[] v0;
    /** Whether the factors of the last {@link #products} were those at 0. */
    private boolean atZero;

    // the prepared mu: f_c and f_c / N_c(0)
    private final double[] coefficient;
    private final double[] perEvent;
    private final double[] aux;
    /** The NLL prepared on (its events must not change until the next {@link #prepare}), and its first parameter. */
    private Nll preparedFor;
    private double p0;

    // per evaluation
    private final double[] ratio;     // [c] m_c
    private final double[] rest;      // [y] F_c - S_c
    private final double[][] blockTerms;
    private final double[] lam = new double[ColumnarNll.BLOCK];
    private final double[] s = new double[ColumnarNll.BLOCK];
    private final double[] s2 = new double[ColumnarNll.BLOCK];
    /** (&lambda;, T_c of each Y-process): their s2-weighted Gram matrix holds S (row of &lambda;) and P. */
    private final double[][] vectors;
    private final GramSums gram;

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
        this.nu = new double[nc];
        this.coefficients = new Coefficient[nc];
        this.coefficientScratch = new double[nc][];
        this.norm0 = new double[nc];
        for (int c = 0; c < nc; c++) {
            nu[c] = model.process(c).yield();
            coefficients[c] = model.process(c).coefficient();
            coefficientScratch[c] = model.process(c).coefficient().newScratch();
            norm0[c] = model.shapeNormalisation() == null ? 1 : model.shapeNormalisation().value(c, new double[nk]);
        }
        factors.evaluate(new double[dim], ColumnarNll.TINY);
        this.u0 = factors.u.clone();
        this.v0 = factors.v.clone();
        this.coefficient = new double[nc];
        this.perEvent = new double[nc];
        this.aux = new double[nk];
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

    /**
     * A pass's cost relative to a full evaluation with the Hessian, estimated by their per-event Gram sums: the block's over
     * (&lambda;, T_c of the R processes with yield-only parameters), the evaluation's over (&lambda;, &part;&lambda;/&part;&theta; of &mu; and the s &minus; 1
     * shape parameters, T_c of the R), m(m + 1)/2 entries each for m vectors. With one shape parameter (1 + 2) it is 0.54
     * (measured 0.40), with ten (10 + 90) 0.11 (measured 0.20).
     */
    public double relativeCost() {
        int block = 1 + yProcesses.length;
        int full = 1 + layout.denseSize() + yProcesses.length;
        return block * (block + 1) / (double) (full * (full + 1));
    }

    /** The number of yield-only parameters. */
    public int size() {
        return parameters.length;
    }

    /** The number of the other parameters (&mu; and those with a shape effect). */
    public int others() {
        return layout.denseSize();
    }

    /** Whether &theta; index {@code t} is a yield-only parameter. */
    public boolean isYieldOnly(int t) {
        return isYield[t];
    }

    /** Whether a run can start with this block at &theta;: every parameter with a shape effect exactly 0. */
    public boolean applies(double[] theta) {
        for (int a = 1; a < dim; a++) {
            if (!isYield[a] && theta[a] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Holds &mu; at &theta;'s on {@code nll} (of this block's model, its events loaded; &theta; must {@linkplain #applies apply}) and
     * returns {@link #evaluate} at &theta;.
     */
    public double prepare(Nll nll, double[] theta, double[] grad, StructuredHessian hess) {
        if (!isOf(nll)) {
            throw new IllegalArgumentException("the yield-only block of another model or layout");
        }
        if (!applies(theta)) {
            throw new IllegalArgumentException("a start with a shape parameter not 0: " + Arrays.toString(theta));
        }
        p0 = theta[0];
        for (int c = 0; c < nc; c++) {
            if (model.fitsInSqrtMu()) {
                coefficients[c].atSqrt(p0, coefficientOut, coefficientScratch[c]);
            } else {
                coefficients[c].at(p0, coefficientOut, coefficientScratch[c]);
            }
            coefficient[c] = coefficientOut[0];
            perEvent[c] = coefficient[c] / norm0[c];
        }
        nll.auxInto(aux);
        preparedFor = nll;
        return evaluate(nll, theta, grad, hess);
    }

    /** m_c at &theta; into out (1 for a process without yield-only parameters); the pairs' G'/G, G''/G into {@link #factors}. */
    private void products(double[] theta) {
        boolean zero = true;
        for (int t : parameters) {
            zero &= theta[t] == 0;
        }
        if (zero) {
            if (!atZero) {
                System.arraycopy(u0, 0, factors.u, 0, u0.length);
                System.arraycopy(v0, 0, factors.v, 0, v0.length);
                atZero = true;
            }
            Arrays.fill(ratio, 1);
            return;
        }
        atZero = false;
        factors.evaluate(theta, ColumnarNll.TINY);
        for (int c = 0; c < nc; c++) {
            double m = 1;
            for (int i = factors.start[c]; i < factors.start[c + 1]; i++) {
                m *= factors.g[i];
            }
            ratio[c] = m;
        }
    }

    /**
     * The NLL at &theta; (&mu; the prepared one, the parameters with a shape effect at 0), with its gradient in the
     * yield-only parameters (if {@code grad} is not null; its other entries are set to 0) and the blocks G, M, d of its
     * Hessian in them (if {@code hess}, of the NLL's layout, is not null; A and X are set to 0).
     *
     * @throws NonPositiveDensityException if some &lambda;_i &le; 0
     */
    public double evaluate(Nll nll, double[] theta, double[] grad, StructuredHessian hess) {
        if (nll != preparedFor) {
            throw new IllegalStateException("the yield-only block is not prepared on this NLL");
        }
        if (Double.doubleToLongBits(theta[0]) != Double.doubleToLongBits(p0) || !applies(theta)) {
            throw new IllegalArgumentException("theta = " + Arrays.toString(theta) + ": only the yield-only parameters may"
                    + " move from the prepared point (first parameter " + p0 + ", the others 0)");
        }
        nll.countBlockPass();
        ColumnarNll columnar = (ColumnarNll) nll;
        int n = columnar.events();
        double[] weights = columnar.weightColumn();
        double[] m = ratio;
        products(theta);
        double value = 0;
        for (int c = 0; c < nc; c++) {
            value += nu[c] * coefficient[c] * m[c];
        }
        boolean sums = grad != null || hess != null;
        if (sums) {
            gram.clear();
        }
        for (int start = 0; start < n; start += ColumnarNll.BLOCK) {
            int len = Math.min(ColumnarNll.BLOCK, n - start);
            Arrays.fill(lam, 0, len, 0);
            for (int c = 0; c < nc; c++) {
                VectorLoops.scaled(blockTerms[c], perEvent[c] * m[c], columnar.scaledRatios(c), start, len);
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
            value -= logs;
            if (sums) {
                gram.add(s2, vectors, len);
            }
        }
        for (int k = 0; k < nk; k++) {
            double d = theta[1 + k] - aux[k];
            value += 0.5 * d * d;
        }
        if (!sums) {
            return value;
        }
        gram.finish();
        int ny = yProcesses.length;
        for (int y = 0; y < ny; y++) {
            int c = yProcesses[y];
            rest[y] = nu[c] * coefficient[c] * m[c] - gram.sum(0, 1 + y);
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
        return value;
    }
}
