package org.nsbi.stats.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nsbi.stats.likelihood.NonPositiveDensityException;
import org.nsbi.stats.likelihood.Nll;

/**
 * Profile-likelihood fits of an {@link Nll}: the global fit of (&mu;, &alpha;) in the allowed range, and the
 * conditional fit of &alpha; at a fixed &mu;.
 *
 * <p>The minimiser is a bounded Newton method with Levenberg&ndash;Marquardt damping on the analytic
 * Hessian: each step solves (H_FF + &lambda;D) &delta; = &minus;g_F over the free parameters F (those not held at
 * a bound by a gradient pointing outwards), is projected into the box, and is accepted if it lowers
 * the NLL; &lambda; shrinks after a success and grows after a failure. It stops when
 * edm = &frac12; g_F&#7488; H_FF&#8315;&sup1; g_F &lt; {@code edmTolerance} with H_FF positive definite. The systems are
 * at most (1+K)&times;(1+K) with K a handful, so a small Cholesky decomposition is written out here rather
 * than allocating a general solver per step.
 *
 * <p>The NLL in &mu; can have two minima (interference). The global fit therefore first scans the NLL
 * in &mu; at fixed &alpha; (a cheap evaluation, {@link Nll#valuesAtFixedAlpha}), and runs Newton from the
 * lowest local minimum of the scan, from any other local minimum within {@code secondStartWindow} of it,
 * and from the caller's start, keeping the lowest converged result. A fit that fails from every start
 * is reported FAILED with the reasons; it is never dropped or replaced.
 *
 * <p>Nuisance parameters are bounded to |&alpha;_k| &le; {@link #ALPHA_LIMIT}.
 */
public final class ProfileFitter {

    /** The nuisance parameters' bound: a fit that wants beyond 5&sigma; is not one to trust. */
    public static final double ALPHA_LIMIT = 5.0;

    private final double edmTolerance;
    private final int maxIterations;
    private final int scanPoints;
    private final double secondStartWindow;

    private ProfileFitter(double edmTolerance, int maxIterations, int scanPoints, double secondStartWindow) {
        this.edmTolerance = edmTolerance;
        this.maxIterations = maxIterations;
        this.scanPoints = scanPoints;
        this.secondStartWindow = secondStartWindow;
    }

    /** edm &lt; 1e-9, 100 iterations per start, a 17-point scan, second starts within 3 units of NLL. */
    public static ProfileFitter withDefaults() {
        return new ProfileFitter(1e-9, 100, 17, 3.0);
    }

    /** A copy with another number of scan points for the global fit's starts (&ge; 2). */
    public ProfileFitter withScanPoints(int points) {
        if (points < 2) {
            throw new IllegalArgumentException("scan points = " + points + "; expected at least 2");
        }
        return new ProfileFitter(edmTolerance, maxIterations, points, secondStartWindow);
    }

    /** The conditional fit at fixed &mu;, &alpha; started at the auxiliary measurements' region (0 clipped to bounds). */
    public FitResult conditional(Nll nll, double mu) {
        return conditional(nll, mu, new double[nll.dimension() - 1]);
    }

    /** The conditional fit at fixed &mu; from {@code alphaStart}; retried from &alpha; = 0 if it fails. */
    public FitResult conditional(Nll nll, double mu, double[] alphaStart) {
        checkMu(nll, mu);
        nll.countAs(Nll.Stage.CONDITIONAL);
        double[] start = new double[nll.dimension()];
        start[0] = nll.p(mu);
        System.arraycopy(alphaStart, 0, start, 1, alphaStart.length);
        boolean[] fixed = new boolean[nll.dimension()];
        fixed[0] = true;
        Minimum m = minimise(nll, start, fixed);
        int iterations = m.iterations;
        if (!m.converged && nll.dimension() > 1) {
            double[] zero = new double[nll.dimension()];
            zero[0] = start[0];
            Minimum retry = minimise(nll, zero, fixed);
            iterations += retry.iterations;
            if (retry.converged) {
                m = retry;
            } else {
                return FitResult.failed("conditional fit at mu = " + mu + " failed: " + m.message + "; retry from alpha = 0: "
                        + retry.message, iterations);
            }
        } else if (!m.converged) {
            return FitResult.failed("conditional fit at mu = " + mu + " failed: " + m.message, iterations);
        }
        return result(nll, m, iterations, "conditional");
    }

    /** The global fit, started from scan minima at &alpha; = 0. */
    public FitResult global(Nll nll) {
        return global(nll, null);
    }

    /**
     * The global fit of (&mu;, &alpha;). {@code start} (&mu; then &alpha;, may be null) is tried besides the
     * scan's minima; its &alpha; also sets the &alpha; of the scan.
     */
    public FitResult global(Nll nll, double[] start) {
        return global(nll, start, true);
    }

    /**
     * The global fit from the scan's minima only, the scan run at the nuisance parameters of {@code start}
     * (e.g. a conditional fit's &alpha;&#770;&#770;); cheaper than {@link #global(Nll, double[])} by one Newton run.
     */
    public FitResult globalFromScan(Nll nll, double[] start) {
        return global(nll, start, false);
    }

