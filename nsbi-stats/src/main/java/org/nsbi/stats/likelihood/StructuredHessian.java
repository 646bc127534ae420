package org.nsbi.stats.likelihood;

import java.util.Arrays;

/**
 * The Hessian of an NLL in &theta; = (p, &alpha;), kept in the form that yield-only nuisance parameters give it,
 * so that a K of hundreds costs O(K) to store and to solve with, not O(K&sup2;) and O(K&sup3;).
 *
 * <p>The parameters are split into a dense set E (&mu; and the parameters with per-event shape factors, s of
 * them) and a structured set Y (the others, k of them). With R rows (the processes that carry a Y parameter):
 * <pre>
 * H_EE = A                              s&times;s, symmetric
 * H_EY = X&#7488; G                           X: R&times;s, G: R&times;k
 * H_YY = diag(d) + G&#7488; M G               M: R&times;R, symmetric
 * </pre>
 * For the NLL of primer section 2 with T_c process c's term of &lambda;_i, g_ck = G'/G of process c's yield factor in
 * &alpha;_k, S_c = &Sigma;_i w_i T_ic/&lambda;_i and P_cd = &Sigma;_i w_i T_ic T_id/&lambda;_i&sup2;: M = diag(&nu;_c &minus; S_c) + P and
 * d_k = 1 + &Sigma;_c (&nu;_c &minus; S_c)(G''/G_ck &minus; g_ck&sup2;) (see {@link ColumnarNll}).
 *
 * <p>A layout with Y empty is the plain dense Hessian ({@link #dense(int)}), what every {@link Nll} gives by
 * default. The arrays are the instance's own and are written in place by {@link Nll#evaluateStructured};
 * an instance is a workspace, not a value.
 */
public final class StructuredHessian {

    private final int dim;
    private final int[] denseSet;
    private final int[] structuredSet;
    private final int rows;
    /** Per &theta; index, its position in E, or &minus;(1 + its position in Y). */
    private final int[] position;
    final double[] a;
    final double[] x;
    final double[] g;
    final double[] m;
    final double[] d;
    /** {@link #quadraticForm}'s G v_Y. */
    private final double[] rowScratch;
    /** Counts the writes of the blocks (a fill by the NLL, {@link #set}, {@link #copyFrom}), for solvers' caches. */
    private long version;

