package org.nsbi.model.synthetic;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;
import org.nsbi.stats.random.ToyRandom;

/**
 * A synthetic analysis of any size, for tests and benchmarks (apart from the off-shell toy): one feature
 * x on [0, 1), C processes, K_shape shape and K_yield yield-only nuisance parameters ({@link SyntheticSpec}),
 * with exact densities, so that the reference sample's ratios are the true ones.
 * <pre>
 * p_ref(x) = 1                                   (the reference sample: x uniform, weights uniform in [0.5, 1.5))
 * p_c(x)   = 1 + b_c cos 2&pi;(x + &phi;_c)              r_c = p_c / p_ref
 * p_c(x | &alpha;_k = &plusmn;1) / p_c(x) = 1 &plusmn; s_k sin(2&pi; m_k x + &psi;_k)
 * </pre>
 * Every density integrates to 1 over [0, 1) (cos 2&pi;(x+&phi;) is orthogonal to sin(2&pi; m x + &psi;) for m &ne; 1), so
 * shapes move events without changing yields; yields change through &kappa;&plusmn;. Process 0 is the signal
 * (f = &mu;), the others background (f = 1). Shape parameter j acts on background 1 + (j mod (C &minus; 1)) (on process 0
 * when C = 1), with its shape and a small yield factor; yield-only parameter j on processes j mod C and (j + 1) mod C,
 * with &kappa;+ = 1 + d and &kappa;&minus; = 1/(1 + d'), d &isin; [0.01, 0.1] and d' within {@value #MAX_YIELD_ASYMMETRY} of d
 * relative: nearly symmetric in ln &kappa;, as yield uncertainties usually are. (Up and down drawn apart, up to
 * 1.01 against 1/1.1, the code-4 yield factor curves by G''(0) &asymp; &kappa;+ + &kappa;&minus; &minus; 2, and in a toy whose process
 * count is off by &radic;&nu;_c that curvature outweighs the constraint: the NLL where the fits start was not convex.)
 *
 * <p>The shape effects are kept where the seeds' likelihood is a sensible model. It does not normalise the
 * per-event shape factor g (primer section 3, "A subtlety worth knowing"): away from &alpha;_k = 0, E_c[g] &gt; 1, so a
 * shape parameter buys &nu;_c (E_c[g] &minus; 1) events that &nu; does not count, and beyond |&alpha;_k| = 1 the NLL's
 * curvature along it falls short of the constraint's 1 by up to about &nu;_c E_c[(ln r&plusmn;)&sup2;] &asymp; &nu;_c s_k&sup2;/2. Hence:
 * <ul>
 * <li>its size is set by the information it carries, z_k = &nu;_c s_k&sup2;/2 &isin; [{@value #MIN_SHAPE_INFORMATION},
 *     {@value #MAX_SHAPE_INFORMATION}] (in units of the constraint's), so s_k = &radic;(2 z_k / &nu;_c);</li>
 * <li>it acts on a background, not on the signal, whose free normalisation &mu; would multiply the free events;</li>
 * <li>shapes of one process have frequencies m = 2, 4, 6, ..., orthogonal under p_c, not collinear.</li>
 * </ul>
 * With s_k up to 0.2 on any process and m_k &isin; {2, 3, 4} (before), toys drawn at (&mu; = 1, &alpha; = 0) with 10 shape
 * and 90 yield-only parameters ended with 58 % of the shape parameters on their &plusmn;5 bounds and &mu;&#770; at 4 to 8,
 * minima BOBYQA confirms ({@code SyntheticToyFitsTest}).
 *
 * <p>Every constant is drawn from the stream (seed, "synthetic-model"); block b of the reference sample from
 * (seed, "synthetic-reference", b), so a block is the same events whoever generates it, in any order.
 * The observed data set draws from (seed, "synthetic-observed", key).
 */