    private FitResult global(Nll nll, double[] start, boolean tryStart) {
        nll.countAs(Nll.Stage.GLOBAL);
        int dim = nll.dimension();
        double[] alpha = start == null ? new double[dim - 1] : Arrays.copyOfRange(start, 1, dim);
        List<double[]> starts = new ArrayList<>();
        for (double mu : scanStarts(nll, alpha)) {
            double[] s = new double[dim];
            s[0] = nll.p(mu);
            System.arraycopy(alpha, 0, s, 1, dim - 1);
            starts.add(s);
        }
        if (start != null && tryStart) {
            double[] s = start.clone();
            s[0] = nll.p(start[0]);
            starts.add(s);
        }
        Minimum best = null;
        int iterations = 0;
        List<String> failures = new ArrayList<>();
        for (double[] s : starts) {
            Minimum m = minimise(nll, s, new boolean[dim]);
            iterations += m.iterations;
            if (m.converged) {
                if (best == null || m.nll < best.nll) {
                    best = m;
                }
            } else {
                failures.add("from mu = " + nll.mu(s[0]) + ": " + m.message);
            }
        }
        if (best == null) {
            // last resort: every grid point of the scan, alpha = 0
            double[] zero = new double[dim - 1];
            for (double mu : grid(nll)) {
                double[] s = new double[dim];
                s[0] = nll.p(mu);
                Minimum m = minimise(nll, s, new boolean[dim]);
                iterations += m.iterations;
                if (m.converged && (best == null || m.nll < best.nll)) {
                    best = m;
                }
            }
            if (best == null) {
                return FitResult.failed("global fit failed from every start: " + String.join("; ", failures)
                        + "; and from every scan point at alpha = " + Arrays.toString(zero), iterations);
            }
        }
        return result(nll, best, iterations, "global");
    }

    private static void checkMu(Nll nll, double mu) {
        double lo = nll.model().muMin();
        double hi = nll.model().muMax();
        if (!(mu >= lo && mu <= hi)) {
            throw new IllegalArgumentException(nll.model().poi() + " = " + mu + " is outside the allowed range ["
                    + lo + ", " + hi + "]");
        }
    }

    private FitResult result(Nll nll, Minimum m, int iterations, String kind) {
        double[] alpha = Arrays.copyOfRange(m.x, 1, m.x.length);
        return new FitResult(nll.mu(m.x[0]), alpha, m.nll, FitStatus.CONVERGED, iterations, m.edm, kind);
    }

    /** The scan grid in &mu;: uniform in the fit variable between the bounds. */
    private double[] grid(Nll nll) {
        double lo = nll.p(nll.model().muMin());
        double hi = nll.p(nll.model().muMax());
        double[] mus = new double[scanPoints];
        for (int i = 0; i < scanPoints; i++) {
            mus[i] = nll.mu(lo + (hi - lo) * i / (scanPoints - 1));
        }
        mus[scanPoints - 1] = nll.model().muMax();
        return mus;
    }

    /** The local minima of the scan: the lowest, and others within the window of it. */
    private double[] scanStarts(Nll nll, double[] alpha) {
        double[] mus = grid(nll);
        double[] v = nll.valuesAtFixedAlpha(alpha, mus);
        List<Integer> minima = new ArrayList<>();
        for (int i = 0; i < mus.length; i++) {
            boolean left = i == 0 || v[i] <= v[i - 1];
            boolean right = i == mus.length - 1 || v[i] <= v[i + 1];
            if (left && right && Double.isFinite(v[i])) {
                minima.add(i);
            }
        }
        if (minima.isEmpty()) {
            return new double[] {mus[mus.length / 2]};
        }
        double lowest = minima.stream().mapToDouble(i -> v[i]).min().orElseThrow();
        return minima.stream().filter(i -> v[i] <= lowest + secondStartWindow).mapToDouble(i -> mus[i]).toArray();
    }

    /** A local minimum found by {@link #minimise}. */
    private record Minimum(double[] x, double nll, boolean converged, int iterations, double edm, String message) {
    }

