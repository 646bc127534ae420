package org.nsbi.stats.likelihood;

import java.util.Arrays;
import org.nsbi.stats.model.Code4Interpolation;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;

/**
 * The extended unbinned weighted negative log-likelihood of primer section 2, up to a constant:
 * <pre>
 * NLL(&mu;, &alpha;) = &nu;(&mu;, &alpha;) &minus; &Sigma;_i w_i ln &lambda;_i(&mu;, &alpha;) + &frac12; &Sigma;_k (&alpha;_k &minus; a_k)&sup2;
 * &lambda;_i = &Sigma;_c f_c(&mu;) &nu;_c &Pi;_k G_ck(&alpha;_k) h_ck(x_i, &alpha;_k) r_c(x_i)
 * </pre>
 * with G the yield factors and h the per-event shape factors, both code-4 interpolated
 * ({@link Code4Interpolation}); h = 1 where a parameter has no shape effect on a process. Each factor
 * depends on one &alpha;_k only, so &lambda;_i is a sum of products of one-parameter functions, and the
 * analytic gradient and Hessian follow from the product rule.
 *
 * <p>Parameters are &theta; = (p, &alpha;_1..&alpha;_K) where p is &mu;, or s = &radic;&mu; when the model
 * {@link MixtureModel#fitsInSqrtMu() fits in &radic;&mu;} ({@link #scale()}); derivatives are in p.
 *
 * <p>The per-event code-4 coefficients are computed once, when the likelihood is built (about 10
 * doubles per event and shape), so an evaluation costs a few multiplications per event and process.
 * Not thread-safe (scratch buffers); build one per thread.
 */
public final class Nll {

    /** What &theta;[0] means. */
    public enum Scale { MU, SQRT_MU }

    private final MixtureModel model;
    private final Scale scale;
    private final int n;
    private final int nc;
    private final int nk;
    private final int dim;
    private final double[] w;
    private final double[] aux;
    private final double[][] r;        // r[c][j] * nu_c
    private final boolean[][] shaped;  // [c][k]
    private final double[][][] coef;   // [c][k][8j .. 8j+8): a1..a6, lnUp, lnDown
    private final double sumW;
    // scratch
    private final double[][] coeffAt;  // [c] = {f, f', f''}
    private final double[][][] yieldAt; // [c][k] = {G, G', G''}
    private final double[] q;
    private final double[] dq;
    private final double[] d2q;
    private final double[] logDerivative;
    private final double[] h = new double[3];
    private final double[] lamGrad;
    private final double[] lamHess;

    private Nll(MixtureModel model, EventTable events, double[] weights, double[] aux) {
        this.model = model;
        this.scale = model.fitsInSqrtMu() ? Scale.SQRT_MU : Scale.MU;
        this.n = events.size();
        this.nc = model.processCount();
        this.nk = model.nuisanceCount();
        this.dim = 1 + nk;
        if (events.processCount() != nc) {
            throw new IllegalArgumentException("the events have ratios of " + events.processCount()
                    + " processes; the model has " + nc);
        }
        if (aux.length != nk) {
            throw new IllegalArgumentException(aux.length + " auxiliary measurements for " + nk + " nuisance parameters "
                    + model.nuisances());
        }
        this.aux = aux.clone();
        if (weights != null && weights.length != n) {
            throw new IllegalArgumentException(weights.length + " weights for " + n + " events; expected one per event");
        }
        this.w = new double[n];
        double s = 0;
        for (int j = 0; j < n; j++) {
            double wj = weights == null ? events.weight(j) : weights[j];
            if (!(wj >= 0) || Double.isInfinite(wj)) {
                throw new IllegalArgumentException("weight of event " + j + " is " + wj + "; expected a finite weight >= 0");
            }
            w[j] = wj;
            s += wj;
        }
        this.sumW = s;
        this.r = new double[nc][n];
        this.shaped = new boolean[nc][nk];
        this.coef = new double[nc][nk][];
        for (int c = 0; c < nc; c++) {
            double nu = model.process(c).yield();
            for (int j = 0; j < n; j++) {
                r[c][j] = events.ratio(c, j) * nu;
            }
            for (int k = 0; k < nk; k++) {
                if (events.hasShape(c, k)) {
                    shaped[c][k] = true;
                    double[] a = new double[8 * n];
                    for (int j = 0; j < n; j++) {
                        double lu = events.logUp(c, k, j);
                        double ld = events.logDown(c, k, j);
                        Code4Interpolation.coefficients(Math.max(events.up(c, k, j), Code4Interpolation.MIN_RATIO),
                                Math.max(events.down(c, k, j), Code4Interpolation.MIN_RATIO), lu, ld, a, 8 * j);
                        a[8 * j + 6] = lu;
                        a[8 * j + 7] = ld;
                    }
                    coef[c][k] = a;
                }
            }
        }
        this.coeffAt = new double[nc][3];
        this.yieldAt = new double[nc][nk][3];
        this.q = new double[nk];
        this.dq = new double[nk];
        this.d2q = new double[nk];
        this.logDerivative = new double[nk];
        this.lamGrad = new double[dim];
        this.lamHess = new double[dim * dim];
    }

