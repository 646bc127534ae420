package org.nsbi.stats.likelihood;

import java.util.Arrays;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;
import org.nsbi.stats.model.ShapeNormalisation;

/**
 * The production NLL kernel: the events in columns of doubles (structure of arrays) and every
 * evaluation a sequence of tight loops over them, in blocks of {@value #BLOCK} events that stay in the cache.
 * <ul>
 * <li>Per event and shape effect e = (c, k) the code-4 coefficients a1..a6 and ln r&plusmn; are computed once,
 * when the events are {@linkplain #load loaded}.</li>
 * <li>Per evaluation, the powers of each &alpha;_k and the yield factors G_ck with their log-derivatives
 * G'/G, G''/G are computed once, those of all pairs (c, k) together, lane by lane ({@link VectorLoops#yieldFactors}: with
 * a hundred yield-only parameters they were a large part of an evaluation's fixed cost). A shape factor is then
 * h = 1 + &Sigma; a_n &alpha;^n with h' and h'' from the same powers (at &alpha;_k = 0 exactly, h = 1, h' = a1, h'' = 2 a2 are
 * read off: the &alpha; = 0 scan and the fits started there); the exponential branch (h = r&plusmn;^&plusmn;&alpha;) runs only
 * when |&alpha;_k| &ge; 1.</li>
 * <li>The derivatives of T_c = B_c r_c &Pi;_e h_e use log-derivatives, U_k = G'/G + h'/h and
 * V_k = G''/G + 2(G'/G)(h'/h) + h''/h: &part;_k T = T U_k, &part;_kk T = T V_k, &part;_kl T = T U_k U_l. Only the
 * parameters that act on a process (yield or shape) are visited.</li>
 * <li>&lambda; and &nabla;&lambda; are computed per event, &nabla;&sup2;&lambda; is not: with s = w/&lambda; and s2 = s/&lambda;, the Hessian's sums
 * &Sigma; s &part;&sup2;&lambda; &minus; s2 &part;&lambda; &part;&lambda; come from two kinds of weighted Gram matrices summed directly, in register tiles of
 * 4 &times; 4 entries that use each loaded vector four times ({@link GramSums}): &Sigma; s2 V_p V_q over V = (&lambda;, &nabla;&lambda;, the
 * Y-processes' T_c), and per process &Sigma; s q_c U_k U_l (T_c = B_c q_c), with a few per-process sums for the
 * diagonal and &mu; (see {@link #reduce}). The gradient's sums are the Gram matrix's row of &lambda; (s2 &lambda; = s).</li>
 * <li>The sums of an evaluation depend on its events and their blocks only: lane j mod L of a vector sum takes
 * event j, the lanes are added in lane order, and only exact lane-wise operations are used ({@link VectorLoops}),
 * so the bits are the same on any thread, compiled or not.</li>
 * </ul>
 * A factor that is exactly 0 (a code-4 polynomial at its root) is read as {@value #TINY}, so the
 * log-derivatives stay finite and T&middot;U tends to the exact product-rule value; only a product of two such
 * zeros in one term is lost (it underflows to 0).
 *
 * <p>Events of weight 0 are dropped when loaded (they add nothing to the NLL). One instance is a
 * workspace: {@link #load} replaces its events and reuses its arrays, so a thread fitting many toys
 * allocates nothing per toy once its arrays have grown to the largest toy. Not thread-safe.
 * {@code ReferenceNll} (test scope) is the plain per-event implementation this one is tested against.
 */
public final class ColumnarNll extends Nll {

    /** Events per block of an evaluation: the block's scratch columns stay in the L1/L2 cache. */
    static final int BLOCK = 256;
    /** The stand-in for a factor that is exactly 0. */
    static final double TINY = 1e-300;

    private final int nc;
    private final int nk;
    private final int dim;
    private final double[] nu;
    private final Coefficient[] coefficients;
    /** Per process, its coefficient's scratch, and f, f', f'' of the last coefficient evaluated. */
    private final double[][] coefficientScratch;
    private final double[] coefficientOut = new double[3];
    /** Per process, the parameters acting on it (a yield factor not identically 1, or a shape). */
    private final int[][] active;
    /**
     * The parameters whose derivatives are summed event by event (the per-event set E): &mu; (&theta; index 0) and
     * every parameter with a shape effect on some process, as &theta; indices, ascending.
     */
    private final int[] perEvent;
    /** The size of E. */
    private final int dimE;
    /** Per &theta; index, its position in E, or -1 for a yield-only parameter. */
    private final int[] positionOf;
    /** Per process, its active parameters in E (nuisance indices k). */
    private final int[][] activeE;
    /**
     * Per process c and i, whether c is the first process (in order) whose activeE[c][i] adds to &part;&lambda;/&part;&theta; (so
     * {@link #densities} stores its term instead of adding it to zeros: the same sums, without zeroing the column), and
     * the positions in E whose column is zeroed first (&mu;'s, and any with no such first process).
     */
    private final boolean[][] dlStored;
    private final int[] dlZeroed;
    /** Per process, its active yield-only parameters (nuisance indices k, ascending). */
    private final int[][] activeY;
    /** The processes with a yield-only parameter (Y-processes), and per process its index among them or -1. */
    private final int[] yProcesses;
    private final int[] yIndexOf;
    /** Per process and parameter, the index of its shape effect, or -1. */
    private final int[][] effectOf;
    /** Per process, its shape effects. */
    private final int[][] effectsOfProcess;
    private final int effects;
    private final int[] effectK;
    private final int[] effectC;

    // the events, compacted to weight > 0
    private int n;
    private double sumW;
    private double[] aux;
    private int[] origin = new int[0];
    private int[] source = new int[0];
    private float[] rowBuffer = new float[0];
    private double[] w = new double[0];
    private double[][] rnu;        // [c][j] = r_c * nu_c
    private double[][][] coef;     // [e][m][j]: a_{m+1}
    private double[][] logUp;      // [e][j]
    private double[][] logDown;    // [e][j]
    private final double[] code4Scratch = new double[6];

