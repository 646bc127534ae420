package org.nsbi.stats.fit;

import java.util.Arrays;
import org.nsbi.stats.likelihood.StructuredHessian;

/**
 * The damped Newton system of {@link ProfileFitter}, (H_FF + &lambda;&Delta;) &delta; = r over the free parameters F
 * with &Delta; = diag(max(|H_ii|, 10&#8315;&sup3;)), factored through the Hessian's structure
 * ({@link StructuredHessian}) so that K yield-only parameters cost O(K&middot;R&sup2; + R&sup3; + s&sup3;), never the
 * K&times;K matrix. With the free parameters split into E (s of them) and Y, and D = diag(d) + &lambda;&Delta; over Y:
 * <pre>
 * H_YY = D + G&#7488; M G                         Q = G D&#8315;&sup1; G&#7488; = L L&#7488; (pivoted Cholesky, L: R&times;r)
 * H_YY&#8315;&sup1; = D&#8315;&sup1; &minus; D&#8315;&sup1; G&#7488; K G D&#8315;&sup1;           K = M &minus; M L (I + L&#7488; M L)&#8315;&sup1; L&#7488; M   (Woodbury)
 * S = H_EE &minus; X&#7488; (Q &minus; Q K Q) X               the Schur complement of H_YY, s&times;s
 * &delta;_E = S&#8315;&sup1; (r_E &minus; X&#7488; G H_YY&#8315;&sup1; r_Y),   &delta;_Y = H_YY&#8315;&sup1; (r_Y &minus; G&#7488; X &delta;_E)
 * </pre>
 * H_FF is positive definite exactly when H_YY and S are, and (D &gt; 0) H_YY is exactly when I + L&#7488; M L is (the
 * non-zero eigenvalues of D&#8315;&frac12; G&#7488; M G D&#8315;&frac12; are those of L&#7488; M L), so {@link #factor} gives the
 * verdict of a Cholesky decomposition of the whole matrix. D must be safely positive: a Y parameter whose D_k
 * is below {@value #SMALLEST_D} (the constraint gives 1; the yields' curvature, (F_c &minus; S_c)(ln G_ck)'', can
 * take it below 0 away from the minimum) joins E for that system, its rows of X being (M G)_k, since
 * H_{kY} = (M G_k)&#7488; G. With Y empty (the plain dense layout) it is the Cholesky decomposition of H_FF.
 *
 * <p>Its buffers are sized by the layout, and nothing is allocated per step; a thread's fits reuse one instance
 * ({@link FitWorkspace}), {@link #reset} at the start of each Newton run.
 */
final class NewtonSystem {

    /** D_k below this moves Y parameter k into the dense part of the system. */
    static final double SMALLEST_D = 0.25;

    /** Pivots of Q below this fraction of its largest diagonal end the pivoted Cholesky (Q is then L L&#7488;). */
    private static final double RANK_TOLERANCE = 1e-14;

    private final int dim;
    private final int s;
    private final int k;
    private final int rows;
    // the free parameters, split: positions in E / Y, and their places in the caller's free list
    /** The dense part E' of the free parameters: E's (position in E, &ge; 0) and Y's moved there (&minus;1 &minus; position in Y). */
    private final int[] eAt;
    private final int[] eSlot;
    private final int[] yAt;
    private final int[] ySlot;
    private int ne;
    private int ny;
    private final double[] dInv;   // [j] 1/D over free Y
    private final double[] q;      // R x R
    private final double[] l;      // R x R, columns 0..rank-1 used
    private final int[] perm;
    private int rank;
    private final double[] t;      // rank x rank: I + L^T M L, then its Cholesky factor
    private final double[] lm;     // rank x R: L^T M
    private final double[] kmat;   // R x R
    private final double[] zq;     // R x R: Q - Q K Q
    private double[] schur;        // E' x E': S, then its Cholesky factor
    private double[] xf;           // R x E': X over free E, (M G) over the Y parameters moved to E'
    private double[] zx;           // R x E': Zq X'
    private final double[] hyy;    // k: the diagonal of H_YY (of the Hessian and version below)
    private final double[] mg;     // R x k: M G
    private final double[] gw;     // R x k: G D^-1 over free Y (0 elsewhere), of the last factor (R != 4 only)
    private StructuredHessian hyyOf;
    private long hyyVersion;
    private final double[] wY;     // k: 1/D for the free Y parameters kept in Y, else 0
    private final double[] ry;     // k: a vector over Y
    private final double[] rowsA;  // R
    private final double[] rowsB;  // R
    private double[] rE;           // E'
    private double[] dE;           // E'
    private StructuredHessian h;
    // the arguments of the last factor, if it succeeded (heldCount -1: none): a factor asked again for them is kept
    private final int[] heldFree;
    private int heldCount = -1;
    private long heldVersion;
    private double heldLambda;
    private long factors;