    /**
     * The NLL of {@code events} with per-event weights (null: the table's own weights, e.g. 1 for data;
     * for a pseudo-experiment, its counts) and auxiliary measurements {@code aux}.
     */
    public static Nll of(MixtureModel model, EventTable events, double[] weights, double[] aux) {
        return new Nll(model, events, weights, aux);
    }

    public MixtureModel model() {
        return model;
    }

    public Scale scale() {
        return scale;
    }

    /** The auxiliary measurements, the centres of the nuisance parameters' constraints. */
    public double[] aux() {
        return aux.clone();
    }

    /** 1 + K, the number of parameters. */
    public int dimension() {
        return dim;
    }

    public int events() {
        return n;
    }

    /** &Sigma;_i w_i, the size of the data set. */
    public double sumOfWeights() {
        return sumW;
    }

    /** &mu; from the fit variable p. */
    public double mu(double p) {
        return scale == Scale.SQRT_MU ? p * p : p;
    }

    /** The fit variable p from &mu;. */
    public double p(double mu) {
        return scale == Scale.SQRT_MU ? Math.sqrt(Math.max(mu, 0)) : mu;
    }

    /** NLL at (&mu;, &alpha;). */
    public double value(double mu, double[] alpha) {
        double[] theta = new double[dim];
        theta[0] = p(mu);
        System.arraycopy(alpha, 0, theta, 1, nk);
        return evaluate(theta, null, null);
    }