    // per evaluation
    private final double[] b0;
    private final double[] b1;
    private final double[] b2;
    private final double[][] gu;   // [c][k] G'/G
    private final double[][] gv;   // [c][k] G''/G
    // the per-event term's process factor G_c / N_c (N_c = 1 without normalised shapes): its log-derivatives
    private final double[][] pu;   // [c][k] (G/N)'/(G/N)
    private final double[][] pv;   // [c][k] (G/N)''/(G/N)
    private final double[][] px;   // [c][k*nk+l], k < l: d2(1/N)/dk dl N - d(ln 1/N)/dk d(ln 1/N)/dl, 0 without
    private final ShapeNormalisation shapeNorm;
    /** Per process, S_c: the parameters whose shapes on it are normalised. */
    private final int[][] normEffects;
    private final double[] normOut;
    /** Per process, the &alpha; of the last normalisation (its S_c entries) and its result, reused when equal. */
    private final double[][] normAt;
    private final double[][] normLast;
    private final double[] g3 = new double[3];
    /** The yield factors of an evaluation, for the pairs (c, active[c][i]). */
    private final YieldFactors yields;
    /** Per Y-process y, its yield-only pairs (indices into the pair arrays, in activeY order) and their positions in Y. */
    private final int[][] yPairs;
    private final int[][] yPositions;
    /** Per parameter k, where its constraint's 1 goes: its diagonal entry in A (&ge; 0), or &minus;(1 + its position in Y). */
    private final int[] constraintEntry;
    // per block
    private final double[][] h;    // [e][j]
    private final double[][] u;    // [e][j] h'/h
    private final double[][] v;    // [e][j] h''/h
    private final double[][] q;    // [c][j] r_c nu_c times c's shape factors: T_c = B_c q_c
    private final double[][] tc;   // [c][j] T_c, process c's term of lambda
    private final double[][][] bigU; // [c][i][j] U_k of process c's i-th parameter k in E (activeE[c][i])
    private final double[] lam = new double[BLOCK];
    private final double[][] dl;   // [a][j]
    private final double[] s = new double[BLOCK];
    private final double[] s2 = new double[BLOCK];
    private boolean fixZeros;
    // per evaluation: the sums over the events of the gradient's and Hessian's terms (each block's sum added in
    // block order)
    private final double[] sumGrad;    // [a] sum of s dlambda/dtheta_a
    private final double[] sumHess;    // [a*dimE+b] (a <= b) sum of s d2lambda - s2 dlambda dlambda
    /**
     * The vectors V = (&lambda;, then &part;&lambda;/&part;&theta;_a for a in E, then T_c of each Y-process), per block, whose
     * s2-weighted Gram matrix &Sigma; s2 V_p V_q {@link #reduce} sums in register tiles: with s2 &lambda; = s, its row of &lambda; holds
     * the gradient's sums &Sigma; s &part;&lambda;/&part;&theta;_a and the sums S_c, the rest the Hessian's &minus;s2 &part;&lambda; &part;&lambda; and Q, P.
     */
    private final double[][] vectors;
    private final GramSums gram;
    /** Per process with two or more parameters in E, &Sigma; z_c U_k U_l (z_c = s q_c) over its U; null for the others. */
    private final GramSums[] processGram;
    private final double[] z = new double[BLOCK]; // s q_c, per block and process
    private final double[] sumZ;       // [c] sum of s q_c
    private final double[][] sumZU;    // [c][i] sum of s q_c U_k (where needed: c's coefficient has a slope, or R summed)
    private final double[][] sumZC;    // [c][i] sum of s q_c (2 G'/G u + v), k's shape on c (0 without)
    // the per-process sums that carry the yield-only parameters (per Y-process y):
    private final double[] sumS;       // [y] sum of s T_c
    private final double[] sumP;       // [y*ny+z] (y <= z) sum of s2 T_c T_d
    private final double[][] sumR;     // [y][position in E] sum of s dT_c/dtheta_a (0 where a does not act on c)
    /**
     * Per Y-process y and position a in E, where R_ya comes from: {@link #R_SUMMED} (from c's sums &Sigma; s q_c, &Sigma; s q_c U),
     * {@link #R_GRADIENT} (a's per-event derivative of &lambda; is y's process's alone, so R_ya is the gradient's sum, the
     * same terms in the same order) or {@link #R_ZERO} (a has no per-event term in that process). Fixed by the layout for
     * a &gt; 0; for &mu; (a = 0) set per evaluation by which processes' coefficients have a non-zero slope.
     */
    private final byte[][] rSource;
    private static final byte R_SUMMED = 0;
    private static final byte R_GRADIENT = 1;
    private static final byte R_ZERO = 2;
    private final double[][] sumQ;     // [y][position in E] sum of s2 T_c dlambda/dtheta_a
    private final double[] yieldTerm;  // [c] per evaluation: nu_c B_c, process c's expected yield
    private final double[] yieldSlope; // [c] per evaluation: its derivative in p
    /**
     * The Hessian of the dense-array {@link #compute}, filled in blocks first, and the layout {@link #fills} checks.
     * Made with the workspace, not on first use: a branch that is never taken while the JIT profiles (one long-lived
     * workspace per thread) and then taken by a new workspace (a new run's fit) made C2 drop the compiled evaluation
     * and profile it again for about a second, in every neyman run after the first in a JVM (JFR jdk.Deoptimization,
     * unstable_if in computeStructured; bench/pipeline-benchmark.sh).
     */
    private final StructuredHessian scratch;
    private final double[] powers = new double[6];
    private final double[] slopes = new double[5];
    private final double[] curvatures = new double[4];
    // the scratch of scan: theta, the yield factors and per-event factors per process, f_c(mu) per point, the block's terms
    private final double[] scanTheta;
    private final double[] scanFactor;
    private final double[] scanPerEvent;
    private double[] scanCoefficients = new double[0];
    private final double[][] scanTerms;