    NewtonSystem(StructuredHessian layout) {
        this.dim = layout.dimension();
        this.s = layout.denseSize();
        this.k = layout.structuredSize();
        this.rows = layout.rows();
        this.eAt = new int[dim];
        this.eSlot = new int[dim];
        this.yAt = new int[k];
        this.ySlot = new int[k];
        this.dInv = new double[k];
        this.q = new double[rows * rows];
        this.l = new double[rows * rows];
        this.perm = new int[rows];
        this.t = new double[rows * rows];
        this.lm = new double[rows * rows];
        this.kmat = new double[rows * rows];
        this.zq = new double[rows * rows];
        this.hyy = new double[k];
        this.mg = new double[rows * k];
        this.gw = rows == 4 ? null : new double[rows * k]; // four rows: gramOfFourRows and the solve form G W's entries
        this.wY = new double[k];
        this.ry = new double[k];
        this.heldFree = new int[dim];
        grow(s + Math.min(k, 4));
        this.rowsA = new double[rows];
        this.rowsB = new double[rows];
    }

    /**
     * Forgets the cached diagonal of H_YY and the factor held: a new Newton run (its Hessians may hold a version seen
     * before), or a Hessian written through its arrays without a new {@link StructuredHessian#version}.
     */
    void reset() {
        hyyOf = null;
        heldCount = -1;
    }

    /** The number of factors made so far (not those kept: {@link #factor}). */
    long factors() {
        return factors;
    }

    private void grow(int size) {
        if (schur == null || schur.length < size * size) {
            schur = new double[size * size];
            xf = new double[rows * size];
            zx = new double[rows * size];
            rE = new double[size];
            dE = new double[size];
        }
    }

    /**
     * Factors H_FF + &lambda;&Delta; for the free parameters {@code freeIndices[0..count)} (&theta; indices) of {@code hess}; false if
     * it is not positive definite (or not finite). {@code hess} must not change until the last {@link #solve}. If the
     * last factor was of the same Hessian, at the same {@link StructuredHessian#version}, for the same free list and
     * &lambda;, and succeeded, it is kept, not made again (the fitter asks for it again where it judges a point evaluated
     * without its Hessian with the Hessian before): its solves have the bits of a new one's.
     */
    boolean factor(StructuredHessian hess, int[] freeIndices, int count, double lambda) {
        if (count == heldCount && hess == h && hess.version() == heldVersion
                && Double.compare(lambda, heldLambda) == 0 && Arrays.equals(heldFree, 0, count, freeIndices, 0, count)) {
            return true;
        }
        factors++;
        heldCount = -1;
        if (!factorAnew(hess, freeIndices, count, lambda)) {
            return false;
        }
        System.arraycopy(freeIndices, 0, heldFree, 0, count);
        heldCount = count;
        heldVersion = hess.version();
        heldLambda = lambda;
        return true;
    }