    /**
     * NLL at &theta; = (p, &alpha;), with its gradient (if {@code grad} is not null, length D) and Hessian
     * (if {@code hess} is not null, D&times;D row-major) in &theta;.
     *
     * @throws NonPositiveDensityException if &lambda;_i &le; 0 at an event
     */
    public double evaluate(double[] theta, double[] grad, double[] hess) {
        double p = theta[0];
        boolean wantGrad = grad != null;
        boolean wantHess = hess != null;
        if (wantGrad) {
            Arrays.fill(grad, 0);
        }
        if (wantHess) {
            Arrays.fill(hess, 0);
        }
        for (int c = 0; c < nc; c++) {
            Process proc = model.process(c);
            double[] f = scale == Scale.SQRT_MU ? proc.coefficient().atSqrt(p) : proc.coefficient().at(p);
            coeffAt[c][0] = f[0];
            coeffAt[c][1] = f[1];
            coeffAt[c][2] = f[2];
            for (int k = 0; k < nk; k++) {
                model.yieldFactor(c, k, theta[1 + k], yieldAt[c][k]);
            }
        }
        // expected yield nu(theta) and its derivatives
        double nll = 0;
        for (int c = 0; c < nc; c++) {
            for (int k = 0; k < nk; k++) {
                q[k] = yieldAt[c][k][0];
                dq[k] = yieldAt[c][k][1];
                d2q[k] = yieldAt[c][k][2];
            }
            double nu = model.process(c).yield();
            nll += product(nu * coeffAt[c][0], nu * coeffAt[c][1], nu * coeffAt[c][2], grad, hess);
        }
        // events
        for (int j = 0; j < n; j++) {
            double wj = w[j];
            if (wj == 0) {
                continue;
            }
            if (wantGrad) {
                Arrays.fill(lamGrad, 0);
            }
            if (wantHess) {
                Arrays.fill(lamHess, 0);
            }
            double lam = 0;
            for (int c = 0; c < nc; c++) {
                double rc = r[c][j];
                if (rc == 0) {
                    continue;
                }
                for (int k = 0; k < nk; k++) {
                    double[] g = yieldAt[c][k];
                    if (shaped[c][k]) {
                        double[] a = coef[c][k];
                        Code4Interpolation.evaluate(theta[1 + k], a, 8 * j, a[8 * j + 6], a[8 * j + 7], h);
                        q[k] = g[0] * h[0];
                        dq[k] = g[1] * h[0] + g[0] * h[1];
                        d2q[k] = g[2] * h[0] + 2 * g[1] * h[1] + g[0] * h[2];
                    } else {
                        q[k] = g[0];
                        dq[k] = g[1];
                        d2q[k] = g[2];
                    }
                }
                lam += productByLogDerivatives(rc * coeffAt[c][0], rc * coeffAt[c][1], rc * coeffAt[c][2],
                        wantGrad ? lamGrad : null, wantHess ? lamHess : null);
            }
            if (!(lam > 0)) {
                double[] alpha = Arrays.copyOfRange(theta, 1, dim);
                throw new NonPositiveDensityException(j, lam, mu(p), alpha);
            }
            nll -= wj * Math.log(lam);
            if (wantGrad) {
                double inv = wj / lam;
                for (int a = 0; a < dim; a++) {
                    grad[a] -= inv * lamGrad[a];
                }
                if (wantHess) {
                    double inv2 = inv / lam;
                    for (int a = 0; a < dim; a++) {
                        for (int b = a; b < dim; b++) {
                            hess[a * dim + b] -= inv * lamHess[a * dim + b] - inv2 * lamGrad[a] * lamGrad[b];
                        }
                    }
                }
            }
        }
        // constraints
        for (int k = 0; k < nk; k++) {
            double d = theta[1 + k] - aux[k];
            nll += 0.5 * d * d;
            if (wantGrad) {
                grad[1 + k] += d;
            }
            if (wantHess) {
                hess[(1 + k) * dim + 1 + k] += 1;
            }
        }
        if (wantHess) {
            for (int a = 0; a < dim; a++) {
                for (int b = 0; b < a; b++) {
                    hess[a * dim + b] = hess[b * dim + a];
                }
            }
        }
        return nll;
    }

    /**
     * The same as {@link #product} in fewer operations, through the log-derivatives u_k = q'_k/q_k and
     * v_k = q''_k/q_k: &part;_k T = T u_k, &part;_kk T = T v_k, &part;_kl T = T u_k u_l. Falls back to
     * {@link #product} when a factor is exactly 0.
     */
    private double productByLogDerivatives(double a0, double a1, double a2, double[] grad, double[] hess) {
        double prod = 1;
        for (int k = 0; k < nk; k++) {
            if (q[k] == 0) {
                return product(a0, a1, a2, grad, hess);
            }
            prod *= q[k];
        }
        double t0 = a0 * prod;
        if (grad != null) {
            double t1 = a1 * prod;
            grad[0] += t1;
            for (int k = 0; k < nk; k++) {
                double u = dq[k] / q[k];
                logDerivative[k] = u;
                grad[1 + k] += t0 * u;
                if (hess != null) {
                    hess[1 + k] += t1 * u;
                    hess[(1 + k) * dim + 1 + k] += t0 * d2q[k] / q[k];
                }
            }
            if (hess != null) {
                hess[0] += a2 * prod;
                for (int k = 0; k < nk; k++) {
                    double tu = t0 * logDerivative[k];
                    for (int l = k + 1; l < nk; l++) {
                        hess[(1 + k) * dim + 1 + l] += tu * logDerivative[l];
                    }
                }
            }
        }
        return t0;
    }