    /** An empty workspace for {@code model}; {@link #load} gives it events. */
    public ColumnarNll(MixtureModel model) {
        super(model);
        this.nc = model.processCount();
        this.nk = model.nuisanceCount();
        this.dim = 1 + nk;
        this.nu = new double[nc];
        this.coefficients = new Coefficient[nc];
        this.coefficientScratch = new double[nc][];
        this.active = new int[nc][];
        this.effectOf = new int[nc][nk];
        this.effectsOfProcess = new int[nc][];
        int e = 0;
        int[] ks = new int[nc * nk];
        int[] cs = new int[nc * nk];
        for (int c = 0; c < nc; c++) {
            Process p = model.process(c);
            nu[c] = p.yield();
            coefficients[c] = p.coefficient();
            coefficientScratch[c] = coefficients[c].newScratch();
            boolean[] shape = p.shape();
            double[] up = p.kappaUp();
            double[] down = p.kappaDown();
            int[] act = new int[nk];
            int na = 0;
            int[] mine = new int[nk];
            int nm = 0;
            for (int k = 0; k < nk; k++) {
                effectOf[c][k] = -1;
                if (shape[k]) {
                    effectOf[c][k] = e;
                    ks[e] = k;
                    cs[e] = c;
                    mine[nm++] = e;
                    e++;
                }
                if (shape[k] || up[k] != 1 || down[k] != 1) {
                    act[na++] = k;
                }
            }
            active[c] = Arrays.copyOf(act, na);
            effectsOfProcess[c] = Arrays.copyOf(mine, nm);
        }
        this.yields = new YieldFactors(model, active);
        this.effects = e;
        this.effectK = Arrays.copyOf(ks, e);
        this.effectC = Arrays.copyOf(cs, e);
        this.rnu = new double[nc][0];
        this.coef = new double[e][6][0];
        this.logUp = new double[e][0];
        this.logDown = new double[e][0];
        this.b0 = new double[nc];
        this.b1 = new double[nc];
        this.b2 = new double[nc];
        this.gu = new double[nc][nk];
        this.gv = new double[nc][nk];
        this.pu = new double[nc][nk];
        this.pv = new double[nc][nk];
        this.px = new double[nc][nk * nk];
        this.shapeNorm = model.shapeNormalisation();
        this.normOut = new double[1 + nk + nk * nk];
        this.normAt = new double[nc][];
        this.normLast = new double[nc][];
        this.normEffects = new int[nc][];
        for (int c = 0; c < nc; c++) {
            normEffects[c] = shapeNorm == null ? new int[0] : shapeNorm.effects(c);
        }
        this.h = new double[e][BLOCK];
        this.u = new double[e][BLOCK];
        this.v = new double[e][BLOCK];
        this.scanTheta = new double[dim];
        this.scanFactor = new double[nc];
        this.scanPerEvent = new double[nc];
        this.scanTerms = new double[nc][BLOCK];
        // the split of the parameters into E (summed event by event) and the yield-only ones
        boolean[] shaped = new boolean[nk];
        for (int x = 0; x < e; x++) {
            shaped[effectK[x]] = true;
        }
        this.positionOf = new int[dim];
        int[] ev = new int[dim];
        int ne = 0;
        for (int a = 0; a < dim; a++) {
            positionOf[a] = a == 0 || shaped[a - 1] ? ne : -1;
            if (positionOf[a] >= 0) {
                ev[ne++] = a;
            }
        }
        this.perEvent = Arrays.copyOf(ev, ne);
        this.dimE = ne;
        this.activeE = new int[nc][];
        this.activeY = new int[nc][];
        int[] yp = new int[nc];
        int ny = 0;
        this.yIndexOf = new int[nc];
        for (int c = 0; c < nc; c++) {
            activeE[c] = Arrays.stream(active[c]).filter(k -> shaped[k]).toArray();
            activeY[c] = Arrays.stream(active[c]).filter(k -> !shaped[k]).toArray();
            yIndexOf[c] = activeY[c].length > 0 ? ny : -1;
            if (activeY[c].length > 0) {
                yp[ny++] = c;
            }
        }
        this.yProcesses = Arrays.copyOf(yp, ny);
        this.dl = new double[dimE][BLOCK];
        boolean[] written = new boolean[dimE];
        written[0] = true; // mu's column: added to by the processes whose coefficient has a slope at the evaluation
        this.dlStored = new boolean[nc][];
        for (int c = 0; c < nc; c++) {
            dlStored[c] = new boolean[activeE[c].length];
            for (int i = 0; i < activeE[c].length; i++) {
                int a = positionOf[1 + activeE[c][i]];
                dlStored[c][i] = !written[a];
                written[a] = true;
            }
        }
        int[] zeroed = new int[dimE];
        int nz = 0;
        for (int a = 0; a < dimE; a++) {
            if (a == 0 || !written[a]) {
                zeroed[nz++] = a;
            }
        }
        this.dlZeroed = Arrays.copyOf(zeroed, nz);
        this.sumGrad = new double[dimE];
        this.sumHess = new double[dimE * dimE];
        this.sumS = new double[ny];
        this.sumP = new double[ny * ny];
        this.sumR = new double[ny][dimE];
        this.sumQ = new double[ny][dimE];
        this.yieldTerm = new double[nc];
        this.yieldSlope = new double[nc];
        this.q = new double[nc][BLOCK];
        this.tc = new double[nc][BLOCK];
        this.bigU = new double[nc][][];
        this.processGram = new GramSums[nc];
        this.sumZ = new double[nc];
        this.sumZU = new double[nc][];
        this.sumZC = new double[nc][];
        for (int c = 0; c < nc; c++) {
            int m = activeE[c].length;
            bigU[c] = new double[m][BLOCK];
            processGram[c] = m >= 2 ? new GramSums(m) : null;
            sumZU[c] = new double[m];
            sumZC[c] = new double[m];
        }
        this.vectors = new double[1 + dimE + ny][];
        vectors[0] = lam;
        System.arraycopy(dl, 0, vectors, 1, dimE);
        for (int y = 0; y < ny; y++) {
            vectors[1 + dimE + y] = tc[yProcesses[y]];
        }
        this.gram = new GramSums(1 + dimE + ny);
        // which processes have a per-event term in each shape parameter of E
        this.rSource = new byte[ny][dimE];
        for (int a = 1; a < dimE; a++) {
            int k = perEvent[a] - 1;
            int on = 0;
            for (int c = 0; c < nc; c++) {
                on += actsOn(c, k) ? 1 : 0;
            }
            for (int y = 0; y < ny; y++) {
                rSource[y][a] = !actsOn(yProcesses[y], k) ? R_ZERO : on == 1 ? R_GRADIENT : R_SUMMED;
            }
        }
        this.scratch = newHessian();
        this.yPairs = new int[ny][];
        this.yPositions = new int[ny][];
        for (int y = 0; y < ny; y++) {
            int c = yProcesses[y];
            yPairs[y] = new int[activeY[c].length];
            yPositions[y] = new int[activeY[c].length];
            int m = 0;
            for (int i = yields.start[c]; i < yields.start[c + 1]; i++) {
                if (positionOf[1 + yields.k[i]] < 0) { // yield-only: activeY's order, which is active's
                    yPairs[y][m] = i;
                    yPositions[y][m] = -1 - scratch.position(1 + yields.k[i]);
                    m++;
                }
            }
        }
        this.constraintEntry = new int[nk];
        for (int k = 0; k < nk; k++) {
            int pk = positionOf[1 + k];
            constraintEntry[k] = pk >= 0 ? pk * dimE + pk : scratch.position(1 + k);
        }
    }

    private boolean actsOn(int c, int k) {
        for (int x : activeE[c]) {
            if (x == k) {
                return true;
            }
        }
        return false;
    }

