package org.nsbi.stats.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nsbi.stats.likelihood.NonPositiveDensityException;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.likelihood.StructuredHessian;
import org.nsbi.stats.model.MixtureModel;

/**
 * Profile-likelihood fits of an {@link Nll}: the global fit of (&mu;, &alpha;) in the allowed range, and the
 * conditional fit of &alpha; at a fixed &mu;.
 *
 * <p>The minimiser is a bounded Newton method with Levenberg&ndash;Marquardt damping on the analytic
 * Hessian: each step solves (H_FF + &lambda;D) &delta; = &minus;g_F over the free parameters F (those not held at
 * a bound by a gradient pointing outwards), is projected into the box, and is accepted if it lowers
 * the NLL. Where H_FF is positive definite the step is a plain Newton step (&lambda; = 0); one that overshoots is
 * shortened along its own direction (up to {@value #MAX_BACKTRACKS} times, at the minimum of the parabola through
 * the NLL, its slope and the rejected value) before &lambda; grows; where H_FF is not, &lambda; grows until it is and
 * shrinks after each success. It stops when
 * edm = &frac12; g_F&#7488; H_FF&#8315;&sup1; g_F &lt; {@code edmTolerance} with H_FF positive definite, or, once edm is below
 * {@value #PREDICTED_EDM}, at the minimum the Newton model predicts ({@link #predicted}) without evaluating it. The Hessian comes in
 * the NLL's own layout ({@link Nll#newHessian}) and the systems are solved by {@link NewtonSystem}, which keeps
 * yield-only parameters out of any K&times;K matrix.
 *
 * <p>The NLL in &mu; can have two minima (interference). The global fit therefore first scans the NLL
 * in &mu; at fixed &alpha; (a cheap evaluation, {@link Nll#valuesAtFixedAlpha}), at &alpha; = 0 and, when the caller
 * gives a start, at the start's &alpha; (e.g. a conditional fit's &alpha;&#770;&#770;), and runs Newton from
 * <em>every</em> local minimum of both scans (the start's scan first). A run whose Newton step lands on a minimum
 * an earlier start converged to stops there ({@link #joins}): it would only find that minimum again, at the cost
 * of more evaluations. Of all starts it keeps the lowest converged result; if a start
 * that did not converge reached a lower NLL (by more than {@link #NLL_TOLERANCE}), it restarts from there, and
 * if that fails too the fit is FAILED. The conditional fit retries a failed start elsewhere: from the
 * auxiliary measurements, from &alpha; = 0, from the global fit's &alpha;&#770; when given, and with damping.
 * A fit that fails is reported FAILED with a {@link FailureReason} and the details; it is never dropped or
 * replaced by a plausible number.
 *
 * <p>The nuisance parameters are bounded to the model's ranges ({@link MixtureModel#alphaLow},
 * {@link MixtureModel#alphaHigh}, by default [&minus;5, 5]); a result says which ended on a bound.
 */
public final class ProfileFitter {

    /**
     * NLL differences below this are ties: a conditional NLL lower than the global one by less is the same
     * minimum (e.g. at the &mu; = 0 boundary), not a missed one.
     */
    public static final double NLL_TOLERANCE = 1e-7;

    /**
     * A rejected step is retried this many times along its own direction, shortened (parabolic interpolation,
     * 0.1 to 0.5 of the last length), before the damping grows.
     */
    private static final int MAX_BACKTRACKS = 2;

    /** Below this edm a run ends at the minimum its Newton model predicts ({@link #predicted}). */
    private static final double PREDICTED_EDM = 1e-7;

    /** A run joins a known minimum (see {@link #joins}) only once its edm is below this. */
    private static final double JOIN_EDM = 1;

    /** ... and its Newton step's target is within this fraction of its edm from the known minimum. */
    private static final double JOIN_DISTANCE = 1e-2;

    private final double edmTolerance;
    private final int maxIterations;
    private final int scanPoints;

    private ProfileFitter(double edmTolerance, int maxIterations, int scanPoints) {
        this.edmTolerance = edmTolerance;
        this.maxIterations = maxIterations;
        this.scanPoints = scanPoints;
    }