public final class SyntheticAnalysis implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The single feature's name. */
    public static final String FEATURE = "x";

    /** The least and most information a shape parameter's effect carries, z = &nu;_c s&sup2;/2, in units of its constraint's. */
    static final double MIN_SHAPE_INFORMATION = 0.05;
    static final double MAX_SHAPE_INFORMATION = 0.25;
    /** A yield-only parameter's &kappa;&plusmn; = (1 + d)^&plusmn;1 up to this relative difference between its up and down d. */
    static final double MAX_YIELD_ASYMMETRY = 0.1;

    private final SyntheticSpec spec;
    private final MixtureModel model;
    private final double[] b;
    private final double[] phi;
    private final int[] shapeProcess;
    private final double[] s;
    private final int[] m;
    private final double[] psi;

    private SyntheticAnalysis(SyntheticSpec spec) {
        this.spec = spec;
        int nc = spec.processes();
        int ks = spec.shapeParameters();
        int k = spec.nuisances();
        UniformRandomProvider rng = ToyRandom.of(spec.seed(), "synthetic-model");
        b = new double[nc];
        phi = new double[nc];
        double[] yields = new double[nc];
        for (int c = 0; c < nc; c++) {
            b[c] = 0.3 + 0.5 * rng.nextDouble();
            phi[c] = rng.nextDouble();
            yields[c] = c == 0 ? 30 + 30 * rng.nextDouble() : 100 + 400 * rng.nextDouble();
        }
        shapeProcess = new int[ks];
        s = new double[ks];
        m = new int[ks];
        psi = new double[ks];
        double[][] up = new double[nc][k];
        double[][] down = new double[nc][k];
        boolean[][] shape = new boolean[nc][k];
        for (double[] row : up) {
            Arrays.fill(row, 1);
        }
        for (double[] row : down) {
            Arrays.fill(row, 1);
        }
        List<String> names = new ArrayList<>();
        int backgrounds = Math.max(1, nc - 1);
        for (int j = 0; j < ks; j++) {
            int c = nc == 1 ? 0 : 1 + j % backgrounds;
            shapeProcess[j] = c;
            double z = MIN_SHAPE_INFORMATION + (MAX_SHAPE_INFORMATION - MIN_SHAPE_INFORMATION) * rng.nextDouble();
            s[j] = Math.sqrt(2 * z / yields[c]);
            m[j] = 2 + 2 * (j / backgrounds);
            psi[j] = 2 * Math.PI * rng.nextDouble();
            double d = 0.01 + 0.04 * rng.nextDouble();
            up[c][j] = 1 + d;
            down[c][j] = 1 - d;
            shape[c][j] = true;
            names.add("shape_" + j);
        }
        for (int j = 0; j < spec.yieldParameters(); j++) {
            int kk = ks + j;
            double d = 0.01 + 0.09 * rng.nextDouble();
            double dd = d * (1 - MAX_YIELD_ASYMMETRY + 2 * MAX_YIELD_ASYMMETRY * rng.nextDouble());
            for (int c : nc == 1 ? new int[] {0} : new int[] {j % nc, (j + 1) % nc}) {
                up[c][kk] = 1 + d;
                down[c][kk] = 1 / (1 + dd);
            }
            names.add("yield_" + j);
        }
        List<Process> processes = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            processes.add(new Process(c == 0 ? "signal" : "background_" + c, yields[c],
                    Coefficient.parse(c == 0 ? "mu" : "1"), up[c], down[c], shape[c]));
        }
        this.model = MixtureModel.of(processes, names, "mu", 0, 10);
    }

    public static SyntheticAnalysis of(SyntheticSpec spec) {
        return new SyntheticAnalysis(spec);
    }

    public SyntheticSpec spec() {
        return spec;
    }

    /** The mixture model: processes "signal" (f = &mu;), "background_1".., parameters "shape_j", then "yield_j"; &mu; in [0, 10]. */
    public MixtureModel model() {
        return model;
    }

    /** Events with their feature x and the likelihood's columns. */
    public record Events(float[] x, EventTable table) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Block {@code block} of the reference sample ({@link SyntheticSpec#blockEvents}). */
    public Events referenceBlock(int block) {
        int n = spec.blockEvents(block);
        UniformRandomProvider rng = ToyRandom.of(spec.seed(), "synthetic-reference", block);
        double[] x = new double[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble();
            w[i] = (float) (0.5 + rng.nextDouble());
        }
        return events(x, w);
    }

    /**
     * An observed data set drawn from the model at (&mu;, &alpha; = 0): n ~ Poisson(&nu;(&mu;, 0)) events of weight 1
     * (each from process c with probability F_c/&nu;, x from p_c by rejection), and auxiliary measurements
     * a_k ~ N(0, 1).
     */
    public Observation observed(double mu, long key) {
        UniformRandomProvider rng = ToyRandom.of(spec.seed(), "synthetic-observed", key);
        double[] alpha = new double[spec.nuisances()];
        double[] f = model.processNormalisations(mu, alpha);
        double nu = Arrays.stream(f).sum();
        int n = PoissonSampler.of(rng, nu).sample();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble() * nu;
            int c = 0;
            while (c < f.length - 1 && u >= f[c]) {
                u -= f[c];
                c++;
            }
            double xi;
            do {
                xi = rng.nextDouble();
            } while (rng.nextDouble() * (1 + b[c]) > density(c, xi));
            x[i] = xi;
        }
        float[] w = new float[n];
        Arrays.fill(w, 1f);
        double[] aux = new double[spec.nuisances()];
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int k = 0; k < aux.length; k++) {
            aux[k] = gauss.sample();
        }
        return new Observation(events(x, w), aux);
    }

    /** An observed data set and its auxiliary measurements (model order). */
    public record Observation(Events events, double[] aux) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** p_c(x). */
    public double density(int c, double x) {
        return 1 + b[c] * Math.cos(2 * Math.PI * (x + phi[c]));
    }

    /** p_c(x | &alpha;_k = &plusmn;1) / p_c(x) for shape parameter k ({@code sign} &plusmn;1); 1 where k has no shape on c. */
    public double shapeRatio(int c, int k, double x, int sign) {
        if (k >= spec.shapeParameters() || shapeProcess[k] != c) {
            return 1;
        }
        return 1 + sign * s[k] * Math.sin(2 * Math.PI * m[k] * x + psi[k]);
    }

    private Events events(double[] x, float[] w) {
        int n = x.length;
        int nc = spec.processes();
        int nk = spec.nuisances();
        float[][] r = new float[nc][n];
        float[][][] up = new float[nc][nk][];
        float[][][] down = new float[nc][nk][];
        for (int c = 0; c < nc; c++) {
            for (int i = 0; i < n; i++) {
                r[c][i] = (float) density(c, x[i]);
            }
        }
        for (int k = 0; k < spec.shapeParameters(); k++) {
            int c = shapeProcess[k];
            up[c][k] = new float[n];
            down[c][k] = new float[n];
            for (int i = 0; i < n; i++) {
                up[c][k][i] = (float) shapeRatio(c, k, x[i], +1);
                down[c][k][i] = (float) shapeRatio(c, k, x[i], -1);
            }
        }
        float[] xf = new float[n];
        for (int i = 0; i < n; i++) {
            xf[i] = (float) x[i];
        }
        return new Events(xf, EventTable.of(model, w, r, up, down));
    }
}