    /**
     * Loads events {@code indices} of {@code table} (null: all, in order) with weights {@code weights}
     * (one per loaded event; null: the table's own) and auxiliary measurements {@code aux}, replacing
     * the previous events. Arrays grow when needed and are reused otherwise.
     *
     * @return this
     */
    public ColumnarNll load(EventTable table, int[] indices, double[] weights, double[] aux) {
        return load(table, indices, indices == null ? table.size() : indices.length, weights, null, aux);
    }

    /**
     * Loads a pseudo-experiment: events {@code indices} of {@code table} with their counts as weights (one per
     * event), as {@link #load(EventTable, int[], double[], double[])} with the counts as doubles, without an array
     * of them per toy.
     *
     * @return this
     */
    public ColumnarNll loadCounts(EventTable table, int[] indices, int[] counts, double[] aux) {
        if (counts.length != indices.length) {
            throw new IllegalArgumentException(counts.length + " counts for " + indices.length + " events; expected one per event");
        }
        return load(table, indices, indices.length, null, counts, aux);
    }

    /**
     * The same for the first {@code events} entries of {@code indices} and {@code counts} (reused arrays that may be
     * longer, e.g. an {@code ExperimentBuffer}'s).
     *
     * @return this
     */
    public ColumnarNll loadCounts(EventTable table, int[] indices, int[] counts, int events, double[] aux) {
        if (events < 0 || events > indices.length || events > counts.length) {
            throw new IllegalArgumentException(events + " events of " + indices.length + " indices and " + counts.length
                    + " counts; expected at most the length of both");
        }
        return load(table, indices, events, null, counts, aux);
    }

    /** Loads events indices[0..m) (all m of the table when null) with their weights or counts. */
    private ColumnarNll load(EventTable table, int[] indices, int m, double[] weights, int[] counts, double[] aux) {
        forgetLastEvaluation();
        if (table.processCount() != nc) {
            throw new IllegalArgumentException("the events have ratios of " + table.processCount()
                    + " processes; the model has " + nc);
        }
        if (aux.length != nk) {
            throw new IllegalArgumentException(aux.length + " auxiliary measurements for " + nk + " nuisance parameters "
                    + model().nuisances());
        }
        if (weights != null && weights.length != m) {
            throw new IllegalArgumentException(weights.length + " weights for " + m + " events; expected one per event");
        }
        for (int c = 0; c < nc; c++) {
            for (int k = 0; k < nk; k++) {
                if (table.hasShape(c, k) != (effectOf[c][k] >= 0)) {
                    throw new IllegalArgumentException("process " + model().process(c).name() + ": the events "
                            + (table.hasShape(c, k) ? "have" : "have no") + " shape ratios of " + model().nuisances().get(k)
                            + "; the model " + (effectOf[c][k] >= 0 ? "expects them" : "has none"));
                }
            }
        }
        if (this.aux == null || this.aux.length != nk) {
            this.aux = new double[nk];
        }
        System.arraycopy(aux, 0, this.aux, 0, nk);
        grow(m);
        // which events are kept (weight > 0)
        int kept = 0;
        double total = 0;
        for (int j = 0; j < m; j++) {
            double wj = counts != null ? counts[j] : weights == null ? table.weight(indices == null ? j : indices[j]) : weights[j];
            if (!(wj >= 0) || Double.isInfinite(wj)) {
                throw new IllegalArgumentException("weight of event " + j + " is " + wj + "; expected a finite weight >= 0");
            }
            total += wj;
            if (wj != 0) {
                origin[kept] = j;
                source[kept] = indices == null ? j : indices[j];
                w[kept] = wj;
                kept++;
            }
        }
        this.n = kept;
        this.sumW = total;
        // the toy's rows copied into the workspace (the random reads from the reference, overlapped), then
        // spread into columns; the raw ratios of each shape effect parked in its first two coefficient columns
        int stride = table.stride();
        if (rowBuffer.length < kept * stride) {
            rowBuffer = new float[Math.max(kept * stride, rowBuffer.length + rowBuffer.length / 2)];
        }
        table.copyRows(source, kept, rowBuffer);
        float[] rows = rowBuffer;
        for (int c = 0; c < nc; c++) {
            double[] r = rnu[c];
            double nuc = nu[c];
            int o = table.ratioOffset(c);
            for (int j = 0; j < kept; j++) {
                r[j] = rows[j * stride + o] * nuc;
            }
        }
        for (int e = 0; e < effects; e++) {
            int o = table.shapeOffset(effectC[e], effectK[e]);
            double[] up = coef[e][0];
            double[] down = coef[e][1];
            double[] lu = logUp[e];
            double[] ld = logDown[e];
            for (int j = 0; j < kept; j++) {
                int at = j * stride + o;
                up[j] = rows[at];
                down[j] = rows[at + 1];
                lu[j] = rows[at + 2];
                ld[j] = rows[at + 3];
            }
        }
        for (int e = 0; e < effects; e++) {
            VectorLoops.code4Coefficients(coef[e][0], coef[e][1], logUp[e], logDown[e], coef[e], kept, code4Scratch);
        }
        return this;
    }

    private void grow(int m) {
        if (w.length >= m) {
            return;
        }
        int cap = Math.max(m, w.length + w.length / 2);
        origin = new int[cap];
        source = new int[cap];
        w = new double[cap];
        for (int c = 0; c < nc; c++) {
            rnu[c] = new double[cap];
        }
        for (int e = 0; e < effects; e++) {
            for (int p = 0; p < 6; p++) {
                coef[e][p] = new double[cap];
            }
            logUp[e] = new double[cap];
            logDown[e] = new double[cap];
        }
    }

    @Override
    public double[] aux() {
        return aux.clone();
    }

    @Override
    public void auxInto(double[] out) {
        System.arraycopy(aux, 0, out, 0, nk);
    }

    @Override
    public int events() {
        return n;
    }

    @Override
    public double sumOfWeights() {
        return sumW;
    }

    /**
     * The layout this kernel fills: E = &mu; and the parameters with a shape effect, Y = the others, one row per
     * process with a yield-only parameter ({@link StructuredHessian}).
     */
    @Override
    public StructuredHessian newHessian() {
        return new StructuredHessian(dim, perEvent, yProcesses.length);
    }

    @Override
    public boolean fills(StructuredHessian hess) {
        return scratch.sameLayout(hess);
    }

    @Override
    protected double compute(double[] theta, double[] grad, double[] hess) {
        if (hess == null) {
            return computeChecked(theta, grad, null);
        }
        double nll = computeChecked(theta, grad, scratch);
        scratch.toDense(hess);
        return nll;
    }

    @Override
    protected double computeStructured(double[] theta, double[] grad, StructuredHessian hess) {
        if (!scratch.sameLayout(hess)) {
            throw new IllegalArgumentException("a Hessian of another layout than this NLL's (newHessian())");
        }
        return computeChecked(theta, grad, hess);
    }