    private Minimum minimise(Nll nll, double[] start, boolean[] fixed) {
        int d = nll.dimension();
        double[] lo = new double[d];
        double[] hi = new double[d];
        lo[0] = nll.p(nll.model().muMin());
        hi[0] = nll.p(nll.model().muMax());
        if (nll.scale() == Nll.Scale.MU) {
            lo[0] = nll.model().muMin();
        }
        for (int k = 1; k < d; k++) {
            lo[k] = -ALPHA_LIMIT;
            hi[k] = ALPHA_LIMIT;
        }
        double[] x = new double[d];
        for (int a = 0; a < d; a++) {
            x[a] = Math.min(hi[a], Math.max(lo[a], start[a]));
        }
        double[] g = new double[d];
        double[] h = new double[d * d];
        double f;
        try {
            f = nll.evaluate(x, g, h);
        } catch (NonPositiveDensityException e) {
            return new Minimum(x, Double.NaN, false, 0, Double.NaN, "at the start: " + e.getMessage());
        }
        double lambda = 0;
        int[] free = new int[d];
        double[] m = new double[d * d];
        double[] rhs = new double[d];
        double[] step = new double[d];
        double[] xNew = new double[d];
        double[] gNew = new double[d];
        double[] hNew = new double[d * d];
        String lastProblem = "no progress";
        for (int it = 1; it <= maxIterations; it++) {
            int nf = 0;
            for (int a = 0; a < d; a++) {
                boolean atLo = x[a] <= lo[a] && g[a] > 0;
                boolean atHi = x[a] >= hi[a] && g[a] < 0;
                if (!fixed[a] && !atLo && !atHi) {
                    free[nf++] = a;
                }
            }
            if (nf == 0) {
                return new Minimum(x, f, true, it, 0, "every parameter at a bound");
            }
            // edm at the current point, with the undamped Hessian
            double edm = Double.NaN;
            if (fillSystem(h, g, free, nf, d, 0, m, rhs) && cholesky(m, nf) ) {
                solve(m, nf, rhs, step);
                edm = 0;
                for (int i = 0; i < nf; i++) {
                    edm += 0.5 * rhs[i] * step[i];
                }
                if (edm < edmTolerance) {
                    return new Minimum(x, f, true, it, edm, null);
                }
            }
            boolean accepted = false;
            while (!accepted) {
                if (!fillSystem(h, g, free, nf, d, lambda, m, rhs) || !cholesky(m, nf)) {
                    lambda = lambda == 0 ? 1e-4 : lambda * 10;
                    if (lambda > 1e12) {
                        return new Minimum(x, f, false, it, edm, "the Hessian cannot be made positive definite");
                    }
                    continue;
                }
                solve(m, nf, rhs, step);
                System.arraycopy(x, 0, xNew, 0, d);
                for (int i = 0; i < nf; i++) {
                    int a = free[i];
                    xNew[a] = Math.min(hi[a], Math.max(lo[a], x[a] + step[i]));
                }
                double fNew;
                try {
                    fNew = nll.evaluate(xNew, gNew, hNew);
                } catch (NonPositiveDensityException e) {
                    fNew = Double.POSITIVE_INFINITY;
                    lastProblem = e.getMessage();
                }
                if (fNew <= f) {
                    accepted = true;
                    boolean stalled = f - fNew < 1e-14 * (1 + Math.abs(f));
                    System.arraycopy(xNew, 0, x, 0, d);
                    System.arraycopy(gNew, 0, g, 0, d);
                    System.arraycopy(hNew, 0, h, 0, d * d);
                    f = fNew;
                    lambda = lambda < 1e-6 ? 0 : lambda / 10;
                    if (stalled && !Double.isNaN(edm) && edm < 1e3 * edmTolerance) {
                        return new Minimum(x, f, true, it, edm, "stalled at the edm tolerance");
                    }
                } else {
                    lambda = lambda == 0 ? 1e-4 : lambda * 10;
                    if (lambda > 1e12) {
                        return new Minimum(x, f, false, it, edm, "no step lowers the NLL (" + lastProblem + ")");
                    }
                }
            }
        }
        return new Minimum(x, f, false, maxIterations, Double.NaN, "no convergence in " + maxIterations + " iterations");
    }

    /** m = H_FF + &lambda; diag(max(|H_ii|, 1e-3)), rhs = &minus;g_F. False if a value is not finite. */
    private static boolean fillSystem(double[] h, double[] g, int[] free, int nf, int d, double lambda, double[] m,
                                      double[] rhs) {
        for (int i = 0; i < nf; i++) {
            int a = free[i];
            rhs[i] = -g[a];
            for (int j = 0; j < nf; j++) {
                m[i * nf + j] = h[a * d + free[j]];
            }
            m[i * nf + i] += lambda * Math.max(Math.abs(h[a * d + a]), 1e-3);
            if (!Double.isFinite(rhs[i])) {
                return false;
            }
        }
        return true;
    }

    /** In-place Cholesky factor L (lower triangle) of an n&times;n matrix; false if not positive definite. */
    private static boolean cholesky(double[] m, int n) {
        for (int j = 0; j < n; j++) {
            double s = m[j * n + j];
            for (int k = 0; k < j; k++) {
                s -= m[j * n + k] * m[j * n + k];
            }
            if (!(s > 0)) {
                return false;
            }
            double l = Math.sqrt(s);
            m[j * n + j] = l;
            for (int i = j + 1; i < n; i++) {
                double t = m[i * n + j];
                for (int k = 0; k < j; k++) {
                    t -= m[i * n + k] * m[j * n + k];
                }
                m[i * n + j] = t / l;
            }
        }
        return true;
    }

    /** Solves L L&#7488; x = b with the factor from {@link #cholesky}. */
    private static void solve(double[] l, int n, double[] b, double[] x) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
    }
}
