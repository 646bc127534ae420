package org.nsbi.stats.likelihood;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * The extended unbinned weighted negative log-likelihood of primer section 2, up to a constant:
 * <pre>
 * NLL(&mu;, &alpha;) = &nu;(&mu;, &alpha;) &minus; &Sigma;_i w_i ln &lambda;_i(&mu;, &alpha;) + &frac12; &Sigma;_k (&alpha;_k &minus; a_k)&sup2;
 * &lambda;_i = &Sigma;_c f_c(&mu;) &nu;_c &Pi;_k G_ck(&alpha;_k) h_ck(x_i, &alpha;_k) r_c(x_i)
 * </pre>
 * with G the yield factors and h the per-event shape factors, both code-4 interpolated; h = 1 where a
 * parameter has no shape effect on a process.
 *
 * <p>Parameters are &theta; = (p, &alpha;_1..&alpha;_K) where p is &mu;, or s = &radic;&mu; when the model
 * {@link MixtureModel#fitsInSqrtMu() fits in &radic;&mu;} ({@link #scale()}); derivatives are in p.
 *
 * <p>{@link #of} builds the production kernel ({@link ColumnarNll}). Each instance counts its
 * evaluations by {@link Stage}, the stage being set by the caller ({@link #countAs}), so a benchmark can
 * report where a fit spends them. It remembers its last evaluation with the Hessian, so a fit that starts where
 * another ended (the global fit from the conditional fit's minimum) gets that point without computing it again;
 * an implementation whose data can change calls {@link #forgetLastEvaluation()}. Not thread-safe; build one per
 * thread.
 */
public abstract class Nll {

    /** What &theta;[0] means. */
    public enum Scale { MU, SQRT_MU }

    /** Which part of a fit an evaluation belongs to. */
    public enum Stage {
        /** &mu; points of {@link #valuesAtFixedAlpha} (one per &mu;, whatever the caller's stage). */
        SCAN,
        /** The conditional fit at fixed &mu;. */
        CONDITIONAL,
        /** The global fit's Newton runs. */
        GLOBAL,
        /** Anything else (the default). */
        OTHER
    }

    private final MixtureModel model;
    private final Scale scale;
    private final int dim;
    private final long[] evaluations = new long[Stage.values().length];
    private final long[] withHessian = new long[Stage.values().length];
    private final long[] blockPasses = new long[Stage.values().length];
    private Stage stage = Stage.OTHER;
    private final double[] lastTheta;
    private final double[] lastGrad;
    private StructuredHessian lastHess;
    private double lastValue;
    private boolean remembered;

    protected Nll(MixtureModel model) {
        this.model = model;
        this.scale = model.fitsInSqrtMu() ? Scale.SQRT_MU : Scale.MU;
        this.dim = 1 + model.nuisanceCount();
        this.lastTheta = new double[dim];
        this.lastGrad = new double[dim];
    }

    /**
     * The NLL of {@code events} with per-event weights (null: the table's own weights, e.g. 1 for data;
     * for a pseudo-experiment, its counts) and auxiliary measurements {@code aux}.
     */
    public static Nll of(MixtureModel model, EventTable events, double[] weights, double[] aux) {
        ColumnarNll nll = new ColumnarNll(model);
        nll.load(events, null, weights, aux);
        return nll;
    }

    public final MixtureModel model() {
        return model;
    }

    public final Scale scale() {
        return scale;
    }

    /** The auxiliary measurements, the centres of the nuisance parameters' constraints (a copy). */
    public abstract double[] aux();

    /** The auxiliary measurements into {@code out[0..K)}, for callers that must not allocate. */
    public void auxInto(double[] out) {
        System.arraycopy(aux(), 0, out, 0, dim - 1);
    }

    /** 1 + K, the number of parameters. */
    public final int dimension() {
        return dim;
    }

    /** The number of events (with weight &gt; 0 where the implementation drops the others). */
    public abstract int events();

    /** &Sigma;_i w_i, the size of the data set. */
    public abstract double sumOfWeights();

    /** &mu; from the fit variable p. */
    public final double mu(double p) {
        return scale == Scale.SQRT_MU ? p * p : p;
    }

    /** The fit variable p from &mu;. */
    public final double p(double mu) {
        return scale == Scale.SQRT_MU ? Math.sqrt(Math.max(mu, 0)) : mu;
    }

    /** NLL at (&mu;, &alpha;). */
    public final double value(double mu, double[] alpha) {
        double[] theta = new double[dim];
        theta[0] = p(mu);
        System.arraycopy(alpha, 0, theta, 1, dim - 1);
        return evaluate(theta, null, null);
    }

    /**
     * NLL at &theta; = (p, &alpha;), with its gradient (if {@code grad} is not null, length D) and Hessian
     * (if {@code hess} is not null, D&times;D row-major) in &theta;. Counted under the current stage.
     *
     * @throws NonPositiveDensityException if &lambda;_i &le; 0 at an event of weight &gt; 0
     */
    public final double evaluate(double[] theta, double[] grad, double[] hess) {
        evaluations[stage.ordinal()]++;
        if (hess != null) {
            withHessian[stage.ordinal()]++;
        }
        return compute(theta, grad, hess);
    }

    /** Forgets the last evaluation: for an implementation whose data changed since. */
    protected final void forgetLastEvaluation() {
        remembered = false;
    }

    /** {@link #evaluate} without the counting. */
    protected abstract double compute(double[] theta, double[] grad, double[] hess);

    /**
     * An empty Hessian in the layout this NLL fills ({@link #evaluateStructured}):
     * the plain dense one unless the implementation keeps yield-only parameters apart ({@link ColumnarNll}).
     */
    public StructuredHessian newHessian() {
        return StructuredHessian.dense(dim);
    }

    /** Whether {@code hess} has {@link #newHessian()}'s layout (so that this NLL can fill it). */
    public boolean fills(StructuredHessian hess) {
        return newHessian().sameLayout(hess);
    }

    /**
     * NLL at &theta; with its gradient (if {@code grad} is not null) and its Hessian into {@code hess}, a Hessian of
     * {@link #newHessian()}'s layout; counted as an evaluation with the Hessian under the current stage, unless
     * &theta; is the point of the last such evaluation (with the gradient): then that one is returned, not counted.
     *
     * @throws NonPositiveDensityException if &lambda;_i &le; 0 at an event of weight &gt; 0
     * @throws IllegalArgumentException if {@code hess} has another layout
     */
    public final double evaluateStructured(double[] theta, double[] grad, StructuredHessian hess) {
        if (remembers(theta) && lastHess.sameLayout(hess)) {
            if (grad != null) {
                System.arraycopy(lastGrad, 0, grad, 0, dim);
            }
            hess.copyFrom(lastHess);
            return lastValue;
        }
        evaluations[stage.ordinal()]++;
        withHessian[stage.ordinal()]++;
        remembered = false;
        double value = computeStructured(theta, grad, hess);
        hess.written(); // a new version, also where computeStructured wrote the dense block without one
        if (grad != null) {
            if (lastHess == null || !lastHess.sameLayout(hess)) {
                lastHess = hess.like();
            }
            System.arraycopy(theta, 0, lastTheta, 0, dim);
            System.arraycopy(grad, 0, lastGrad, 0, dim);
            lastHess.copyFrom(hess);
            lastValue = value;
            remembered = true;
        }
        return value;
    }

    /** Whether &theta; is the point of the last evaluation with the Hessian and gradient, which {@link #evaluateStructured} returns again. */
    public final boolean remembers(double[] theta) {
        return remembered && Arrays.equals(theta, lastTheta);
    }

    /** {@link #evaluateStructured} without the counting; by default, the dense Hessian. */
    protected double computeStructured(double[] theta, double[] grad, StructuredHessian hess) {
        if (!hess.isDense() || hess.dimension() != dim) {
            throw new IllegalArgumentException("this NLL fills the dense " + dim + "x" + dim
                    + " Hessian; the one given has another layout");
        }
        return compute(theta, grad, hess.denseBlock());
    }

    /**
     * The NLL at fixed &alpha; for many values of &mu; at once, for coarse scans. Returns +&infin; where a
     * density is &le; 0. Counted as one {@link Stage#SCAN} evaluation per &mu;.
     */
    public final double[] valuesAtFixedAlpha(double[] alpha, double[] mus) {
        evaluations[Stage.SCAN.ordinal()] += mus.length;
        return scan(alpha, mus);
    }

    /** {@link #valuesAtFixedAlpha(double[], double[])} into {@code out[0..mus.length)}, without a new array. */
    public final void valuesAtFixedAlpha(double[] alpha, double[] mus, double[] out) {
        evaluations[Stage.SCAN.ordinal()] += mus.length;
        scan(alpha, mus, out);
    }

    /** {@link #valuesAtFixedAlpha} without the counting. */
    protected abstract double[] scan(double[] alpha, double[] mus);

    /** {@link #scan(double[], double[])} into {@code out}; by default a copy of its result. */
    protected void scan(double[] alpha, double[] mus, double[] out) {
        System.arraycopy(scan(alpha, mus), 0, out, 0, mus.length);
    }

    /** Counts the evaluations from now on under {@code stage} (until the next call). */
    public final void countAs(Stage stage) {
        this.stage = stage;
    }

    /** Evaluations so far by stage (scan: &mu; points). */
    public final Map<Stage, Long> evaluationCounts() {
        Map<Stage, Long> m = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            m.put(s, evaluations[s.ordinal()]);
        }
        return m;
    }

    /** Counts a pass of {@link YieldBlock} over this NLL's events under the current stage. */
    final void countBlockPass() {
        blockPasses[stage.ordinal()]++;
    }

    /** {@link YieldBlock}'s passes over the events so far by stage (not evaluations: each costs a fraction of one). */
    public final Map<Stage, Long> blockPassCounts() {
        Map<Stage, Long> m = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            m.put(s, blockPasses[s.ordinal()]);
        }
        return m;
    }

    /** Evaluations with the Hessian so far by stage. */
    public final Map<Stage, Long> hessianCounts() {
        Map<Stage, Long> m = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            m.put(s, withHessian[s.ordinal()]);
        }
        return m;
    }
}