    private double computeChecked(double[] theta, double[] grad, StructuredHessian hess) {
        double nll = computeOnce(theta, grad, hess);
        if (grad != null && !VectorLoops.allFinite(grad) || hess != null && !allFinite(hess)) {
            // a shape factor exactly 0 (or a true overflow, which stays)
            fixZeros = true;
            try {
                nll = computeOnce(theta, grad, hess);
            } finally {
                fixZeros = false;
            }
        }
        return nll;
    }

    /** {@link StructuredHessian#allFinite}, lane-wise. */
    private static boolean allFinite(StructuredHessian hess) {
        return VectorLoops.allFinite(hess.a) && VectorLoops.allFinite(hess.x) && VectorLoops.allFinite(hess.g)
                && VectorLoops.allFinite(hess.m) && VectorLoops.allFinite(hess.d);
    }

    private double computeOnce(double[] theta, double[] grad, StructuredHessian hess) {
        boolean wantHess = hess != null;
        boolean wantGrad = grad != null || wantHess;
        double[] gr = grad != null ? grad : new double[dim];
        Arrays.fill(gr, 0);
        if (wantHess) {
            hess.clear();
        }
        double nll = normalisations(theta[0], theta, gr, hess);
        if (wantHess) {
            muSources();
        }
        if (wantGrad) {
            clearSums(wantHess);
        }
        for (int start = 0; start < n; start += BLOCK) {
            int len = Math.min(BLOCK, n - start);
            shapes(theta, start, len, wantGrad, wantHess, false);
            densities(start, len, wantGrad, wantHess);
            nll += reduce(theta, start, len, wantGrad ? gr : null, wantHess);
        }
        if (wantHess) {
            secondOrder();
        }
        double[] a = wantHess ? hess.a : null;
        for (int i = 0; i < dimE && wantGrad; i++) {
            gr[perEvent[i]] -= sumGrad[i];
            for (int j = i; j < dimE && wantHess; j++) {
                a[i * dimE + j] -= sumHess[i * dimE + j];
            }
        }
        if (wantGrad && yProcesses.length > 0) {
            if (wantHess) {
                for (int y = 0; y < yProcesses.length; y++) {
                    for (int i = 0; i < dimE; i++) {
                        if (rSource[y][i] == R_GRADIENT) {
                            sumR[y][i] = sumGrad[i];
                        }
                    }
                }
            }
            yieldOnlyTerms(gr, hess);
        }
        for (int k = 0; k < nk; k++) {
            double d = theta[1 + k] - aux[k];
            nll += 0.5 * d * d;
            gr[1 + k] += d;
            if (wantHess) {
                int at = constraintEntry[k];
                if (at >= 0) {
                    a[at] += 1;
                } else {
                    hess.d[-1 - at] += 1;
                }
            }
        }
        if (wantHess) {
            for (int i = 0; i < dimE; i++) {
                for (int j = 0; j < i; j++) {
                    a[i * dimE + j] = a[j * dimE + i];
                }
            }
        }
        return nll;
    }

    /**
     * The per-evaluation constants B_c = f_c &Pi;_k G_ck (and with f', f''), G'/G and G''/G; returns the
     * expected yield &nu;(&theta;), adds its derivatives to grad and its second derivatives in E to hess's A (upper
     * triangle), and keeps each process's yield and its p-derivative for {@link #yieldOnlyTerms}.
     */
    private double normalisations(double p, double[] theta, double[] grad, StructuredHessian hess) {
        boolean sqrt = scale() == Scale.SQRT_MU;
        double yield = 0;
        double[] a = hess == null ? null : hess.a;
        yields.evaluate(theta, TINY);
        int[] pairK = yields.k;
        double[] pairG = yields.g;
        double[] pairU = yields.u;
        double[] pairV = yields.v;
        for (int c = 0; c < nc; c++) {
            double[] f = coefficientOut;
            if (sqrt) {
                coefficients[c].atSqrt(p, f, coefficientScratch[c]);
            } else {
                coefficients[c].at(p, f, coefficientScratch[c]);
            }
            double prod = 1;
            // only the parameters acting on c: the others' factor is exactly 1 (its G'/G and G''/G stay 0, never read)
            for (int i = yields.start[c]; i < yields.start[c + 1]; i++) {
                int k = pairK[i];
                gu[c][k] = pairU[i];
                gv[c][k] = pairV[i];
                prod *= pairG[i];
            }
            b0[c] = f[0] * prod;
            b1[c] = f[1] * prod;
            b2[c] = f[2] * prod;
            double t0 = nu[c] * b0[c];
            double t1 = nu[c] * b1[c];
            yieldTerm[c] = t0;
            yieldSlope[c] = t1;
            yield += t0;
            grad[0] += t1;
            for (int i = yields.start[c]; i < yields.start[c + 1]; i++) {
                grad[1 + pairK[i]] += t0 * pairU[i];
            }
            if (a != null) {
                a[0] += nu[c] * b2[c];
                int[] act = activeE[c];
                for (int i = 0; i < act.length; i++) {
                    int k = act[i];
                    int pk = positionOf[1 + k];
                    a[pk] += t1 * gu[c][k];
                    a[pk * dimE + pk] += t0 * gv[c][k];
                    for (int i2 = i + 1; i2 < act.length; i2++) {
                        int l = act[i2];
                        a[pk * dimE + positionOf[1 + l]] += t0 * gu[c][k] * gu[c][l];
                    }
                }
            }
            for (int k : activeE[c]) { // the only entries read (normalise overwrites its own)
                pu[c][k] = gu[c][k];
                pv[c][k] = gv[c][k];
            }
            if (normEffects[c].length > 0) {
                normalise(c, theta);
            }
        }
        return yield;
    }

    /** {@link #rSource} for &mu;: by which processes' coefficients have a non-zero slope at this evaluation. */
    private void muSources() {
        int sloped = 0;
        for (int c = 0; c < nc; c++) {
            sloped += b1[c] != 0 ? 1 : 0;
        }
        for (int y = 0; y < yProcesses.length; y++) {
            rSource[y][0] = b1[yProcesses[y]] == 0 ? R_ZERO : sloped == 1 ? R_GRADIENT : R_SUMMED;
        }
    }