    private boolean factorAnew(StructuredHessian hess, int[] freeIndices, int count, double lambda) {
        this.h = hess;
        ne = 0;
        ny = 0;
        for (int i = 0; i < count; i++) {
            int p = hess.position(freeIndices[i]);
            if (p >= 0) {
                eAt[ne] = p;
                eSlot[ne++] = i;
            } else {
                yAt[ny] = -1 - p;
                ySlot[ny++] = i;
            }
        }
        double[] g = hess.rowsOfY();
        double[] m = hess.rowWeights();
        double[] d = hess.diagonal();
        double[] x = hess.crossBlock();
        // D over free Y; the Y parameters with a small D join E'
        int nyAll = ny;
        ny = 0;
        Arrays.fill(wY, 0);
        for (int j = 0; j < nyAll; j++) {
            int y = yAt[j];
            double dj = d[y];
            if (lambda > 0 || dj < SMALLEST_D) {
                // H_kk, for the damping or for E'
                diagonalOfHyy(hess, g, m, d);
                dj += lambda * Math.max(Math.abs(hyy[y]), 1e-3);
            }
            if (!Double.isFinite(dj)) {
                return false;
            }
            if (dj < SMALLEST_D) {
                eAt[ne] = -1 - y;
                eSlot[ne++] = ySlot[j];
            } else {
                yAt[ny] = y;
                ySlot[ny] = ySlot[j];
                dInv[ny] = 1 / dj;
                wY[y] = dInv[ny++];
            }
        }
        grow(ne);
        // X' over E': X's columns for E, M G's for the Y parameters moved there
        for (int i = 0; i < ne && rows > 0; i++) {
            int e = eAt[i];
            for (int r = 0; r < rows; r++) {
                double v;
                if (e >= 0) {
                    v = x[r * s + e];
                } else {
                    v = mg[r * k - 1 - e];
                }
                xf[r * ne + i] = v;
            }
        }
        if (ny > 0) {
            // Q = G D^-1 G^T over free Y (wY = 0 elsewhere), its pivoted Cholesky factor L, then K
            if (rows == 4) {
                gramOfFourRows(g, k, wY, q);
            } else {
                gram(g, k, rows, wY, gw, q, rowsA);
            }
            rank = pivotedCholesky(q, rows, l, perm);
            // L^T M (rank x R), then I + L^T M L (rank x rank)
            for (int i = 0; i < rank; i++) {
                for (int c = 0; c < rows; c++) {
                    double sum = 0;
                    for (int r = 0; r < rows; r++) {
                        sum += l[r * rows + i] * m[r * rows + c];
                    }
                    lm[i * rows + c] = sum;
                }
            }
            for (int i = 0; i < rank; i++) {
                for (int j = 0; j < rank; j++) {
                    double sum = i == j ? 1 : 0;
                    for (int r = 0; r < rows; r++) {
                        sum += lm[i * rows + r] * l[r * rows + j];
                    }
                    t[i * rank + j] = sum;
                }
            }
            if (!cholesky(t, rank)) {
                return false;
            }
            // K = M - (L^T M)^T (I + T)^-1 (L^T M)
            for (int c = 0; c < rows; c++) {
                for (int i = 0; i < rank; i++) {
                    rowsA[i] = lm[i * rows + c];
                }
                solve(t, rank, rowsA, rowsB);
                for (int r = 0; r < rows; r++) {
                    double sum = 0;
                    for (int i = 0; i < rank; i++) {
                        sum += lm[i * rows + r] * rowsB[i];
                    }
                    kmat[r * rows + c] = m[r * rows + c] - sum;
                }
            }
            // Q - Q K Q = G H_YY^-1 G^T, for the Schur complement (none without E')
            for (int r = 0; r < rows && ne > 0; r++) {
                for (int c = 0; c < rows; c++) {
                    double sum = 0;
                    for (int i = 0; i < rows; i++) {
                        sum += kmat[r * rows + i] * q[i * rows + c];
                    }
                    lm[r * rows + c] = sum; // K Q, reusing the buffer
                }
            }
            for (int r = 0; r < rows && ne > 0; r++) {
                for (int c = 0; c < rows; c++) {
                    double sum = 0;
                    for (int i = 0; i < rows; i++) {
                        sum += q[r * rows + i] * lm[i * rows + c];
                    }
                    zq[r * rows + c] = q[r * rows + c] - sum;
                }
            }
        }
        // S = H_E'E' + damping - X'^T Zq X'
        boolean withY = ny > 0;
        for (int r = 0; r < rows && withY; r++) {
            for (int j = 0; j < ne; j++) {
                double sum = 0;
                for (int c = 0; c < rows; c++) {
                    sum += zq[r * rows + c] * xf[c * ne + j];
                }
                zx[r * ne + j] = sum;
            }
        }
        int nr = withY ? rows : 0;
        for (int i = 0; i < ne; i++) {
            for (int j = i; j < ne; j++) {
                double sum = entry(i, j);
                if (i == j) {
                    sum += lambda * Math.max(Math.abs(sum), 1e-3);
                }
                for (int r = 0; r < nr; r++) {
                    sum -= xf[r * ne + i] * zx[r * ne + j];
                }
                schur[i * ne + j] = sum;
                schur[j * ne + i] = sum;
            }
        }
        return cholesky(schur, ne);
    }