    /**
     * An empty Hessian with the dense set {@code denseSet} (&theta; indices, ascending; the others of
     * 0..dim&minus;1 form Y, ascending) and {@code rows} rows of G.
     */
    public StructuredHessian(int dim, int[] denseSet, int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows = " + rows + "; expected at least 0");
        }
        this.dim = dim;
        this.denseSet = denseSet.clone();
        this.position = new int[dim];
        Arrays.fill(position, Integer.MIN_VALUE);
        for (int i = 0; i < denseSet.length; i++) {
            int t = denseSet[i];
            if (t < 0 || t >= dim || i > 0 && t <= denseSet[i - 1]) {
                throw new IllegalArgumentException("dense set " + Arrays.toString(denseSet)
                        + "; expected ascending indices in [0, " + dim + ")");
            }
            position[t] = i;
        }
        int[] ys = new int[dim - denseSet.length];
        int ny = 0;
        for (int t = 0; t < dim; t++) {
            if (position[t] == Integer.MIN_VALUE) {
                position[t] = -(1 + ny);
                ys[ny++] = t;
            }
        }
        this.structuredSet = ys;
        this.rows = ny == 0 ? 0 : rows;
        int s = denseSet.length;
        this.a = new double[s * s];
        this.x = new double[this.rows * s];
        this.g = new double[this.rows * ny];
        this.m = new double[this.rows * this.rows];
        this.d = new double[ny];
        this.rowScratch = new double[this.rows];
    }

    /** The plain dense layout: every parameter in E, A the whole Hessian (row-major D&times;D). */
    public static StructuredHessian dense(int dim) {
        int[] all = new int[dim];
        for (int i = 0; i < dim; i++) {
            all[i] = i;
        }
        return new StructuredHessian(dim, all, 0);
    }

    /** An empty Hessian of the same layout. */
    public StructuredHessian like() {
        return new StructuredHessian(dim, denseSet, rows);
    }

    /** D, the number of parameters. */
    public int dimension() {
        return dim;
    }

    /** s, the size of E. */
    public int denseSize() {
        return denseSet.length;
    }

    /** k, the size of Y. */
    public int structuredSize() {
        return structuredSet.length;
    }

    /** R, the rows of G and M. */
    public int rows() {
        return rows;
    }

    /** The &theta; index of E's i-th parameter. */
    public int denseIndex(int i) {
        return denseSet[i];
    }

    /** The &theta; index of Y's j-th parameter. */
    public int structuredIndex(int j) {
        return structuredSet[j];
    }

    /** The &theta; index of a {@link #position}: E's i-th (p = i &ge; 0) or Y's j-th (p = &minus;1 &minus; j). */
    public int denseIndexOrStructured(int p) {
        return p >= 0 ? denseSet[p] : structuredSet[-1 - p];
    }

    /** The position of &theta; index t in E (&ge; 0), or &minus;(1 + its position in Y). */
    public int position(int t) {
        return position[t];
    }

    /** Whether this is the plain dense layout ({@link #dense}), A being the whole Hessian in &theta; order. */
    public boolean isDense() {
        return structuredSet.length == 0;
    }

    /** A (s&times;s, row-major): the E&ndash;E block. Written in place by the NLL. */
    public double[] denseBlock() {
        return a;
    }

    /** X (R&times;s, row-major): H_EY = X&#7488; G. The instance's own array, to read. */
    public double[] crossBlock() {
        return x;
    }

    /** G (R&times;k, row-major). The instance's own array, to read. */
    public double[] rowsOfY() {
        return g;
    }

    /** M (R&times;R, row-major, symmetric). The instance's own array, to read. */
    public double[] rowWeights() {
        return m;
    }

    /** d (k): the diagonal of H_YY beyond G&#7488; M G. The instance's own array, to read. */
    public double[] diagonal() {
        return d;
    }

    /** Whether {@code other} has this layout. */
    public boolean sameLayout(StructuredHessian other) {
        return other.dim == dim && other.rows == rows && Arrays.equals(other.denseSet, denseSet);
    }

    /** H_ab in &theta; indices, from the blocks (O(R&sup2;) for a Y&ndash;Y entry). */
    public double get(int ta, int tb) {
        int pa = position[ta];
        int pb = position[tb];
        int s = denseSet.length;
        int k = structuredSet.length;
        if (pa >= 0 && pb >= 0) {
            return a[pa * s + pb];
        }
        if (pa >= 0 || pb >= 0) {
            int e = Math.max(pa, pb);
            int y = -1 - Math.min(pa, pb);
            double h = 0;
            for (int r = 0; r < rows; r++) {
                h += x[r * s + e] * g[r * k + y];
            }
            return h;
        }
        int y = -1 - pa;
        int z = -1 - pb;
        double h = y == z ? d[y] : 0;
        for (int r = 0; r < rows; r++) {
            double mg = 0;
            for (int q = 0; q < rows; q++) {
                mg += m[r * rows + q] * g[q * k + z];
            }
            h += g[r * k + y] * mg;
        }
        return h;
    }

    /**
     * v&#7488; H v for v in &theta; indices, from the blocks (O(s&sup2; + R(s + k) + R&sup2;), no D&times;D matrix, nothing
     * allocated: a scratch vector of the instance's own).
     */
    public double quadraticForm(double[] v) {
        int s = denseSet.length;
        int k = structuredSet.length;
        double q = 0;
        for (int i = 0; i < s; i++) {
            double row = 0;
            for (int j = 0; j < s; j++) {
                row += a[i * s + j] * v[denseSet[j]];
            }
            q += v[denseSet[i]] * row;
        }
        if (k == 0) {
            return q;
        }
        // H_EY = X^T G and H_YY = diag(d) + G^T M G: with u = X v_E and w = G v_Y, 2 u.w + v_Y.d.v_Y + w^T M w
        double[] w = rowScratch;
        Arrays.fill(w, 0);
        for (int r = 0; r < rows; r++) {
            double u = 0;
            for (int i = 0; i < s; i++) {
                u += x[r * s + i] * v[denseSet[i]];
            }
            for (int y = 0; y < k; y++) {
                w[r] += g[r * k + y] * v[structuredSet[y]];
            }
            q += 2 * u * w[r];
        }
        for (int y = 0; y < k; y++) {
            q += d[y] * v[structuredSet[y]] * v[structuredSet[y]];
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < rows; c++) {
                q += w[r] * m[r * rows + c] * w[c];
            }
        }
        return q;
    }

    /** The whole Hessian, row-major D&times;D, into {@code out}. */
    public void toDense(double[] out) {
        if (isDense()) {
            System.arraycopy(a, 0, out, 0, dim * dim);
            return;
        }
        int s = denseSet.length;
        int k = structuredSet.length;
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                out[denseSet[i] * dim + denseSet[j]] = a[i * s + j];
            }
        }
        // M G, R x k
        double[] mg = new double[rows * k];
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < rows; q++) {
                double mrq = m[r * rows + q];
                for (int z = 0; z < k; z++) {
                    mg[r * k + z] += mrq * g[q * k + z];
                }
            }
        }
        for (int y = 0; y < k; y++) {
            int ty = structuredSet[y];
            for (int i = 0; i < s; i++) {
                double h = 0;
                for (int r = 0; r < rows; r++) {
                    h += x[r * s + i] * g[r * k + y];
                }
                out[ty * dim + denseSet[i]] = h;
                out[denseSet[i] * dim + ty] = h;
            }
            for (int z = y; z < k; z++) {
                double h = y == z ? d[y] : 0;
                for (int r = 0; r < rows; r++) {
                    h += g[r * k + y] * mg[r * k + z];
                }
                out[ty * dim + structuredSet[z]] = h;
                out[structuredSet[z] * dim + ty] = h;
            }
        }
    }

    /** Changes with every write of the blocks (a fill by the NLL, {@link #set}, {@link #copyFrom}). */
    public long version() {
        return version;
    }

    /** A new {@link #version}: the blocks were written in place. */
    void written() {
        version++;
    }

    /** Sets every block to 0. */
    void clear() {
        version++;
        Arrays.fill(a, 0);
        Arrays.fill(x, 0);
        Arrays.fill(g, 0);
        Arrays.fill(m, 0);
        Arrays.fill(d, 0);
    }

    /** Whether every entry of every block is finite. */
    public boolean allFinite() {
        return finite(a) && finite(x) && finite(g) && finite(m) && finite(d);
    }

    private static boolean finite(double[] v) {
        for (double e : v) {
            if (!Double.isFinite(e)) {
                return false;
            }
        }
        return true;
    }

    /** Copies {@code other}'s blocks (same layout) into this one. */
    public void copyFrom(StructuredHessian other) {
        if (!sameLayout(other)) {
            throw new IllegalArgumentException("a Hessian of another layout");
        }
        version++;
        System.arraycopy(other.a, 0, a, 0, a.length);
        System.arraycopy(other.x, 0, x, 0, x.length);
        System.arraycopy(other.g, 0, g, 0, g.length);
        System.arraycopy(other.m, 0, m, 0, m.length);
        System.arraycopy(other.d, 0, d, 0, d.length);
    }

    /**
     * Sets the blocks (test and tool use): A (s&times;s), X (R&times;s), G (R&times;k), M (R&times;R), d (k), each
     * row-major; they are copied.
     */
    public StructuredHessian set(double[] a, double[] x, double[] g, double[] m, double[] d) {
        version++;
        copy(a, this.a, "A");
        copy(x, this.x, "X");
        copy(g, this.g, "G");
        copy(m, this.m, "M");
        copy(d, this.d, "d");
        return this;
    }

    private static void copy(double[] from, double[] to, String what) {
        if (from.length != to.length) {
            throw new IllegalArgumentException(what + " has " + from.length + " entries; expected " + to.length);
        }
        System.arraycopy(from, 0, to, 0, to.length);
    }
}
