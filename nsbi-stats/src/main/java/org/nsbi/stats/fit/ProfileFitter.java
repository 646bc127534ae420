package org.nsbi.stats.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nsbi.stats.likelihood.NonPositiveDensityException;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.likelihood.StructuredHessian;
import org.nsbi.stats.likelihood.YieldBlock;
import org.nsbi.stats.fit.FitWorkspace.Run;
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
 * {@value #PREDICTED_EDM}, at the minimum the Newton model predicts ({@link #predicted}) without evaluating it. A step likely to
 * end the run (its edm, predicted from the run's quadratic convergence, tiny: {@link #likelyEnd}) is evaluated with the value
 * and gradient only, and its point judged with the Hessian of the point before ({@link #endsWithout}); only if the run goes
 * on is the Hessian there evaluated too (an evaluation without the Hessian costs about 0.6 of one with it). Judging a point
 * far from its own Hessian's, e.g. with the Hessian of a known minimum it seems bound for, was tried and dropped: between
 * two close minima (interference in &mu;) such runs joined the higher one. The Hessian comes in
 * the NLL's own layout ({@link Nll#newHessian}) and the systems are solved by {@link NewtonSystem}, which keeps
 * yield-only parameters out of any K&times;K matrix. A run from a start with every shape parameter at 0 (&alpha; = 0, the
 * scan at &alpha; = 0) first takes one Newton step in the yield-only parameters alone, from a pass of the cheap
 * {@link YieldBlock} ({@link #yieldFirst}), where the yield-only parameters are many and that pass cheap beside a full
 * evaluation.
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

    /**
     * Where H_FF is not positive definite (its undamped factor fails), the damping first tried: &lambda; times the diagonal's
     * magnitudes, grown tenfold until the factor succeeds. From 10&#8315;&#8308; (the damping after a rejected step) it took about
     * four factors to reach the &lambda; of 0.01 to 1 (mostly 0.1) at which an indefinite Hessian of the kscan's 10 + 90 toys
     * factors, and the first damped step, at the least such &lambda;, often overshot; from 0.3 most such iterations factor at
     * once, with fewer evaluations per toy (README, issue 14, kfit13).
     */
    private static final double INDEFINITE_DAMPING = 0.3;

    /** Below this edm a run ends at the minimum its Newton model predicts ({@link #predicted}). */
    private static final double PREDICTED_EDM = 1e-6;

    /** A run joins a known minimum (see {@link #joins}) only once its edm is below this. */
    private static final double JOIN_EDM = 1;

    /** ... and its Newton step's target is within this fraction of its edm from the known minimum. */
    private static final double JOIN_DISTANCE = 1e-1;

    /**
     * A run ends at the minimum predicted with the Hessian of the point before ({@link #endsWithout}) only if the
     * estimated error of that model's minimum, &epsilon;&middot;edm, is below this (the error of {@link #predicted} at edm =
     * {@value #PREDICTED_EDM} is O({@value #PREDICTED_EDM}<sup>3/2</sup>)).
     */
    private static final double STALE_MODEL_ERROR = 1e-9;

    /**
     * The yield-only first step ({@link #yieldFirst}) is taken where a pass of the yield-only block is estimated to cost at most
     * this fraction of a full evaluation ({@link YieldBlock#relativeCost}) and the yield-only parameters outnumber the others.
     * Its saving grows with the yield-only block: at 10 + 90 (0.11, measured 0.20) about half an evaluation with the Hessian
     * per run it applies to, CPU per toy 0.97&times;; at 1 + 2 (0.54, measured 0.40) the pass cost more than it saved (CPU per toy
     * 1.05&times;, bench/kscan-against.sh); on the off-shell toy (one yield-only parameter beside three others; 0.20, measured
     * 0.26) it saved 0.16 of an evaluation per pass, CPU per toy 1.035&times; (bench/fit-evaluations.sh).
     */
    private static final double YIELD_FIRST_COST = 0.25;


    private final double edmTolerance;
    private final int maxIterations;
    private final int scanPoints;
    private final boolean gradientFirst;
    private final boolean handoff;
    private final boolean yieldFirst;

    private ProfileFitter(double edmTolerance, int maxIterations, int scanPoints, boolean gradientFirst, boolean handoff,
                          boolean yieldFirst) {
        this.edmTolerance = edmTolerance;
        this.maxIterations = maxIterations;
        this.scanPoints = scanPoints;
        this.gradientFirst = gradientFirst;
        this.handoff = handoff;
        this.yieldFirst = yieldFirst;
    }

    /** edm &lt; 1e-9, 100 iterations per start, a 17-point scan, steps likely to end a run evaluated gradient first. */
    public static ProfileFitter withDefaults() {
        return new ProfileFitter(1e-9, 100, 17, true, true, true);
    }

    /** A copy with another number of scan points for the global fit's starts (&ge; 2). */
    public ProfileFitter withScanPoints(int points) {
        if (points < 2) {
            throw new IllegalArgumentException("scan points = " + points + "; expected at least 2");
        }
        return new ProfileFitter(edmTolerance, maxIterations, points, gradientFirst, handoff, yieldFirst);
    }

    /** A copy with another iteration limit per start (&ge; 1). */
    public ProfileFitter withMaxIterations(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations = " + iterations + "; expected at least 1");
        }
        return new ProfileFitter(edmTolerance, iterations, scanPoints, gradientFirst, handoff, yieldFirst);
    }

    /**
     * A copy that evaluates a step likely to end its run with the value and gradient first ({@code true}, the default;
     * see {@link #endsWithout}), or always with the Hessian ({@code false}: for benchmarks that measure the difference).
     */
    public ProfileFitter withGradientFirst(boolean on) {
        return new ProfileFitter(edmTolerance, maxIterations, scanPoints, on, handoff, yieldFirst);
    }

    /**
     * A copy whose global fit started at the minimum of the conditional fit just done starts at the last point that fit
     * evaluated with the Hessian instead ({@code true}, the default: the NLL remembers that point, so it costs no
     * evaluation), or at the minimum itself ({@code false}: for benchmarks that measure the difference).
     */
    public ProfileFitter withHandoff(boolean on) {
        return new ProfileFitter(edmTolerance, maxIterations, scanPoints, gradientFirst, on, yieldFirst);
    }

    /**
     * A copy whose Newton runs first move the yield-only parameters alone ({@code true}, the default; see {@link #yieldFirst}),
     * or start with a full Newton step ({@code false}: for benchmarks that measure the difference).
     */
    public ProfileFitter withYieldFirst(boolean on) {
        return new ProfileFitter(edmTolerance, maxIterations, scanPoints, gradientFirst, handoff, on);
    }

    /** The settings that change results, for checkpoints' plans: a resume across a change is refused. */
    public String settings() {
        return "edm < " + edmTolerance + ", " + maxIterations + " iterations per start, " + scanPoints
                + " scan points, NLL tolerance " + NLL_TOLERANCE + ", " + MAX_BACKTRACKS + " backtracks per step, damping from "
                + INDEFINITE_DAMPING + " where the Hessian is not positive definite, runs join"
                + " a known minimum at edm < " + JOIN_EDM + " within " + JOIN_DISTANCE + " edm, the model's minimum below edm "
                + PREDICTED_EDM + (gradientFirst ? ", steps likely to end a run evaluated gradient first (the model's minimum with"
                + " the Hessian before at an estimated error below " + STALE_MODEL_ERROR + ")" : "")
                + (handoff ? ", the global fit from the conditional minimum starts at its last point evaluated with the Hessian" : "")
                + (yieldFirst ? ", runs from a start with the shape parameters at 0 begin with a Newton step of the yield-only"
                + " parameters alone where they outnumber the others and a pass of their block costs at most " + YIELD_FIRST_COST
                + " of an evaluation" : "");
    }

    /** The conditional fit at fixed &mu;, &alpha; started at &alpha; = 0 (then the retries). */
    public FitResult conditional(Nll nll, double mu) {
        return conditional(nll, mu, null, null);
    }

    /** The conditional fit at fixed &mu; from {@code alphaStart}, with the retries of {@link #conditional(Nll, double, double[], double[])}. */
    public FitResult conditional(Nll nll, double mu, double[] alphaStart) {
        return conditional(nll, mu, alphaStart, null);
    }

    /**
     * The conditional fit at fixed &mu; from {@code alphaStart} (null: &alpha; = 0). If that start fails, it is retried from
     * starts that differ from it: the auxiliary measurements, &alpha; = 0, {@code alphaHat} (the global fit's,
     * may be null), and finally from {@code alphaStart} with strong initial damping.
     */
    public FitResult conditional(Nll nll, double mu, double[] alphaStart, double[] alphaHat) {
        checkMu(nll, mu);
        nll.countAs(Nll.Stage.CONDITIONAL);
        FitWorkspace w = FitWorkspace.acquire(nll, scanPoints);
        try {
            return conditional(nll, w, mu, alphaStart, alphaHat);
        } finally {
            w.release();
        }
    }

    private FitResult conditional(Nll nll, FitWorkspace w, double mu, double[] alphaStart, double[] alphaHat) {
        int dim = nll.dimension();
        nll.auxInto(w.aux);
        for (int which = 0; which < 4; which++) {
            double[] a = which == 0 ? (alphaStart == null ? w.zeros : alphaStart) : which == 1 ? w.aux : which == 2 ? w.zeros
                    : alphaHat;
            if (a != null) {
                double[] s = w.newStart();
                s[0] = nll.p(mu);
                System.arraycopy(a, 0, s, 1, dim - 1);
                w.clip(s);
                for (int i = 0; i < w.startCount - 1; i++) {
                    if (FitWorkspace.same(w.starts[i], s)) {
                        w.dropStart();
                        break;
                    }
                }
            }
        }
        for (int i = 0; i < w.startCount; i++) {
            if (minimise(nll, w, w.starts[i], w.muHeld, 0, 0).converged) {
                break;
            }
        }
        if (!w.run(w.runCount - 1).converged && dim > 1) {
            minimise(nll, w, w.starts[0], w.muHeld, 1.0, 0);
        }
        return settle(nll, w, w.muHeld, mu);
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
        FitWorkspace w = FitWorkspace.acquire(nll, scanPoints);
        try {
            return global(nll, w, start, tryStart);
        } finally {
            w.release();
        }
    }

    private FitResult global(Nll nll, FitWorkspace w, double[] start, boolean tryStart) {
        int dim = nll.dimension();
        // the scans' alphas: the start's (when given), then 0 unless the start's is 0
        boolean startAlpha = start != null && dim > 1;
        if (startAlpha) {
            System.arraycopy(start, 1, w.alphaOfStart, 0, dim - 1);
        }
        boolean zeroAlpha = !startAlpha || !FitWorkspace.same(w.alphaOfStart, w.zeros);
        if (start != null && tryStart) {
            double[] s = w.newStart();
            System.arraycopy(start, 0, s, 0, dim);
            s[0] = nll.p(start[0]);
            w.clip(s);
        }
        for (int which = 0; which < 2; which++) {
            if (which == 0 ? !startAlpha : !zeroAlpha) {
                continue;
            }
            double[] alpha = which == 0 ? w.alphaOfStart : w.zeros;
            // the start's own mu joins the scan at its alpha (the first scan): where it is the scan's minimum, the start
            // is the caller's point itself (e.g. the conditional fit's minimum, which the NLL remembers)
            boolean first = which == 0 || !startAlpha;
            int minima = scanMinima(nll, w, alpha, start != null && first ? start[0] : Double.NaN);
            for (int i = 0; i < minima; i++) {
                double[] s = w.newStart();
                s[0] = nll.p(w.minima[i]);
                System.arraycopy(alpha, 0, s, 1, dim - 1);
                w.clip(s);
                if (handoff) {
                    // the conditional minimum just found (the scan's minimum at its alpha is its mu): the last point that fit
                    // evaluated with the Hessian instead, which the NLL remembers; not for the caller's own start above
                    // (TestStatistic's refit from a conditional minimum below the global one starts there exactly)
                    w.handOff(s);
                }
            }
        }
        for (int i = 0; i < w.startCount; i++) {
            if (!w.triedFrom(w.starts[i])) {
                minimise(nll, w, w.starts[i], w.noneHeld, 0, w.runCount);
            }
        }
        if (!anyConverged(w)) {
            // last resort: every grid point of the scan at alpha = 0
            double[] grid = grid(nll, w);
            for (double mu : grid) {
                double[] s = w.newStart();
                System.arraycopy(w.zeros, 0, s, 1, dim - 1);
                s[0] = nll.p(mu);
                w.clip(s);
                minimise(nll, w, s, w.noneHeld, 0, w.runCount);
            }
        }
        return settle(nll, w, w.noneHeld, Double.NaN);
    }

    private static boolean anyConverged(FitWorkspace w) {
        for (int i = 0; i < w.runCount; i++) {
            if (w.run(i).converged) {
                return true;
            }
        }
        return false;
    }

    /**
     * The result of a fit's runs: the lowest converged minimum, unless a run that did not converge went lower by more
     * than {@link #NLL_TOLERANCE}; then a restart from that point must converge, else the fit is FAILED. Without any
     * converged run, the same restart is the last chance. {@code mu}: the conditional fit's, NaN for the global fit.
     */
    private FitResult settle(Nll nll, FitWorkspace w, boolean[] held, double mu) {
        Run best = null;
        Run lowest = null;
        int iterations = 0;
        for (int i = 0; i < w.runCount; i++) {
            Run m = w.run(i);
            iterations += m.iterations;
            if (m.converged && (best == null || m.nll < best.nll)) {
                best = m;
            }
            if (!m.converged && Double.isFinite(m.nll) && (lowest == null || m.nll < lowest.nll)) {
                lowest = m;
            }
        }
        if (lowest != null && (best == null || lowest.nll < best.nll - NLL_TOLERANCE)) {
            Run again = minimise(nll, w, lowest.x, held, 0, 0);
            iterations += again.iterations;
            if (!again.converged) {
                FailureReason reason = best == null ? commonReason(w) : again.reason;
                return FitResult.failed(reason, what(mu) + " failed: " + (best == null ? "no start converged"
                        : "a start that did not converge went below the best converged NLL " + best.nll + " by "
                        + (best.nll - lowest.nll)) + "; " + describe(nll, w), iterations);
            }
            best = again;
        }
        if (best == null) {
            return FitResult.failed(commonReason(w), what(mu) + " failed from every start: " + describe(nll, w), iterations);
        }
        if (!Double.isNaN(mu)) {
            if (handoff) {
                w.keepHandoff(best);
            } else {
                w.hasHandoff = false;
            }
        }
        // the workspace's arrays: the result copies them
        double[] alpha = w.alphaOut;
        boolean[] atBound = w.atBoundOut;
        for (int k = 0; k < alpha.length; k++) {
            alpha[k] = best.x[k + 1];
            atBound[k] = best.x[k + 1] <= w.lo[k + 1] || best.x[k + 1] >= w.hi[k + 1];
        }
        return new FitResult(nll.mu(best.x[0]), alpha, best.nll, FitStatus.CONVERGED, iterations, best.edm,
                Double.isNaN(mu) ? "global" : "conditional", null, atBound);
    }

    private static String what(double mu) {
        return Double.isNaN(mu) ? "global fit" : "conditional fit at mu = " + mu;
    }

    /** The reason all failed runs share, or {@link FailureReason#NO_START_CONVERGED} if they differ. */
    private static FailureReason commonReason(FitWorkspace w) {
        FailureReason r = null;
        for (int i = 0; i < w.runCount; i++) {
            Run m = w.run(i);
            if (!m.converged) {
                if (r != null && r != m.reason) {
                    return FailureReason.NO_START_CONVERGED;
                }
                r = m.reason;
            }
        }
        return r == null ? FailureReason.NO_START_CONVERGED : r;
    }

    private static String describe(Nll nll, FitWorkspace w) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < w.runCount; i++) {
            Run m = w.run(i);
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

    /** The scan grid in &mu; (the workspace's): uniform in the fit variable between the bounds. */
    private double[] grid(Nll nll, FitWorkspace w) {
        double lo = nll.p(nll.model().muMin());
        double hi = nll.p(nll.model().muMax());
        double[] mus = w.grid;
        for (int i = 0; i < scanPoints; i++) {
            mus[i] = nll.mu(lo + (hi - lo) * i / (scanPoints - 1));
        }
        mus[scanPoints - 1] = nll.model().muMax();
        return mus;
    }

    /**
     * Every local minimum of the scan at fixed &alpha; over the grid and {@code extraMu} (NaN: none), into the
     * workspace's minima; the middle of the grid if the scan has no finite value. Returns their number.
     */
    private int scanMinima(Nll nll, FitWorkspace w, double[] alpha, double extraMu) {
        double[] mus = grid(nll, w);
        if (extraMu >= mus[0] && extraMu <= mus[mus.length - 1] && Arrays.binarySearch(mus, extraMu) < 0) {
            int at = -1 - Arrays.binarySearch(mus, extraMu);
            double[] with = w.gridPlus;
            System.arraycopy(mus, 0, with, 0, at);
            with[at] = extraMu;
            System.arraycopy(mus, at, with, at + 1, mus.length - at);
            mus = with;
        }
        double[] v = w.values;
        nll.valuesAtFixedAlpha(alpha, mus, v);
        int minima = 0;
        for (int i = 0; i < mus.length; i++) {
            boolean left = i == 0 || v[i] <= v[i - 1] || !Double.isFinite(v[i - 1]);
            boolean right = i == mus.length - 1 || v[i] <= v[i + 1] || !Double.isFinite(v[i + 1]);
            if (left && right && Double.isFinite(v[i])) {
                w.minima[minima++] = mus[i];
            }
        }
        if (minima == 0) {
            w.minima[minima++] = mus[mus.length / 2];
        }
        return minima;
    }

    /**
     * Newton from {@code start} (clipped into the box) with initial damping {@code lambda0}, as the workspace's next
     * run. A run whose Newton step lands on a converged minimum of the fit's first {@code known} runs (other starts')
     * stops there: see {@link #joins}.
     */
    private Run minimise(Nll nll, FitWorkspace w, double[] start, boolean[] fixed, double lambda0, int known) {
        Run run = search(nll, w, start, fixed, lambda0, known);
        // the run's current point is always one evaluated with the Hessian (a point evaluated without it is either where
        // the run ends or evaluated with it before the run moves there)
        System.arraycopy(w.x, 0, run.lastEvaluated, 0, w.x.length);
        return run;
    }

    /** {@link #minimise} but for the run's last point evaluated with the Hessian. */
    private Run search(Nll nll, FitWorkspace w, double[] start, boolean[] fixed, double lambda0, int known) {
        Run run = w.newRun();
        System.arraycopy(start, 0, run.start, 0, start.length);
        int d = nll.dimension();
        double[] lo = w.lo;
        double[] hi = w.hi;
        double[] x = w.x;
        System.arraycopy(start, 0, x, 0, d);
        w.clip(x);
        double[] g = w.g;
        StructuredHessian h = w.h;
        double f;
        try {
            f = yieldFirst && lambda0 == 0 ? yieldFirst(nll, w, x, fixed) : Double.NaN;
            if (Double.isNaN(f)) {
                f = nll.evaluateStructured(x, g, h);
            }
        } catch (NonPositiveDensityException e) {
            return run.failed(x, Double.NaN, 0, Double.NaN, FailureReason.NON_POSITIVE_DENSITY,
                    "at the start: " + e.getMessage());
        }
        double lambda = lambda0;
        int[] free = w.free;
        NewtonSystem system = w.system;
        system.reset();
        double[] rhs = w.rhs;
        double[] step = w.step;
        double[] xNew = w.xNew;
        double[] gNew = w.gNew;
        StructuredHessian hNew = w.hNew;
        String lastProblem = null;
        double edmBefore = Double.NaN;
        for (int it = 1; it <= maxIterations; it++) {
            int nf = freeSet(w, x, g, fixed, free);
            if (nf == 0) {
                return run.converged(x, f, it, 0);
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
                    return run.converged(x, f, it, edm);
                }
                if (edm < PREDICTED_EDM && lambda0 == 0 && predicted(w, x, step, free, nf)) {
                    return run.converged(w.y, f - edm, it, edm);
                }
                Run same = joins(w, known, x, step, free, nf, h, edm);
                if (same != null) {
                    return run.joined(same, it);
                }
            }
            if (!Double.isNaN(edm) && lambda0 == 0) {
                lambda = 0; // the Hessian is positive definite: a Newton step first, shortened if it overshoots
            }
            boolean accepted = false;
            while (!accepted) {
                boolean factored = lambda == 0 ? undamped : gradient(g, free, nf, rhs) && system.factor(h, free, nf, lambda);
                if (!factored) {
                    lambda = lambda == 0 ? INDEFINITE_DAMPING : lambda * 10;
                    if (lambda > 1e12) {
                        return run.failed(x, f, it, edm, FailureReason.HESSIAN_NOT_POSITIVE_DEFINITE,
                                "the Hessian cannot be made positive definite");
                    }
                    continue;
                }
                if (lambda != 0) {
                    system.solve(rhs, step);
                }
                onFace(w, x, g, h, free, nf, lambda, step);
                System.arraycopy(x, 0, xNew, 0, d);
                double slope = 0;
                for (int i = 0; i < nf; i++) {
                    int a = free[i];
                    xNew[a] = Math.min(hi[a], Math.max(lo[a], x[a] + step[i]));
                    slope += g[a] * (xNew[a] - x[a]);
                }
                // the new point evaluated without its Hessian, and judged with this point's
                boolean light = gradientFirst && lambda == 0 && undamped && likelyEnd(edm, edmBefore);
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
                        fNew = light ? nll.evaluate(xNew, gNew, null) : nll.evaluateStructured(xNew, gNew, hNew);
                    } catch (NonPositiveDensityException e) {
                        fNew = Double.POSITIVE_INFINITY;
                        lastProblem = e.getMessage();
                    }
                    if (fNew <= f || !(slope < 0)) {
                        break;
                    }
                }
                if (fNew <= f && light) {
                    Run end = endsWithout(w, run, h, edm, xNew, fNew, gNew, fixed, lambda0, known, it + 1);
                    if (end != null) {
                        return end;
                    }
                    nll.evaluateStructured(xNew, gNew, hNew);
                }
                if (fNew <= f) {
                    accepted = true;
                    edmBefore = edm;
                    boolean stalled = f - fNew < 1e-14 * (1 + Math.abs(f));
                    System.arraycopy(xNew, 0, x, 0, d);
                    System.arraycopy(gNew, 0, g, 0, d);
                    StructuredHessian swap = h;
                    h = hNew;
                    hNew = swap;
                    f = fNew;
                    lambda = lambda < 1e-6 ? 0 : lambda / 10;
                    if (stalled && !Double.isNaN(edm) && edm < 1e3 * edmTolerance) {
                        return run.converged(x, f, it, edm);
                    }
                } else {
                    lambda = lambda == 0 ? 1e-4 : lambda * 10;
                    if (lambda > 1e12) {
                        return lastProblem == null
                                ? run.failed(x, f, it, edm, FailureReason.NO_DESCENT, "no step lowers the NLL")
                                : run.failed(x, f, it, edm, FailureReason.NON_POSITIVE_DENSITY,
                                        "no step lowers the NLL (" + lastProblem + ")");
                    }
                }
            }
        }
        return run.failed(x, f, maxIterations, Double.NaN, FailureReason.ITERATION_LIMIT,
                "no convergence in " + maxIterations + " iterations");
    }

    /**
     * The start of a Newton run at x. Where x has every parameter with a shape effect at 0 (the conditional fit from &alpha; = 0,
     * the global fit's runs from the scan at &alpha; = 0) and the NLL has yield-only parameters, the run first takes one Newton
     * step in those alone, &mu; and the shapes held ({@link YieldBlock}: its value, gradient and Hessian at x from one pass
     * over the events without shape factors or per-event derivatives, a fraction of an evaluation), and starts where it
     * lands if the NLL is lower there (else at x). With the auxiliary measurements randomised (toys), the yield-only block
     * is where such a start is furthest from the minimum, and the full Newton steps that follow need fewer evaluations. The
     * full evaluation (value, gradient, Hessian into the workspace's g and h) at the start chosen is made here, and that
     * start moved into x. Returns the NLL there, or NaN if the step does not apply (no such block or start, a block pass
     * dearer than {@value #YIELD_FIRST_COST} of an evaluation, fewer yield-only parameters than others, no free yield-only
     * parameter, x the point the NLL remembers): then the caller evaluates x.
     */
    private double yieldFirst(Nll nll, FitWorkspace w, double[] x, boolean[] fixed) {
        YieldBlock block = w.yieldBlock(nll);
        if (block == null || block.relativeCost() > YIELD_FIRST_COST || block.size() <= block.others() || !block.applies(x)
                || nll.remembers(x)) {
            return Double.NaN;
        }
        double[] gy = w.gNew;
        StructuredHessian hy = w.hNew;
        int[] free = w.free;
        double[] rhs = w.rhs;
        double[] step = w.step;
        double f = block.prepare(nll, x, gy, hy);
        int nf = 0;
        for (int a = 1; a < x.length; a++) {
            if (block.isYieldOnly(a) && isFree(w, x, gy, fixed, a)) {
                free[nf++] = a;
            }
        }
        NewtonSystem system = w.system;
        system.reset();
        if (nf == 0 || !gradient(gy, free, nf, rhs) || !system.factor(hy, free, nf, 0)) {
            return Double.NaN;
        }
        system.solve(rhs, step);
        double edm = 0;
        for (int i = 0; i < nf; i++) {
            edm += 0.5 * rhs[i] * step[i];
        }
        if (!(edm > edmTolerance)) {
            return Double.NaN;
        }
        double[] to = w.xNew;
        System.arraycopy(x, 0, to, 0, x.length);
        for (int i = 0; i < nf; i++) {
            int a = free[i];
            to[a] = Math.min(w.hi[a], Math.max(w.lo[a], x[a] + step[i]));
        }
        double fTo;
        try {
            fTo = nll.evaluateStructured(to, w.g, w.h);
        } catch (NonPositiveDensityException e) {
            return Double.NaN;
        }
        if (!(fTo <= f)) {
            return Double.NaN;
        }
        System.arraycopy(to, 0, x, 0, x.length);
        return fTo;
    }

    /**
     * The free parameters at x into {@code free} (&theta; indices, ascending): those not {@code fixed} and not held at a bound by
     * a gradient pointing outwards. Returns their number.
     */
    private static int freeSet(FitWorkspace w, double[] x, double[] g, boolean[] fixed, int[] free) {
        int nf = 0;
        for (int a = 0; a < x.length; a++) {
            if (isFree(w, x, g, fixed, a)) {
                free[nf++] = a;
            }
        }
        return nf;
    }

    /** Whether parameter {@code a} is free: not fixed, and not held at a bound by a gradient pointing outwards. */
    private static boolean isFree(FitWorkspace w, double[] x, double[] g, boolean[] fixed, int a) {
        boolean atLo = x[a] <= w.lo[a] && g[a] > 0;
        boolean atHi = x[a] >= w.hi[a] && g[a] < 0;
        return !fixed[a] && !atLo && !atHi;
    }

    /**
     * Whether the undamped Newton step from a point of edm {@code edm} (the point before it had {@code edmBefore}, NaN if
     * none) is likely to end the run: Newton's edm falls about quadratically, edm' &asymp; c&middot;edm&sup2; with c = edm /
     * edmBefore&sup2; (1 at a run's first step), and the run ends at the next point without its Hessian ({@link
     * #endsWithout}) if edm' &lt; the tolerance or its predicted minimum's estimated error is small enough.
     */
    private boolean likelyEnd(double edm, double edmBefore) {
        double c = Double.isNaN(edmBefore) ? 1 : edm / (edmBefore * edmBefore);
        double next = c * edm * edm;
        return next < edmTolerance || next < PREDICTED_EDM && staleError(next, edm) < STALE_MODEL_ERROR;
    }

    /**
     * The estimated error, in NLL, of the minimum of the Newton model at a point of edm {@code edm} built with the Hessian of
     * the point before it, of edm {@code edmBefore}: &epsilon;&middot;edm with &epsilon; = 2&radic;(edm / edmBefore) the relative change of the
     * Hessian along the step between them (after a Newton step the new gradient is that change times the step, so
     * edm / edmBefore &asymp; (&epsilon;/2)&sup2;).
     */
    private static double staleError(double edm, double edmBefore) {
        return 2 * Math.sqrt(edm / edmBefore) * edm;
    }

    /**
     * The end of the run at the point {@code xNew} (value {@code fNew}, gradient {@code gNew}) evaluated without its Hessian, judged
     * with {@code before}, the Hessian of the point before it (of edm {@code edmBefore}), or null if the run must go on (and
     * needs that point's own Hessian): converged there if edm &lt; the tolerance; at the minimum the model predicts if edm &lt;
     * {@value #PREDICTED_EDM} and the model's estimated error ({@link #staleError}) is below {@value #STALE_MODEL_ERROR}; or
     * joining a known minimum ({@link #joins}).
     */
    private Run endsWithout(FitWorkspace w, Run run, StructuredHessian before, double edmBefore, double[] xNew, double fNew,
                            double[] gNew, boolean[] fixed, double lambda0, int known, int it) {
        int[] free = w.faceFree;
        int nf = freeSet(w, xNew, gNew, fixed, free);
        if (nf == 0) {
            return run.converged(xNew, fNew, it, 0);
        }
        double[] rhs = w.faceRhs;
        double[] step = w.faceStep;
        if (!gradient(gNew, free, nf, rhs) || !w.system.factor(before, free, nf, 0)) {
            return null;
        }
        w.system.solve(rhs, step);
        double edm = 0;
        for (int i = 0; i < nf; i++) {
            edm += 0.5 * rhs[i] * step[i];
        }
        if (edm < edmTolerance) {
            return run.converged(xNew, fNew, it, edm);
        }
        if (edm < PREDICTED_EDM && lambda0 == 0 && staleError(edm, edmBefore) < STALE_MODEL_ERROR
                && predicted(w, xNew, step, free, nf)) {
            return run.converged(w.y, fNew - edm, it, edm);
        }
        Run same = joins(w, known, xNew, step, free, nf, before, edm);
        return same == null ? null : run.joined(same, it);
    }

    /**
     * A step that would take free parameters past their bounds is replaced by the minimum of the same (damped) Newton
     * model with those parameters held at the bounds they cross (and the others free), repeated while the new step
     * crosses more. The plain projection of the step keeps the other parameters' components, which were chosen for
     * the crossing parameters moving on past their bounds: with &mu; held at 0 by the projection, the &alpha; part of
     * such a step raised the NLL in most global fits of toys whose &mu;&#770; is at 0 (each rejected step an evaluation).
     * Where one parameter crosses (the common case, &mu; at 0), the new step is a descent direction: the model's minimum
     * over the face is at most its value where the segment to the Newton step meets the bound; otherwise the step's
     * slope is checked as any step's is. If a reduced system does not factor, the step is left as it was.
     */
    private static void onFace(FitWorkspace w, double[] x, double[] g, StructuredHessian h, int[] free, int nf,
                               double lambda, double[] step) {
        double[] lo = w.lo;
        double[] hi = w.hi;
        boolean[] held = w.faceHeld;
        int[] heldList = w.faceHeldList;
        double[] shift = w.faceShift;
        int[] sub = w.faceFree;
        double[] rhs = w.faceRhs;
        double[] sol = w.faceStep;
        boolean crosses = false;
        for (int i = 0; i < nf && !crosses; i++) {
            int a = free[i];
            crosses = x[a] + step[i] < lo[a] || x[a] + step[i] > hi[a];
        }
        if (!crosses) {
            return;
        }
        Arrays.fill(held, false);
        // the current step over the current free list sub[0..ns): at first the caller's
        System.arraycopy(free, 0, sub, 0, nf);
        System.arraycopy(step, 0, sol, 0, nf);
        int ns = nf;
        while (true) {
            int added = 0;
            for (int i = 0; i < ns; i++) {
                int a = sub[i];
                double to = x[a] + sol[i];
                if (to < lo[a] || to > hi[a]) {
                    held[a] = true;
                    shift[a] = (to < lo[a] ? lo[a] : hi[a]) - x[a];
                    added++;
                }
            }
            if (added == 0) {
                break;
            }
            // the free list split into the parameters still free (sub) and those held (heldList), both in free-list order
            ns = 0;
            int nh = 0;
            for (int i = 0; i < nf; i++) {
                if (!held[free[i]]) {
                    sub[ns++] = free[i];
                } else {
                    heldList[nh++] = free[i];
                }
            }
            if (ns == 0) {
                break;
            }
            // rhs = -(g_F' + H_F'C shift_C); the damping is diagonal and leaves H_F'C alone
            for (int i = 0; i < ns; i++) {
                int a = sub[i];
                double r = g[a];
                for (int j = 0; j < nh; j++) {
                    int b = heldList[j];
                    r += h.get(a, b) * shift[b];
                }
                rhs[i] = -r;
            }
            if (!w.system.factor(h, sub, ns, lambda)) {
                return;
            }
            w.system.solve(rhs, sol);
        }
        int i = 0;
        for (int j = 0; j < nf; j++) {
            int a = free[j];
            if (held[a]) {
                step[j] = shift[a];
            } else {
                step[j] = sol[i++];
            }
        }
    }

    /**
     * The converged minimum among the fit's first {@code known} runs this run is bound for, or null: near a minimum
     * (edm &lt; {@value #JOIN_EDM}), the undamped Newton step from x lands within H-distance
     * &frac12;(y &minus; x*)&#7488;H_FF(y &minus; x*) &lt; {@value #JOIN_DISTANCE} &middot; edm of x* (the step's target is much
     * nearer x* than x is, the mark of x* being the minimum its quadratic model points at), and the held parameters
     * equal x*'s. Continuing would converge to x* (within the edm tolerance) at the cost of more evaluations.
     */
    private static Run joins(FitWorkspace w, int known, double[] x, double[] step, int[] free, int nf, StructuredHessian h,
                             double edm) {
        if (!(edm < JOIN_EDM) || known == 0) {
            return null;
        }
        double[] y = w.y;
        System.arraycopy(x, 0, y, 0, x.length);
        for (int i = 0; i < nf; i++) {
            int a = free[i];
            y[a] = Math.min(w.hi[a], Math.max(w.lo[a], x[a] + step[i]));
        }
        double[] v = w.v;
        for (int j = 0; j < known; j++) {
            Run m = w.run(j);
            if (!m.converged || !heldEqual(y, m.x, free, nf)) {
                continue;
            }
            Arrays.fill(v, 0);
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
     * Whether the run can end at the minimum its Newton model at x predicts, x + &delta; (into the workspace's y) with
     * NLL f &minus; edm, when edm is below {@value #PREDICTED_EDM}: the model's error there is O(edm<sup>3/2</sup>), far
     * below the tolerances t is judged by, and the evaluation at x + &delta; that would only confirm it is saved. Not if
     * the step leaves the box.
     */
    private static boolean predicted(FitWorkspace w, double[] x, double[] step, int[] free, int nf) {
        double[] y = w.y;
        System.arraycopy(x, 0, y, 0, x.length);
        for (int i = 0; i < nf; i++) {
            int a = free[i];
            y[a] = x[a] + step[i];
            if (y[a] < w.lo[a] || y[a] > w.hi[a]) {
                return false;
            }
        }
        return true;
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