    /**
     * gw = G W and Q = G W G&#7488; (W = diag(w)) for the R&times;k matrix g: Q's entry (r, c), c &ge; r, is
     * &Sigma;_y gw[r k + y] g[c k + y] from 0 in the order of y ({@link #rowDots}' bits), mirrored below the diagonal.
     * {@code rowsOut} (R) is scratch.
     */
    static void gram(double[] g, int k, int rows, double[] w, double[] gw, double[] q, double[] rowsOut) {
        for (int r = 0; r < rows; r++) {
            for (int y = 0; y < k; y++) {
                gw[r * k + y] = g[r * k + y] * w[y];
            }
        }
        for (int r = 0; r < rows; r++) {
            rowDots(g, k, gw, r * k, r, rows, rowsOut);
            for (int c = r; c < rows; c++) {
                q[r * rows + c] = rowsOut[c];
                q[c * rows + r] = rowsOut[c];
            }
        }
    }

    /**
     * {@link #gram}'s Q for four rows, with its bits: one pass over y that sums Q's ten entries side by side (ten
     * independent chains of additions instead of sixteen dot products in four passes, each a chain of k). G W is not
     * kept: the solve forms its entries again (the same products), which costs less than reading them back.
     */
    static void gramOfFourRows(double[] g, int k, double[] w, double[] q) {
        double q00 = 0;
        double q01 = 0;
        double q02 = 0;
        double q03 = 0;
        double q11 = 0;
        double q12 = 0;
        double q13 = 0;
        double q22 = 0;
        double q23 = 0;
        double q33 = 0;
        for (int y = 0; y < k; y++) {
            double wy = w[y];
            double g0 = g[y];
            double g1 = g[k + y];
            double g2 = g[2 * k + y];
            double g3 = g[3 * k + y];
            double a0 = g0 * wy;
            double a1 = g1 * wy;
            double a2 = g2 * wy;
            double a3 = g3 * wy;
            q00 += a0 * g0;
            q01 += a0 * g1;
            q02 += a0 * g2;
            q03 += a0 * g3;
            q11 += a1 * g1;
            q12 += a1 * g2;
            q13 += a1 * g3;
            q22 += a2 * g2;
            q23 += a2 * g3;
            q33 += a3 * g3;
        }
        q[0] = q00;
        q[1] = q01;
        q[2] = q02;
        q[3] = q03;
        q[4] = q01;
        q[5] = q11;
        q[6] = q12;
        q[7] = q13;
        q[8] = q02;
        q[9] = q12;
        q[10] = q22;
        q[11] = q23;
        q[12] = q03;
        q[13] = q13;
        q[14] = q23;
        q[15] = q33;
    }