    /** edm &lt; 1e-9, 100 iterations per start, a 17-point scan. */
    public static ProfileFitter withDefaults() {
        return new ProfileFitter(1e-9, 100, 17);
    }

    /** A copy with another number of scan points for the global fit's starts (&ge; 2). */
    public ProfileFitter withScanPoints(int points) {
        if (points < 2) {
            throw new IllegalArgumentException("scan points = " + points + "; expected at least 2");
        }
        return new ProfileFitter(edmTolerance, maxIterations, points);
    }

    /** A copy with another iteration limit per start (&ge; 1). */
    public ProfileFitter withMaxIterations(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations = " + iterations + "; expected at least 1");
        }
        return new ProfileFitter(edmTolerance, iterations, scanPoints);
    }

    /** The settings that change results, for checkpoints' plans: a resume across a change is refused. */
    public String settings() {
        return "edm < " + edmTolerance + ", " + maxIterations + " iterations per start, " + scanPoints
                + " scan points, NLL tolerance " + NLL_TOLERANCE + ", " + MAX_BACKTRACKS + " backtracks per step, runs join"
                + " a known minimum at edm < " + JOIN_EDM + " within " + JOIN_DISTANCE + " edm, the model's minimum below edm "
                + PREDICTED_EDM;
    }

    /** The conditional fit at fixed &mu;, &alpha; started at &alpha; = 0 (then the retries). */
    public FitResult conditional(Nll nll, double mu) {
        return conditional(nll, mu, new double[nll.dimension() - 1], null);
    }

    /** The conditional fit at fixed &mu; from {@code alphaStart}, with the retries of {@link #conditional(Nll, double, double[], double[])}. */
    public FitResult conditional(Nll nll, double mu, double[] alphaStart) {
        return conditional(nll, mu, alphaStart, null);
    }

    /**
     * The conditional fit at fixed &mu; from {@code alphaStart}. If that start fails, it is retried from
     * starts that differ from it: the auxiliary measurements, &alpha; = 0, {@code alphaHat} (the global fit's,
     * may be null), and finally from {@code alphaStart} with strong initial damping.
     */
    public FitResult conditional(Nll nll, double mu, double[] alphaStart, double[] alphaHat) {
        checkMu(nll, mu);
        nll.countAs(Nll.Stage.CONDITIONAL);
        int dim = nll.dimension();
        Box box = box(nll);
        boolean[] fixed = new boolean[dim];
        fixed[0] = true;
        List<double[]> starts = new ArrayList<>();
        for (double[] a : new double[][] {alphaStart, nll.aux(), new double[dim - 1], alphaHat}) {
            if (a != null) {
                double[] s = new double[dim];
                s[0] = nll.p(mu);
                System.arraycopy(a, 0, s, 1, dim - 1);
                box.clip(s);
                if (starts.stream().noneMatch(x -> Arrays.equals(x, s))) {
                    starts.add(s);
                }
            }
        }
        List<Minimum> tried = new ArrayList<>();
        for (double[] s : starts) {
            Minimum m = minimise(nll, box, s, fixed, 0, List.of());
            tried.add(m);
            if (m.converged) {
                break;
            }
        }
        if (!tried.get(tried.size() - 1).converged && dim > 1) {
            tried.add(minimise(nll, box, starts.get(0), fixed, 1.0, List.of()));
        }
        return settle(nll, box, tried, fixed, "conditional fit at mu = " + mu);
    }

    /** The global fit, started from scan minima at &alpha; = 0. */
    public FitResult global(Nll nll) {
        return global(nll, null);
    }

    /**
     * The global fit of (&mu;, &alpha;). {@code start} (&mu; then &alpha;, may be null) is tried besides the
     * scans' minima; its &alpha; also sets the &alpha; of the second scan.
     */
    public FitResult global(Nll nll, double[] start) {
        return global(nll, start, true);
    }

    /**
     * The global fit from the scans' minima only, the second scan run at the nuisance parameters of
     * {@code start} (e.g. a conditional fit's &alpha;&#770;&#770;); cheaper than {@link #global(Nll, double[])} by one
     * Newton run.
     */
    public FitResult globalFromScan(Nll nll, double[] start) {
        return global(nll, start, false);
    }

    private FitResult global(Nll nll, double[] start, boolean tryStart) {
        nll.countAs(Nll.Stage.GLOBAL);
        int dim = nll.dimension();
        Box box = box(nll);
        List<double[]> alphas = new ArrayList<>();
        if (start != null && dim > 1) {
            alphas.add(Arrays.copyOfRange(start, 1, dim));
        }
        if (alphas.isEmpty() || !Arrays.equals(alphas.get(0), new double[dim - 1])) {
            alphas.add(new double[dim - 1]);
        }
        List<double[]> starts = new ArrayList<>();
        if (start != null && tryStart) {
            double[] s = start.clone();
            s[0] = nll.p(start[0]);
            box.clip(s);
            starts.add(s);
        }
        for (double[] alpha : alphas) {
            // the start's own mu joins the scan at its alpha: where it is the scan's minimum, the start is the
            // caller's point itself (e.g. the conditional fit's minimum, which the NLL remembers)
            double extra = start != null && alpha == alphas.get(0) ? start[0] : Double.NaN;
            for (double mu : scanMinima(nll, alpha, extra)) {
                double[] s = new double[dim];
                s[0] = nll.p(mu);
                System.arraycopy(alpha, 0, s, 1, dim - 1);
                box.clip(s);
                starts.add(s);
            }
        }
        boolean[] free = new boolean[dim];
        List<Minimum> tried = new ArrayList<>();
        for (double[] s : starts) {
            if (tried.stream().noneMatch(m -> Arrays.equals(m.start, s))) {
                tried.add(minimise(nll, box, s, free, 0, tried));
            }
        }
        if (tried.stream().noneMatch(m -> m.converged)) {
            // last resort: every grid point of the scan at alpha = 0
            for (double mu : grid(nll)) {
                double[] s = new double[dim];
                s[0] = nll.p(mu);
                box.clip(s);
                tried.add(minimise(nll, box, s, free, 0, tried));
            }
        }
        return settle(nll, box, tried, free, "global fit");
    }

    /**
     * The result of a fit's attempts: the lowest converged minimum, unless an attempt that did not converge
     * went lower by more than {@link #NLL_TOLERANCE}; then a restart from that point must converge, else the fit
     * is FAILED. Without any converged attempt, the same restart is the last chance.
     */
    private FitResult settle(Nll nll, Box box, List<Minimum> tried, boolean[] fixed, String what) {
        Minimum best = null;
        Minimum lowest = null;
        int iterations = 0;
        for (Minimum m : tried) {
            iterations += m.iterations;
            if (m.converged && (best == null || m.nll < best.nll)) {
                best = m;
            }
            if (!m.converged && Double.isFinite(m.nll) && (lowest == null || m.nll < lowest.nll)) {
                lowest = m;
            }
        }
        if (lowest != null && (best == null || lowest.nll < best.nll - NLL_TOLERANCE)) {
            Minimum again = minimise(nll, box, lowest.x, fixed, 0, List.of());
            tried.add(again);
            iterations += again.iterations;
            if (!again.converged) {
                FailureReason reason = best == null ? commonReason(tried) : again.reason;
                return FitResult.failed(reason, what + " failed: " + (best == null ? "no start converged"
                        : "a start that did not converge went below the best converged NLL " + best.nll + " by "
                        + (best.nll - lowest.nll)) + "; " + describe(nll, tried), iterations);
            }
            best = again;
        }
        if (best == null) {
            return FitResult.failed(commonReason(tried), what + " failed from every start: " + describe(nll, tried),
                    iterations);
        }
        double[] alpha = Arrays.copyOfRange(best.x, 1, best.x.length);
        boolean[] atBound = new boolean[alpha.length];
        for (int k = 0; k < alpha.length; k++) {
            atBound[k] = best.x[k + 1] <= box.lo[k + 1] || best.x[k + 1] >= box.hi[k + 1];
        }
        return new FitResult(nll.mu(best.x[0]), alpha, best.nll, FitStatus.CONVERGED, iterations, best.edm,
                what.startsWith("global") ? "global" : "conditional", null, atBound);
    }

    /** The reason all failed attempts share, or {@link FailureReason#NO_START_CONVERGED} if they differ. */
    private static FailureReason commonReason(List<Minimum> tried) {
        FailureReason r = null;
        for (Minimum m : tried) {
            if (!m.converged) {
                if (r != null && r != m.reason) {
                    return FailureReason.NO_START_CONVERGED;
                }
                r = m.reason;
            }
        }
        return r == null ? FailureReason.NO_START_CONVERGED : r;
    }

    private static String describe(Nll nll, List<Minimum> tried) {
        List<String> parts = new ArrayList<>();
        for (Minimum m : tried) {
            if (!m.converged) {
                parts.add("from (" + nll.mu(m.start[0]) + ", " + Arrays.toString(Arrays.copyOfRange(m.start, 1, m.start.length))
                        + "): " + m.message);
            }
        }
        return String.join("; ", parts);
    }

    private static void checkMu(Nll nll, double mu) {
        double lo = nll.model().muMin();
        double hi = nll.model().muMax();
        if (!(mu >= lo && mu <= hi)) {
            throw new IllegalArgumentException(nll.model().poi() + " = " + mu + " is outside the allowed range ["
                    + lo + ", " + hi + "]");
        }
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

    /**
     * Every local minimum of the scan at fixed &alpha; over the grid and {@code extraMu} (NaN: none); the middle of the
     * grid if the scan has no finite value.
     */
    private double[] scanMinima(Nll nll, double[] alpha, double extraMu) {
        double[] mus = grid(nll);
        if (extraMu >= mus[0] && extraMu <= mus[mus.length - 1] && Arrays.binarySearch(mus, extraMu) < 0) {
            int at = -1 - Arrays.binarySearch(mus, extraMu);
            double[] with = new double[mus.length + 1];
            System.arraycopy(mus, 0, with, 0, at);
            with[at] = extraMu;
            System.arraycopy(mus, at, with, at + 1, mus.length - at);
            mus = with;
        }
        double[] v = nll.valuesAtFixedAlpha(alpha, mus);
        List<Double> minima = new ArrayList<>();
        for (int i = 0; i < mus.length; i++) {
            boolean left = i == 0 || v[i] <= v[i - 1] || !Double.isFinite(v[i - 1]);
            boolean right = i == mus.length - 1 || v[i] <= v[i + 1] || !Double.isFinite(v[i + 1]);
            if (left && right && Double.isFinite(v[i])) {
                minima.add(mus[i]);
            }
        }
        if (minima.isEmpty()) {
            return new double[] {mus[mus.length / 2]};
        }
        return minima.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The box of the fit variables: the POI's range in the fit variable, the nuisance parameters' bounds. */
    private record Box(double[] lo, double[] hi) {
        void clip(double[] x) {
            for (int a = 0; a < x.length; a++) {
                x[a] = Math.min(hi[a], Math.max(lo[a], x[a]));
            }
        }
    }

    private static Box box(Nll nll) {
        int d = nll.dimension();
        double[] lo = new double[d];
        double[] hi = new double[d];
        lo[0] = nll.scale() == Nll.Scale.MU ? nll.model().muMin() : nll.p(nll.model().muMin());
        hi[0] = nll.p(nll.model().muMax());
        for (int k = 1; k < d; k++) {
            lo[k] = nll.model().alphaLow(k - 1);
            hi[k] = nll.model().alphaHigh(k - 1);
        }
        return new Box(lo, hi);
    }

    /** A local minimum found by {@link #minimise}, or where it stopped (the lowest point it reached) and why. */
    private record Minimum(double[] start, double[] x, double nll, boolean converged, int iterations, double edm,
                           String message, FailureReason reason) {
        static Minimum converged(double[] start, double[] x, double nll, int iterations, double edm) {
            return new Minimum(start, x.clone(), nll, true, iterations, edm, null, null);
        }

        /** A run stopped on its way to {@code known}, a minimum another start converged to. */
        static Minimum joined(double[] start, Minimum known, int iterations) {
            return new Minimum(start, known.x, known.nll, true, iterations, known.edm, null, null);
        }

        static Minimum failed(double[] start, double[] x, double nll, int iterations, double edm, FailureReason reason,
                              String message) {
            return new Minimum(start, x.clone(), nll, false, iterations, edm, message, reason);
        }
    }

    /**
     * Newton from {@code start} (inside the box) with initial damping {@code lambda0}. A run whose Newton step lands
     * on a converged minimum of {@code known} (another start's) stops there: see {@link #joins}.
     */
    private Minimum minimise(Nll nll, Box box, double[] start, boolean[] fixed, double lambda0, List<Minimum> known) {
        int d = nll.dimension();
        double[] lo = box.lo;
        double[] hi = box.hi;
        double[] x = start.clone();
        box.clip(x);
        double[] g = new double[d];
        StructuredHessian h = nll.newHessian();
        double f;
        try {
            f = nll.evaluateStructured(x, g, h);
        } catch (NonPositiveDensityException e) {
            return Minimum.failed(start, x, Double.NaN, 0, Double.NaN, FailureReason.NON_POSITIVE_DENSITY,
                    "at the start: " + e.getMessage());
        }
        double lambda = lambda0;
        int[] free = new int[d];
        NewtonSystem system = new NewtonSystem(h);
        double[] rhs = new double[d];
        double[] step = new double[d];
        double[] xNew = new double[d];
        double[] gNew = new double[d];
        StructuredHessian hNew = h.like();
        String lastProblem = null;
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
                return Minimum.converged(start, x, f, it, 0);
            }
            // edm at the current point, with the undamped Hessian
            double edm = Double.NaN;
            // with lambda = 0 the damped system below is this one: its factor and step are reused, not redone
            boolean undamped = gradient(g, free, nf, rhs) && system.factor(h, free, nf, 0);
            if (undamped) {
                system.solve(rhs, step);
                edm = 0;
                for (int i = 0; i < nf; i++) {
                    edm += 0.5 * rhs[i] * step[i];
                }
                if (edm < edmTolerance) {
                    return Minimum.converged(start, x, f, it, edm);
                }
                if (edm < PREDICTED_EDM && lambda0 == 0) {
                    Minimum predicted = predicted(start, x, f, step, free, nf, box, it, edm);
                    if (predicted != null) {
                        return predicted;
                    }
                }
                Minimum same = joins(known, x, step, free, nf, h, box, edm);
                if (same != null) {
                    return Minimum.joined(start, same, it);
                }
            }
            if (!Double.isNaN(edm) && lambda0 == 0) {
                lambda = 0; // the Hessian is positive definite: a Newton step first, shortened if it overshoots
            }
            boolean accepted = false;
            while (!accepted) {
                boolean factored = lambda == 0 ? undamped : gradient(g, free, nf, rhs) && system.factor(h, free, nf, lambda);
                if (!factored) {
                    lambda = lambda == 0 ? 1e-4 : lambda * 10;
                    if (lambda > 1e12) {
                        return Minimum.failed(start, x, f, it, edm, FailureReason.HESSIAN_NOT_POSITIVE_DEFINITE,
                                "the Hessian cannot be made positive definite");
                    }
                    continue;
                }
                if (lambda != 0) {
                    system.solve(rhs, step);
                }
                System.arraycopy(x, 0, xNew, 0, d);
                double slope = 0;
                for (int i = 0; i < nf; i++) {
                    int a = free[i];
                    xNew[a] = Math.min(hi[a], Math.max(lo[a], x[a] + step[i]));
                    slope += g[a] * (xNew[a] - x[a]);
                }
                double fNew = Double.POSITIVE_INFINITY;
                double t = 1;
                for (int back = 0; back <= MAX_BACKTRACKS; back++) {
                    if (back > 0) {
                        // along the same projected step: the minimum of the parabola through f, the slope and fNew
                        double tNext = Double.isFinite(fNew) ? -slope * t * t / (2 * (fNew - f - slope * t)) : 0.5 * t;
                        tNext = Math.min(0.5 * t, Math.max(0.1 * t, tNext));
                        for (int i = 0; i < nf; i++) {
                            int a = free[i];
                            xNew[a] = x[a] + tNext / t * (xNew[a] - x[a]);
                        }
                        t = tNext;
                    }
                    try {
                        fNew = nll.evaluateStructured(xNew, gNew, hNew);
                    } catch (NonPositiveDensityException e) {
                        fNew = Double.POSITIVE_INFINITY;
                        lastProblem = e.getMessage();
                    }
                    if (fNew <= f || !(slope < 0)) {
                        break;
                    }
                }
                if (fNew <= f) {
                    accepted = true;
                    boolean stalled = f - fNew < 1e-14 * (1 + Math.abs(f));
                    System.arraycopy(xNew, 0, x, 0, d);
                    System.arraycopy(gNew, 0, g, 0, d);
                    StructuredHessian swap = h;
                    h = hNew;
                    hNew = swap;
                    f = fNew;
                    lambda = lambda < 1e-6 ? 0 : lambda / 10;
                    if (stalled && !Double.isNaN(edm) && edm < 1e3 * edmTolerance) {
                        return Minimum.converged(start, x, f, it, edm);
                    }
                } else {
                    lambda = lambda == 0 ? 1e-4 : lambda * 10;
                    if (lambda > 1e12) {
                        return lastProblem == null
                                ? Minimum.failed(start, x, f, it, edm, FailureReason.NO_DESCENT, "no step lowers the NLL")
                                : Minimum.failed(start, x, f, it, edm, FailureReason.NON_POSITIVE_DENSITY,
                                        "no step lowers the NLL (" + lastProblem + ")");
                    }
                }
            }
        }
        return Minimum.failed(start, x, f, maxIterations, Double.NaN, FailureReason.ITERATION_LIMIT,
                "no convergence in " + maxIterations + " iterations");
    }

    /**
     * The converged minimum of {@code known} this run is bound for, or null: near a minimum (edm &lt; {@value #JOIN_EDM}),
     * the undamped Newton step from x lands within H-distance &frac12;(y &minus; x*)&#7488;H_FF(y &minus; x*) &lt;
     * {@value #JOIN_DISTANCE} &middot; edm of x* (the step's target is much nearer x* than x is, the mark of x* being the
     * minimum its quadratic model points at), and the held parameters equal x*'s. Continuing would converge to x*
     * (within the edm tolerance) at the cost of more evaluations.
     */
    private static Minimum joins(List<Minimum> known, double[] x, double[] step, int[] free, int nf, StructuredHessian h,
                                 Box box, double edm) {
        if (!(edm < JOIN_EDM)) {
            return null;
        }
        double[] y = x.clone();
        for (int i = 0; i < nf; i++) {
            int a = free[i];
            y[a] = Math.min(box.hi[a], Math.max(box.lo[a], x[a] + step[i]));
        }
        for (Minimum m : known) {
            if (!m.converged || !heldEqual(y, m.x, free, nf)) {
                continue;
            }
            double[] v = new double[y.length];
            for (int i = 0; i < nf; i++) {
                v[free[i]] = y[free[i]] - m.x[free[i]];
            }
            if (0.5 * h.quadraticForm(v) < JOIN_DISTANCE * edm) {
                return m;
            }
        }
        return null;
    }

    /** True when y and z agree on every parameter that is not free. */
    private static boolean heldEqual(double[] y, double[] z, int[] free, int nf) {
        int i = 0;
        for (int a = 0; a < y.length; a++) {
            if (i < nf && free[i] == a) {
                i++;
            } else if (y[a] != z[a]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The minimum as the Newton model at x predicts it, x + &delta; with NLL f &minus; edm, when edm is below
     * {@value #PREDICTED_EDM}: the model's error there is O(edm<sup>3/2</sup>), far below the tolerances t is judged
     * by, and the evaluation at x + &delta; that would only confirm it is saved. Null if the step leaves the box.
     */
    private static Minimum predicted(double[] start, double[] x, double f, double[] step, int[] free, int nf, Box box,
                                     int it, double edm) {
        double[] y = x.clone();
        for (int i = 0; i < nf; i++) {
            int a = free[i];
            y[a] = x[a] + step[i];
            if (y[a] < box.lo[a] || y[a] > box.hi[a]) {
                return null;
            }
        }
        return Minimum.converged(start, y, f - edm, it, edm);
    }

    /** rhs = &minus;g_F; false if a value is not finite. The system (H_FF + &lambda;&Delta;) &delta; = rhs is {@link NewtonSystem}'s. */
    private static boolean gradient(double[] g, int[] free, int nf, double[] rhs) {
        for (int i = 0; i < nf; i++) {
            rhs[i] = -g[free[i]];
            if (!Double.isFinite(rhs[i])) {
                return false;
            }
        }
        return true;
    }
}
