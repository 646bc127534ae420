package org.nsbi.stats.fit;

import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.likelihood.StructuredHessian;
import org.nsbi.stats.likelihood.YieldBlock;
import org.nsbi.stats.model.MixtureModel;

/**
 * The working memory of {@link ProfileFitter}'s fits on one thread: the box, the Newton run's vectors, its two Hessians
 * and {@link NewtonSystem}, the scan's grids and values, the starts and the runs ({@link Run}) of a fit. A thread keeps
 * one ({@link #acquire}) and reuses it for every fit of an NLL of the same layout, so that a toy's fits allocate only
 * their results. A fit started while another holds the thread's workspace (an NLL that fits inside its evaluation) gets a
 * workspace of its own.
 */
final class FitWorkspace {

    private static final ThreadLocal<FitWorkspace> OF_THREAD = ThreadLocal.withInitial(FitWorkspace::new);

    private boolean busy;
    int dim = -1;
    // the box of the fit variables: the POI's range in the fit variable, the nuisance parameters' bounds
    double[] lo;
    double[] hi;
    // a Newton run's point, gradient, Hessian, system and step, and its trial point
    double[] x;
    double[] g;
    StructuredHessian h;
    StructuredHessian hNew;
    NewtonSystem system;
    double[] rhs;
    double[] step;
    double[] xNew;
    double[] gNew;
    int[] free;
    /** {@code ProfileFitter.onFace}: the parameters held at a bound, their moves there, the rest's list, system and step. */
    boolean[] faceHeld;
    int[] faceHeldList;
    double[] faceShift;
    int[] faceFree;
    double[] faceRhs;
    double[] faceStep;
    /** The Newton step's target ({@code ProfileFitter.joins}, {@code ProfileFitter.predicted}) and a difference vector. */
    double[] y;
    double[] v;
    /** Which parameters a fit holds: &mu; for the conditional fit, none for the global fit. */
    boolean[] muHeld;
    boolean[] noneHeld;
    /** &alpha; = 0, the auxiliary measurements, and a start's &alpha;. */
    double[] zeros;
    double[] aux;
    double[] alphaOfStart;
    /**
     * The last conditional fit's minimum and the last point its run evaluated with the Hessian (the one the NLL
     * remembers, within that run's last Newton step of the minimum), when {@link #hasHandoff}: a global fit started at that
     * minimum starts at that point instead ({@link #handOff}).
     */
    double[] handoffMinimum;
    double[] handoffPoint;
    boolean hasHandoff;
    /** The yield-only block of the NLL's model ({@link #yieldBlock}), null if it has none; built for {@link #blockModel}. */
    private YieldBlock yieldBlock;
    private MixtureModel blockModel;
    private Class<?> blockKind;
    /** A result's &alpha; and bound flags, before {@link FitResult} copies them. */
    double[] alphaOut;
    boolean[] atBoundOut;
    // the scan: the grid, the grid with one more point, the values, the local minima
    double[] grid = new double[0];
    double[] gridPlus = new double[0];
    double[] values = new double[0];
    double[] minima = new double[0];
    /** The starts of the fit, [0..startCount). */
    double[][] starts = new double[0][];
    int startCount;
    /** The runs of the fit, [0..runCount). */
    private Run[] runs = new Run[0];
    int runCount;

    private FitWorkspace() {
    }

    /** This thread's workspace (or a new one if it is in use), prepared for {@code nll}; {@link #release} when done. */
    static FitWorkspace acquire(Nll nll, int scanPoints) {
        FitWorkspace w = OF_THREAD.get();
        if (w.busy) {
            w = new FitWorkspace();
        }
        w.busy = true;
        w.prepare(nll, scanPoints);
        return w;
    }

    void release() {
        busy = false;
    }

    private void prepare(Nll nll, int scanPoints) {
        int d = nll.dimension();
        if (d != dim || !nll.fills(h)) {
            dim = d;
            lo = new double[d];
            hi = new double[d];
            x = new double[d];
            g = new double[d];
            h = nll.newHessian();
            hNew = h.like();
            system = new NewtonSystem(h);
            rhs = new double[d];
            step = new double[d];
            xNew = new double[d];
            gNew = new double[d];
            free = new int[d];
            faceHeld = new boolean[d];
            faceHeldList = new int[d];
            faceShift = new double[d];
            faceFree = new int[d];
            faceRhs = new double[d];
            faceStep = new double[d];
            y = new double[d];
            v = new double[d];
            muHeld = new boolean[d];
            muHeld[0] = true;
            noneHeld = new boolean[d];
            zeros = new double[d - 1];
            aux = new double[d - 1];
            alphaOfStart = new double[d - 1];
            alphaOut = new double[d - 1];
            handoffMinimum = new double[d];
            handoffPoint = new double[d];
            hasHandoff = false;
            atBoundOut = new boolean[d - 1];
            starts = new double[0][];
            runs = new Run[0];
        }
        if (grid.length != scanPoints) {
            grid = new double[scanPoints];
            gridPlus = new double[scanPoints + 1];
            values = new double[scanPoints + 1];
            minima = new double[scanPoints + 1];
        }
        lo[0] = nll.scale() == Nll.Scale.MU ? nll.model().muMin() : nll.p(nll.model().muMin());
        hi[0] = nll.p(nll.model().muMax());
        for (int k = 1; k < d; k++) {
            lo[k] = nll.model().alphaLow(k - 1);
            hi[k] = nll.model().alphaHigh(k - 1);
        }
        startCount = 0;
        runCount = 0;
    }