    /** hyy = d + diag(G&#7488; M G) and mg = M G, once per Hessian and version. */
    private void diagonalOfHyy(StructuredHessian hess, double[] g, double[] m, double[] d) {
        if (hyyOf == hess && hyyVersion == hess.version()) {
            return;
        }
        Arrays.fill(mg, 0);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < rows; c++) {
                double mrc = m[r * rows + c];
                for (int y = 0; y < k; y++) {
                    mg[r * k + y] += mrc * g[c * k + y];
                }
            }
        }
        System.arraycopy(d, 0, hyy, 0, k);
        for (int r = 0; r < rows; r++) {
            for (int y = 0; y < k; y++) {
                hyy[y] += g[r * k + y] * mg[r * k + y];
            }
        }
        hyyOf = hess;
        hyyVersion = hess.version();
    }

    /** H_ij for E' entries i, j: from the blocks, the Y&ndash;Y ones through X' = M G of the Y parameters in E'. */
    private double entry(int i, int j) {
        int ei = eAt[i];
        int ej = eAt[j];
        if (ei < 0 && ej < 0) {
            if (i == j) {
                return hyy[-1 - ei];
            }
            double[] g = h.rowsOfY();
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += g[r * k - 1 - ei] * xf[r * ne + j];
            }
            return sum;
        }
        if (ei >= 0 && ej >= 0) {
            return h.denseBlock()[ei * s + ej]; // A, what get(..) reads through the positions
        }
        return h.get(h.denseIndexOrStructured(ei), h.denseIndexOrStructured(ej));
    }

    /** &delta; = (H_FF + &lambda;&Delta;)&#8315;&sup1; rhs, both in the order of the free list given to {@link #factor}. */
    void solve(double[] rhs, double[] step) {
        double[] g = h.rowsOfY();
        double[] x = h.crossBlock();
        // w = G H_YY^-1 r_Y = u - Q K u, u = G D^-1 r_Y
        if (ny > 0) {
            gTimesDInv(g, rhs, rowsA);
            qk(rowsA, rowsB);
            for (int r = 0; r < rows; r++) {
                rowsB[r] = rowsA[r] - rowsB[r];
            }
        }
        for (int i = 0; i < ne; i++) {
            double sum = rhs[eSlot[i]];
            for (int r = 0; r < rows && ny > 0; r++) {
                sum -= xf[r * ne + i] * rowsB[r];
            }
            rE[i] = sum;
        }
        solve(schur, ne, rE, dE);
        for (int i = 0; i < ne; i++) {
            step[eSlot[i]] = dE[i];
        }
        if (ny == 0) {
            return;
        }
        // v = r_Y - G^T X delta_E; delta_Y = D^-1 v - D^-1 G^T K G D^-1 v (over all of Y, wY = 0 where not free)
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int i = 0; i < ne; i++) {
                sum += xf[r * ne + i] * dE[i];
            }
            rowsA[r] = sum;
        }
        Arrays.fill(ry, 0);
        for (int j = 0; j < ny; j++) {
            ry[yAt[j]] = rhs[ySlot[j]];
        }
        if (rows == 4) {
            lessRowsAndDotsOfFour(g, k, rowsA, wY, ry, rowsA);
        } else {
            lessRows(g, k, rows, rowsA, ry);
            rowDots(gw, k, ry, 0, 0, rows, rowsA);
        }
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < rows; c++) {
                sum += kmat[r * rows + c] * rowsA[c];
            }
            rowsB[r] = sum;
        }
        if (rows == 4) {
            stepsOfFour(g, k, rowsB, ry, yAt, ySlot, dInv, ny, step);
            return;
        }
        lessRows(g, k, rows, rowsB, ry);
        for (int j = 0; j < ny; j++) {
            step[ySlot[j]] = dInv[j] * ry[yAt[j]];
        }
    }

    /** v &minus;= G&#7488; a for the R&times;k matrix g: v[y] less g[r, y] a[r] for r = 0, 1, ... in turn. */
    static void lessRows(double[] g, int k, int rows, double[] a, double[] v) {
        for (int r = 0; r < rows; r++) {
            double ar = a[r];
            for (int y = 0; y < k; y++) {
                v[y] -= g[r * k + y] * ar;
            }
        }
    }

    /**
     * {@link #lessRows} and then {@link #rowDots} over all four rows of G W (out[c] = &Sigma;_y v[y] (g[c, y] w[y]), the
     * products of {@link #gram}'s gw), with their bits, in one pass over y. {@code out} may be {@code a}.
     */
    static void lessRowsAndDotsOfFour(double[] g, int k, double[] a, double[] w, double[] v, double[] out) {
        double a0 = a[0];
        double a1 = a[1];
        double a2 = a[2];
        double a3 = a[3];
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int y = 0; y < k; y++) {
            double g0 = g[y];
            double g1 = g[k + y];
            double g2 = g[2 * k + y];
            double g3 = g[3 * k + y];
            double vy = v[y] - g0 * a0 - g1 * a1 - g2 * a2 - g3 * a3;
            double wy = w[y];
            v[y] = vy;
            s0 += vy * (g0 * wy);
            s1 += vy * (g1 * wy);
            s2 += vy * (g2 * wy);
            s3 += vy * (g3 * wy);
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    /**
     * step[ySlot[j]] = dInv[j] (v &minus; G&#7488; b)[yAt[j]] for four rows, with the bits of {@link #lessRows} and then
     * the product, for the j &lt; ny only.
     */
    static void stepsOfFour(double[] g, int k, double[] b, double[] v, int[] yAt, int[] ySlot, double[] dInv, int ny,
                            double[] step) {
        double b0 = b[0];
        double b1 = b[1];
        double b2 = b[2];
        double b3 = b[3];
        for (int j = 0; j < ny; j++) {
            int y = yAt[j];
            step[ySlot[j]] = dInv[j] * (v[y] - g[y] * b0 - g[k + y] * b1 - g[2 * k + y] * b2 - g[3 * k + y] * b3);
        }
    }

    /** out = G D&#8315;&sup1; r_Y (free Y of rhs, in free-list order). */
    private void gTimesDInv(double[] g, double[] rhs, double[] out) {
        Arrays.fill(ry, 0);
        for (int j = 0; j < ny; j++) {
            ry[yAt[j]] = rhs[ySlot[j]] * dInv[j];
        }
        rowDots(g, k, ry, 0, 0, rows, out);
    }

    /**
     * out[c] = &Sigma;_y v[vOff + y] g[c k + y] for the rows c in [from, to) of the R&times;k matrix g, each row's sum
     * from 0 in the order of y (the bits of one loop per row), four rows side by side so that their chains of
     * additions overlap (two when g has two or three rows). With fewer rows left it takes the last four (two) rows of g,
     * so out[c] may also be written for rows c &lt; from (with their own dot products).
     */
    static void rowDots(double[] g, int k, double[] v, int vOff, int from, int to, double[] out) {
        int c = from;
        while (c < to) {
            if (to < 4) {
                rowDotsOfTwoOrOne(g, k, v, vOff, c, to, out);
                return;
            }
            c = Math.min(c, to - 4);
            int o0 = c * k;
            int o1 = o0 + k;
            int o2 = o1 + k;
            int o3 = o2 + k;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int y = 0; y < k; y++) {
                double vy = v[vOff + y];
                s0 += vy * g[o0 + y];
                s1 += vy * g[o1 + y];
                s2 += vy * g[o2 + y];
                s3 += vy * g[o3 + y];
            }
            out[c] = s0;
            out[c + 1] = s1;
            out[c + 2] = s2;
            out[c + 3] = s3;
            c += 4;
        }
    }

    /** {@link #rowDots} over g's rows [from, to) when g has fewer than four rows: two rows side by side if it has two. */
    private static void rowDotsOfTwoOrOne(double[] g, int k, double[] v, int vOff, int from, int to, double[] out) {
        if (to < 2) {
            double s0 = 0;
            for (int y = 0; y < k; y++) {
                s0 += v[vOff + y] * g[y];
            }
            out[0] = s0;
            return;
        }
        for (int c = from; c < to; c += 2) {
            c = Math.min(c, to - 2);
            int o0 = c * k;
            int o1 = o0 + k;
            double s0 = 0;
            double s1 = 0;
            for (int y = 0; y < k; y++) {
                double vy = v[vOff + y];
                s0 += vy * g[o0 + y];
                s1 += vy * g[o1 + y];
            }
            out[c] = s0;
            out[c + 1] = s1;
        }
    }

    /** out = Q K u. */
    private void qk(double[] u, double[] out) {
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < rows; c++) {
                double ku = 0;
                for (int i = 0; i < rows; i++) {
                    ku += kmat[c * rows + i] * u[i];
                }
                sum += q[r * rows + c] * ku;
            }
            out[r] = sum;
        }
    }

    /**
     * The pivoted Cholesky factor of the symmetric positive semi-definite n&times;n matrix {@code a} (left intact):
     * a = L L&#7488; with L n&times;rank in the first rank columns of {@code out} (row-major n&times;n), up to entries below
     * {@link #RANK_TOLERANCE} times a's largest diagonal. Returns the rank.
     */
    static int pivotedCholesky(double[] a, int n, double[] out, int[] order) {
        Arrays.fill(out, 0, n * n, 0);
        double max = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            max = Math.max(max, a[i * n + i]);
        }
        double tol = RANK_TOLERANCE * max;
        for (int j = 0; j < n; j++) {
            // the largest remaining diagonal of the Schur complement
            int best = -1;
            double bestValue = tol;
            for (int i = j; i < n; i++) {
                int r = order[i];
                double v = a[r * n + r];
                for (int c = 0; c < j; c++) {
                    v -= out[r * n + c] * out[r * n + c];
                }
                if (v > bestValue) {
                    bestValue = v;
                    best = i;
                }
            }
            if (best < 0) {
                return j;
            }
            int tmp = order[j];
            order[j] = order[best];
            order[best] = tmp;
            int p = order[j];
            double pivot = Math.sqrt(bestValue);
            out[p * n + j] = pivot;
            for (int i = j + 1; i < n; i++) {
                int r = order[i];
                double v = a[r * n + p];
                for (int c = 0; c < j; c++) {
                    v -= out[r * n + c] * out[p * n + c];
                }
                out[r * n + j] = v / pivot;
            }
        }
        return n;
    }

    /** In-place Cholesky factor L (lower triangle) of an n&times;n matrix; false if not positive definite. */
    static boolean cholesky(double[] m, int n) {
        for (int j = 0; j < n; j++) {
            double sum = m[j * n + j];
            for (int c = 0; c < j; c++) {
                sum -= m[j * n + c] * m[j * n + c];
            }
            if (!(sum > 0)) {
                return false;
            }
            double root = Math.sqrt(sum);
            m[j * n + j] = root;
            for (int i = j + 1; i < n; i++) {
                double v = m[i * n + j];
                for (int c = 0; c < j; c++) {
                    v -= m[i * n + c] * m[j * n + c];
                }
                m[i * n + j] = v / root;
            }
        }
        return true;
    }

    /** Solves L L&#7488; x = b with the factor from {@link #cholesky}. */
    static void solve(double[] factor, int n, double[] b, double[] out) {
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int c = 0; c < i; c++) {
                sum -= factor[i * n + c] * out[c];
            }
            out[i] = sum / factor[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double sum = out[i];
            for (int c = i + 1; c < n; c++) {
                sum -= factor[c * n + i] * out[c];
            }
            out[i] = sum / factor[i * n + i];
        }
    }
}