    /**
     * Divides process c's per-event term by N_c(&alpha;) (normalised shapes): B_c /= N, and the log-derivatives of
     * the process factor G/N in pu, pv, px; with q_k = &minus;N_k/N the log-derivative of 1/N and
     * (1/N)_kl/(1/N) = 2 N_k N_l/N&sup2; &minus; N_kl/N. The yield keeps G alone.
     */
    private void normalise(int c, double[] theta) {
        double[] r = normalisation(c, theta);
        double n0 = r[0];
        if (!(n0 > 0)) {
            throw new NonPositiveDensityException(-1, n0, mu(theta[0]), Arrays.copyOfRange(theta, 1, dim));
        }
        b0[c] /= n0;
        b1[c] /= n0;
        b2[c] /= n0;
        int[] ks = normEffects[c];
        double[] x = px[c];
        for (int i = 0; i < ks.length; i++) {
            int k = ks[i];
            double q = -r[1 + k] / n0;
            double qq = 2 * q * q - r[1 + nk + k * nk + k] / n0;
            pv[c][k] = gv[c][k] + 2 * gu[c][k] * q + qq;
            pu[c][k] = gu[c][k] + q;
            for (int i2 = i + 1; i2 < ks.length; i2++) {
                int l = ks[i2];
                // (1/N)_kl/(1/N) - q_k q_l
                x[k * nk + l] = r[1 + k] * r[1 + l] / (n0 * n0) - r[1 + nk + k * nk + l] / n0;
            }
        }
    }

    /** N_c and its derivatives at &theta;'s &alpha; (the last result again when its S_c entries are equal). */
    private double[] normalisation(int c, double[] theta) {
        int[] ks = normEffects[c];
        double[] at = normAt[c];
        boolean same = at != null;
        for (int i = 0; same && i < ks.length; i++) {
            same = at[i] == theta[1 + ks[i]];
        }
        if (!same) {
            double[] alpha = Arrays.copyOfRange(theta, 1, dim);
            shapeNorm.evaluate(c, alpha, true, normOut);
            at = new double[ks.length];
            for (int i = 0; i < ks.length; i++) {
                at[i] = theta[1 + ks[i]];
            }
            normAt[c] = at;
            normLast[c] = normOut.clone();
        }
        return normLast[c];
    }

    /**
     * h, and h'/h ({@code wantGrad}) and h''/h ({@code wantHess}), of every shape effect over events [start, start+len); with
     * {@code skipZeros}, not of the effects whose parameter is 0 (their h = 1, which the caller does not read: the scan).
     */
    private void shapes(double[] theta, int start, int len, boolean wantGrad, boolean wantHess, boolean skipZeros) {
        for (int e = 0; e < effects; e++) {
            double x = theta[1 + effectK[e]];
            if (skipZeros && x == 0) {
                continue;
            }
            double[] he = h[e];
            double[] ue = wantGrad ? u[e] : null;
            double[] ve = wantHess ? v[e] : null;
            if (x >= 1) {
                VectorLoops.exponential(x, 1, logUp[e], start, len, he, ue, ve);
            } else if (x <= -1) {
                VectorLoops.exponential(-x, -1, logDown[e], start, len, he, ue, ve);
            } else {
                polynomial(coef[e], x, start, len, he, ue, ve, wantGrad, wantHess);
            }
        }
    }

    /**
     * The code-4 polynomial from the per-evaluation powers of x: h, and h'/h, h''/h as wanted. A factor
     * exactly 0 makes h'/h infinite; {@link #compute} then evaluates again with {@code fixZeros}, which reads
     * such factors as {@link #TINY} (a check per event that the common case does not pay for).
     */
    private void polynomial(double[][] a, double x, int start, int len, double[] he, double[] ue, double[] ve,
                            boolean wantGrad, boolean wantHess) {
        if (x == 0) { // h = 1, h' = a1, h'' = 2 a2: the polynomial's own values at 0 (up to the sign of a zero)
            VectorLoops.atZero(a, start, len, he, wantGrad ? ue : null, wantHess ? ve : null);
            return;
        }
        double[] p = powers;
        p[0] = x;
        for (int i = 1; i < 6; i++) {
            p[i] = p[i - 1] * x;
        }
        if (!wantGrad || fixZeros) {
            VectorLoops.polynomialValue(a, p, start, len, he);
            if (fixZeros) {
                for (int j = 0; j < len; j++) {
                    if (he[j] == 0) {
                        he[j] = TINY;
                    }
                }
            }
            if (!wantGrad) {
                return;
            }
        }
        double[] d = slopes;
        double[] e = curvatures;
        for (int i = 0; i < 5; i++) {
            d[i] = (i + 2) * p[i];
        }
        e[0] = 6 * x;
        e[1] = 12 * p[1];
        e[2] = 20 * p[2];
        e[3] = 30 * p[3];
        VectorLoops.polynomialDerivatives(a, p, d, e, start, len, he, ue, wantHess ? ve : null, fixZeros);
    }

    /**
     * &lambda; and, over the per-event parameters E, its gradient, over events [start, start+len); per process c its q_c,
     * its term T_c = B_c q_c and (with the Hessian) the U_k of its parameters in E are kept for {@link #reduce}. No second
     * derivative of &lambda; is made per event: {@link #reduce} sums the Hessian's terms from these directly. Without the
     * Hessian the U_k are not stored, and the gradient's columns are the same numbers.
     */
    private void densities(int start, int len, boolean wantGrad, boolean wantHess) {
        Arrays.fill(lam, 0, len, 0);
        if (wantGrad) {
            for (int a : dlZeroed) {
                Arrays.fill(dl[a], 0, len, 0);
            }
        }
        for (int c = 0; c < nc; c++) {
            double[] qc = q[c];
            double c1 = b1[c];
            double[] t = tc[c];
            VectorLoops.processTerm(qc, t, lam, rnu[c], start, h, effectsOfProcess[c], b0[c], len);
            if (!wantGrad) {
                continue;
            }
            if (c1 != 0) { // a coefficient constant in mu (a background) adds nothing
                VectorLoops.addScaled(dl[0], c1, qc, len);
            }
            int[] act = activeE[c];
            for (int i = 0; i < act.length; i++) {
                int k = act[i];
                double[] uk = bigU[c][i];
                int e = effectOf[c][k];
                double[] d = dl[positionOf[1 + k]];
                // d = t U_k, U_k = pu + u_e (pu without a shape effect on c); U_k is stored for reduce's Hessian only
                if (e >= 0) {
                    VectorLoops.offsetAndProduct(wantHess ? uk : null, pu[c][k], u[e], d, t, len, !dlStored[c][i]);
                } else {
                    if (wantHess) {
                        Arrays.fill(uk, 0, len, pu[c][k]);
                    }
                    if (dlStored[c][i]) {
                        VectorLoops.scaled(d, pu[c][k], t, 0, len);
                    } else {
                        VectorLoops.addScaled(d, pu[c][k], t, len);
                    }
                }
            }
        }
    }