    /**
     * Adds the derivatives of T = A(p) &Pi;_k q_k(&alpha;_k) to grad/hess (upper triangle) and returns T,
     * with A, A', A'' given and q, q', q'' in the scratch arrays.
     */
    private double product(double a0, double a1, double a2, double[] grad, double[] hess) {
        double prod = 1;
        for (int k = 0; k < nk; k++) {
            prod *= q[k];
        }
        if (grad != null) {
            grad[0] += a1 * prod;
            for (int k = 0; k < nk; k++) {
                double ex = 1;
                for (int l = 0; l < nk; l++) {
                    if (l != k) {
                        ex *= q[l];
                    }
                }
                grad[1 + k] += a0 * dq[k] * ex;
                if (hess != null) {
                    hess[1 + k] += a1 * dq[k] * ex;
                    hess[(1 + k) * dim + 1 + k] += a0 * d2q[k] * ex;
                    for (int l = k + 1; l < nk; l++) {
                        double ex2 = 1;
                        for (int m = 0; m < nk; m++) {
                            if (m != k && m != l) {
                                ex2 *= q[m];
                            }
                        }
                        hess[(1 + k) * dim + 1 + l] += a0 * dq[k] * dq[l] * ex2;
                    }
                }
            }
            if (hess != null) {
                hess[0] += a2 * prod;
            }
        }
        return a0 * prod;
    }

    /**
     * The NLL at fixed &alpha; for many values of &mu; at once, for coarse scans: the per-event factors
     * B_ci = &nu;_c r_c &Pi;_k G_ck h_ck are computed once, each &mu; then costs one multiply-add per event
     * and process. Returns +&infin; where a density is &le; 0.
     */
    public double[] valuesAtFixedAlpha(double[] alpha, double[] mus) {
        double[][] b = new double[nc][n];
        double[] yields = new double[nc];
        double[] g = new double[3];
        double constraint = 0;
        for (int k = 0; k < nk; k++) {
            constraint += 0.5 * (alpha[k] - aux[k]) * (alpha[k] - aux[k]);
        }
        for (int c = 0; c < nc; c++) {
            double gc = model.process(c).yield();
            for (int k = 0; k < nk; k++) {
                model.yieldFactor(c, k, alpha[k], g);
                gc *= g[0];
            }
            yields[c] = gc;
            for (int j = 0; j < n; j++) {
                double v = r[c][j] / model.process(c).yield() * gc;
                for (int k = 0; k < nk; k++) {
                    if (shaped[c][k]) {
                        double[] a = coef[c][k];
                        Code4Interpolation.evaluate(alpha[k], a, 8 * j, a[8 * j + 6], a[8 * j + 7], h);
                        v *= h[0];
                    }
                }
                b[c][j] = v;
            }
        }
        double[] out = new double[mus.length];
        double[] f = new double[nc];
        for (int m = 0; m < mus.length; m++) {
            double nll = constraint;
            for (int c = 0; c < nc; c++) {
                f[c] = model.process(c).coefficient().value(mus[m]);
                nll += f[c] * yields[c];
            }
            for (int j = 0; j < n && nll < Double.POSITIVE_INFINITY; j++) {
                if (w[j] == 0) {
                    continue;
                }
                double lam = 0;
                for (int c = 0; c < nc; c++) {
                    lam += f[c] * b[c][j];
                }
                nll = lam > 0 ? nll - w[j] * Math.log(lam) : Double.POSITIVE_INFINITY;
            }
            out[m] = nll;
        }
        return out;
    }
}