    /** The yield-only block for {@code nll} ({@link YieldBlock#of}), kept while the model and the kind of NLL stay; or null. */
    YieldBlock yieldBlock(Nll nll) {
        if (nll.model() != blockModel || nll.getClass() != blockKind) {
            blockModel = nll.model();
            blockKind = nll.getClass();
            yieldBlock = YieldBlock.of(nll);
        }
        return yieldBlock != null && yieldBlock.isOf(nll) ? yieldBlock : null;
    }

    /** Clips x into the box. */
    void clip(double[] point) {
        for (int a = 0; a < dim; a++) {
            point[a] = Math.min(hi[a], Math.max(lo[a], point[a]));
        }
    }

    /** A new start (its contents to be written by the caller). */
    double[] newStart() {
        if (startCount == starts.length) {
            double[][] more = new double[Math.max(4, 2 * starts.length)][];
            System.arraycopy(starts, 0, more, 0, starts.length);
            for (int i = starts.length; i < more.length; i++) {
                more[i] = new double[dim];
            }
            starts = more;
        }
        return starts[startCount++];
    }

    /** Drops the last start. */
    void dropStart() {
        startCount--;
    }

    /** A new run of the fit. */
    Run newRun() {
        if (runCount == runs.length) {
            Run[] more = new Run[Math.max(4, 2 * runs.length)];
            System.arraycopy(runs, 0, more, 0, runs.length);
            for (int i = runs.length; i < more.length; i++) {
                more[i] = new Run(dim);
            }
            runs = more;
        }
        return runs[runCount++];
    }

    Run run(int i) {
        return runs[i];
    }

    /** Keeps {@code run}'s minimum and last point evaluated with the Hessian for {@link #handOff}. */
    void keepHandoff(Run run) {
        System.arraycopy(run.x, 0, handoffMinimum, 0, dim);
        System.arraycopy(run.lastEvaluated, 0, handoffPoint, 0, dim);
        hasHandoff = true;
    }

    /** If {@code start} is the last conditional fit's minimum, replaces it by that fit's last point evaluated with the Hessian. */
    void handOff(double[] start) {
        if (hasHandoff && same(start, handoffMinimum)) {
            System.arraycopy(handoffPoint, 0, start, 0, dim);
        }
    }

    /** Whether a run of the fit started at {@code point}. */
    boolean triedFrom(double[] point) {
        for (int i = 0; i < runCount; i++) {
            if (same(runs[i].start, point)) {
                return true;
            }
        }
        return false;
    }

    /** Whether two points of the same length are equal as {@link java.util.Arrays#equals(double[], double[])} compares them. */
    static boolean same(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(b[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * A Newton run of a fit: where it started, and the local minimum it found or where it stopped (the lowest point it
     * reached) and why. Its arrays are the workspace's, rewritten by the next fit.
     */
    static final class Run {
        final double[] start;
        final double[] x;
        /** The last point the run evaluated with the Hessian (its start if it failed there). */
        final double[] lastEvaluated;
        double nll;
        boolean converged;
        int iterations;
        double edm;
        String message;
        FailureReason reason;

        private Run(int dim) {
            start = new double[dim];
            x = new double[dim];
            lastEvaluated = new double[dim];
        }

        Run converged(double[] at, double value, int its, double edmAt) {
            return set(at, value, true, its, edmAt, null, null);
        }

        /** This run stopped on its way to {@code known}, a minimum another start converged to. */
        Run joined(Run known, int its) {
            return set(known.x, known.nll, true, its, known.edm, null, null);
        }

        Run failed(double[] at, double value, int its, double edmAt, FailureReason why, String what) {
            return set(at, value, false, its, edmAt, what, why);
        }

        private Run set(double[] at, double value, boolean ok, int its, double edmAt, String what, FailureReason why) {
            System.arraycopy(at, 0, x, 0, x.length);
            nll = value;
            converged = ok;
            iterations = its;
            edm = edmAt;
            message = what;
            reason = why;
            return this;
        }
    }
}