    /**
     * &minus;&Sigma; w ln &lambda; over the block; its gradient's and Hessian's terms, weighted with s = w/&lambda; and
     * s2 = s/&lambda;, are added to the evaluation's sums (grad null / hess false: not wanted). The Hessian's sums are
     * <ul>
     * <li>&Sigma; s2 V_p V_q over V = (&lambda;, &part;&lambda;/&part;&theta;_a for a in E, T_c of each Y-process): the gradient's sums (s2 &lambda; = s),
     * the &minus;s2 &part;&lambda; &part;&lambda; part of the E block, and the sums S, Q and P of {@link #yieldOnlyTerms}, one Gram matrix in
     * register tiles ({@link GramSums});</li>
     * <li>per process c, with z_c = s q_c (so that s &part;&sup2;T_c = B_c z_c &times; the log-derivative terms): &Sigma; z_c,
     * &Sigma; z_c (2 G'/G u_e + v_e) per shape, &Sigma; z_c U_k where c's coefficient has a slope in p or R is summed, and
     * &Sigma; z_c U_k U_l over c's pairs in E (tiles again); {@link #secondOrder} puts them together.</li>
     * </ul>
     */
    private double reduce(double[] theta, int start, int len, double[] grad, boolean hess) {
        double logs = VectorLoops.weightedLogs(w, start, lam, s, s2, len);
        if (Double.isNaN(logs)) {
            for (int j = 0; j < len; j++) {
                if (!(lam[j] > 0)) {
                    throw new NonPositiveDensityException(origin[start + j], lam[j], mu(theta[0]),
                            Arrays.copyOfRange(theta, 1, dim));
                }
            }
        }
        if (grad != null && !hess) { // with the Hessian, the Gram matrix's row of lambda holds these sums
            for (int a = 0; a < dimE; a++) {
                sumGrad[a] += VectorLoops.dot(s, dl[a], len);
            }
            for (int y = 0; y < yProcesses.length; y++) {
                sumS[y] += VectorLoops.dot(s, tc[yProcesses[y]], len);
            }
        }
        if (hess) {
            gram.add(s2, vectors, len);
            for (int c = 0; c < nc; c++) {
                int[] act = activeE[c];
                if (act.length == 0) {
                    sumZ[c] += VectorLoops.dot(s, q[c], len);
                    continue;
                }
                sumZ[c] += VectorLoops.productAndSum(z, s, q[c], len); // z = s q_c and its sum, dot's arithmetic
                int y = yIndexOf[c];
                double[][] uc = bigU[c];
                for (int i = 0; i < act.length; i++) {
                    int k = act[i];
                    int e = effectOf[c][k];
                    if (e >= 0) {
                        sumZC[c][i] += VectorLoops.curvatureTerm(z, 2 * pu[c][k], u[e], v[e], len);
                    }
                    if (b1[c] != 0 || y >= 0 && rSource[y][positionOf[1 + k]] == R_SUMMED) {
                        sumZU[c][i] += VectorLoops.dot(z, uc[i], len);
                    }
                }
                GramSums pg = processGram[c];
                if (pg != null) {
                    pg.add(z, uc, len);
                }
            }
        }
        return -logs;
    }

    /**
     * The gradient's and the Hessian's sums of an evaluation from {@link #reduce}'s: sumGrad, S, sumHess = &Sigma; (s &part;&sup2;&lambda; &minus; s2 &part;&lambda; &part;&lambda;) over
     * E, and Q, P and the summed R of {@link #yieldOnlyTerms}. Per process c, with T_c = B_c q_c, z_c = s q_c and
     * F = f&prime; &Pi; G (b1), F&Prime; (b2): &Sigma; s &part;&sup2;T_c/&part;p&sup2; = b2 &Sigma;z, &Sigma; s &part;&sup2;T_c/&part;p&part;k = b1 &Sigma;z U_k,
     * &Sigma; s &part;&sup2;T_c/&part;k&sup2; = B_c (pv &Sigma;z + &Sigma;z (2 pu u + v)), &Sigma; s &part;&sup2;T_c/&part;k&part;l = B_c (&Sigma;z U_k U_l + px &Sigma;z).
     */
    private void secondOrder() {
        gram.finish();
        for (int a = 0; a < dimE; a++) {
            sumGrad[a] = gram.sum(0, 1 + a);
            for (int b = a; b < dimE; b++) {
                sumHess[a * dimE + b] = -gram.sum(1 + a, 1 + b);
            }
        }
        int ny = yProcesses.length;
        for (int y = 0; y < ny; y++) {
            int at = 1 + dimE + y;
            sumS[y] = gram.sum(0, at);
            for (int a = 0; a < dimE; a++) {
                sumQ[y][a] = gram.sum(1 + a, at);
            }
            for (int x = y; x < ny; x++) {
                sumP[y * ny + x] = gram.sum(at, at + x - y);
            }
        }
        for (int c = 0; c < nc; c++) {
            double zc = sumZ[c];
            sumHess[0] += b2[c] * zc;
            int y = yIndexOf[c];
            if (y >= 0 && rSource[y][0] == R_SUMMED) {
                sumR[y][0] = b1[c] * zc;
            }
            int[] act = activeE[c];
            GramSums pg = processGram[c];
            if (pg != null) {
                pg.finish();
            }
            for (int i = 0; i < act.length; i++) {
                int k = act[i];
                int pk = positionOf[1 + k];
                if (b1[c] != 0) {
                    sumHess[pk] += b1[c] * sumZU[c][i];
                }
                if (y >= 0 && rSource[y][pk] == R_SUMMED) {
                    sumR[y][pk] = b0[c] * sumZU[c][i];
                }
                sumHess[pk * dimE + pk] += b0[c] * (pv[c][k] * zc + sumZC[c][i]);
                for (int i2 = i + 1; i2 < act.length; i2++) {
                    int l = act[i2];
                    sumHess[pk * dimE + positionOf[1 + l]] += b0[c] * (pg.sum(i, i2) + px[c][k * nk + l] * zc);
                }
            }
        }
    }

    /** Zeroes the sums of an evaluation. */
    private void clearSums(boolean wantHess) {
        Arrays.fill(sumGrad, 0);
        Arrays.fill(sumS, 0);
        if (wantHess) {
            gram.clear();
            Arrays.fill(sumZ, 0);
            for (int c = 0; c < nc; c++) {
                Arrays.fill(sumZU[c], 0);
                Arrays.fill(sumZC[c], 0);
                if (processGram[c] != null) {
                    processGram[c].clear();
                }
            }
            for (int y = 0; y < yProcesses.length; y++) {
                Arrays.fill(sumR[y], 0);
            }
        }
    }
    /**
     * The terms of the yield-only parameters Y from the per-process sums, with T_c process c's term of &lambda;,
     * s = w/&lambda;, s2 = s/&lambda;, F_c = &nu;_c B_c process c's yield and g_ck = G'/G_ck: since &part;_k T_c = T_c g_ck for k in Y,
     * <pre>
     * &part;_k            = &minus;&Sigma;_c g_ck S_c                                      S_c  = &Sigma;_i s_i T_ic
     * &part;_k&part;_l          = &Sigma;_cd g_ck M_cd g_dl + &delta;_kl d_k                    M_cd = &delta;_cd (F_c &minus; S_c) + P_cd,  P_cd = &Sigma;_i s2_i T_ic T_id
     *                                                            d_k  = 1 + &Sigma;_c (F_c &minus; S_c)(G''/G_ck &minus; g_ck&sup2;)
     * &part;_a&part;_k (a in E)   = &Sigma;_c X_ca g_ck                                  X_ca = &part;_a F_c &minus; R_ca + Q_ca
     *                              R_ca = &Sigma;_i s_i &part;_a T_ic,  Q_ca = &Sigma;_i s2_i T_ic &part;_a &lambda;_i
     * </pre>
     * (F_c's part of the Y&ndash;Y block being &Sigma;_c F_c (g_ck g_cl, or G''/G_ck if k = l), the constraint's 1 added by the
     * caller). These are the blocks G, M, X and d of {@link StructuredHessian}: the per-event work is fixed by
     * the number of processes and of E, and the work per evaluation is O(K&middot;C + C&sup2;), whatever the number K of
     * yield-only parameters.
     */
    private void yieldOnlyTerms(double[] grad, StructuredHessian hess) {
        int ny = yProcesses.length;
        int[] pairK = yields.k;
        double[] pairU = yields.u;
        double[] pairV = yields.v;
        for (int y = 0; y < ny; y++) {
            for (int i : yPairs[y]) {
                grad[1 + pairK[i]] -= pairU[i] * sumS[y];
            }
        }
        if (hess == null) {
            return;
        }
        int ky = hess.structuredSize();
        for (int y = 0; y < ny; y++) {
            int c = yProcesses[y];
            double rest = yieldTerm[c] - sumS[y];
            int[] pairs = yPairs[y];
            int[] positions = yPositions[y];
            for (int m = 0; m < pairs.length; m++) {
                int j = positions[m];
                double gk = pairU[pairs[m]];
                hess.d[j] += rest * (pairV[pairs[m]] - gk * gk);
                hess.g[y * ky + j] = gk;
            }
            hess.m[y * ny + y] += rest;
            for (int z = y; z < ny; z++) {
                double p = sumP[y * ny + z];
                hess.m[y * ny + z] += p;
                if (z != y) {
                    hess.m[z * ny + y] += p;
                }
            }
            for (int a = 0; a < dimE; a++) {
                double rq = sumR[y][a] - sumQ[y][a];
                double slope = a == 0 ? yieldSlope[c] : yieldTerm[c] * gu[c][perEvent[a] - 1];
                hess.x[y * dimE + a] = slope - rq;
            }
        }
    }

    /**
     * For {@link YieldBlock}: process c's ratios times its yield, &nu;_c r_c per loaded event (entries [0, {@link #events()})).
     * The workspace's own column, to read only, valid until the next {@link #load}.
     */
    double[] scaledRatios(int c) {
        return rnu[c];
    }

    /** For {@link YieldBlock}: the loaded events' weights ([0, {@link #events()})), to read only, as {@link #scaledRatios}. */
    double[] weightColumn() {
        return w;
    }

    @Override
    protected double[] scan(double[] alpha, double[] mus) {
        double[] out = new double[mus.length];
        scan(alpha, mus, out);
        return out;
    }

    @Override
    protected void scan(double[] alpha, double[] mus, double[] out) {
        // the workspace's scratch, not new arrays: a toy's fits scan many times
        double[] theta = scanTheta;
        System.arraycopy(alpha, 0, theta, 1, nk);
        double[] gprod = scanFactor;
        double constraint = 0;
        for (int k = 0; k < nk; k++) {
            constraint += 0.5 * (alpha[k] - aux[k]) * (alpha[k] - aux[k]);
        }
        if (scanCoefficients.length < mus.length * nc) {
            scanCoefficients = new double[Math.max(mus.length * nc, 2 * scanCoefficients.length)];
        }
        double[] f = scanCoefficients; // [m * nc + c]
        for (int c = 0; c < nc; c++) {
            double g = 1;
            for (int k : active[c]) {
                model().yieldFactor(c, k, alpha[k], g3);
                g *= g3[0];
            }
            gprod[c] = g;
        }
        for (int m = 0; m < mus.length; m++) {
            double nll = constraint;
            for (int c = 0; c < nc; c++) {
                coefficients[c].at(mus[m], coefficientOut, coefficientScratch[c]);
                f[m * nc + c] = coefficientOut[0];
                nll += f[m * nc + c] * nu[c] * gprod[c];
            }
            out[m] = nll;
        }
        double[][] bc = scanTerms;
        double[] perEvent = scanPerEvent;
        System.arraycopy(gprod, 0, perEvent, 0, nc);
        for (int c = 0; c < nc && shapeNorm != null; c++) {
            if (shapeNorm.normalises(c)) {
                perEvent[c] /= shapeNorm.value(c, alpha);
            }
        }
        for (int start = 0; start < n; start += BLOCK) {
            int len = Math.min(BLOCK, n - start);
            shapes(theta, start, len, false, false, true);
            for (int c = 0; c < nc; c++) {
                VectorLoops.scaled(bc[c], perEvent[c], rnu[c], start, len);
                for (int e : effectsOfProcess[c]) {
                    if (theta[1 + effectK[e]] != 0) { // else h = 1
                        VectorLoops.multiply(bc[c], h[e], len);
                    }
                }
            }
            for (int m = 0; m < mus.length; m++) {
                if (out[m] == Double.POSITIVE_INFINITY) {
                    continue;
                }
                Arrays.fill(lam, 0, len, 0);
                for (int c = 0; c < nc; c++) {
                    VectorLoops.addScaled(lam, f[m * nc + c], bc[c], len);
                }
                double logs = VectorLoops.weightedLogs(w, start, lam, s, s2, len);
                out[m] = Double.isNaN(logs) ? Double.POSITIVE_INFINITY : out[m] - logs;
            }
        }
    }
}
