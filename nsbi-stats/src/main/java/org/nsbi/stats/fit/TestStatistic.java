package org.nsbi.stats.fit;

import org.nsbi.stats.likelihood.Nll;

/**
 * The profile-likelihood-ratio test statistic of primer section 2:
 * <pre>
 * t_&mu; = 2 [ NLL(&mu;, &alpha;&#770;&#770;(&mu;)) &minus; NLL(&mu;&#770;, &alpha;&#770;) ]
 * </pre>
 * with the conditional fit at &mu; and the global fit in the allowed range. If the conditional fit
 * finds an NLL lower than the global one by more than {@link ProfileFitter#NLL_TOLERANCE}, the global fit
 * missed its minimum: it is rerun from the conditional point, and if that refit does not converge the
 * result is FAILED ({@link FailureReason#CONDITIONAL_BELOW_GLOBAL}), never t = 0. Differences within the
 * tolerance are ties (t = 0).
 */
public final class TestStatistic {

    /**
     * t_&mu; with both fits; t is NaN when a fit failed (then {@link #failure()} and {@link #reason()} say why).
     * {@code global} is the global fit t refers to: the caller's, unless the conditional fit showed it was
     * not the minimum and the refit found a lower one.
     */
    public record Result(double mu, double t, FitResult conditional, FitResult global) {
        public boolean converged() {
            return conditional.converged() && global.converged();
        }

        public String failure() {
            if (!conditional.converged()) {
                return conditional.message();
            }
            return global.converged() ? null : global.message();
        }

        /** The failure's reason, null when converged. */
        public FailureReason reason() {
            return !conditional.converged() ? conditional.reason() : global.reason();
        }

        /** True when the conditional or the global fit ended with a nuisance parameter on a bound. */
        public boolean atBound() {
            return conditional.converged() && conditional.atBound() || global.converged() && global.atBound();
        }

        public int iterations() {
            return conditional.iterations() + global.iterations();
        }
    }

    private final ProfileFitter fitter;

    public TestStatistic(ProfileFitter fitter) {
        this.fitter = fitter;
    }

    public static TestStatistic withDefaults() {
        return new TestStatistic(ProfileFitter.withDefaults());
    }

    /** t_&mu; at {@code mu}; {@code global} may be a global fit already done on this NLL (else null). */
    public Result at(Nll nll, double mu, FitResult global) {
        return at(nll, mu, global, null);
    }

    /**
     * t_&mu; with the conditional fit started at {@code alphaStart} (e.g. &alpha;&#770;&#770; of a neighbouring &mu; in
     * a scan, which saves iterations; the result does not depend on the start beyond the fit's tolerance; null: &alpha; = 0).
     */
    public Result at(Nll nll, double mu, FitResult global, double[] alphaStart) {
        FitResult cond = fitter.conditional(nll, mu, alphaStart,
                global != null && global.converged() ? global.alpha() : null);
        FitResult glob = global;
        if (glob == null) {
            glob = fitter.globalFromScan(nll, cond.converged() ? point(nll, mu, cond) : null);
        }
        if (!cond.converged() || !glob.converged()) {
            return new Result(mu, Double.NaN, cond, glob);
        }
        if (cond.nll() < glob.nll() - ProfileFitter.NLL_TOLERANCE) {
            FitResult again = fitter.global(nll, point(nll, mu, cond));
            if (!again.converged()) {
                FitResult failed = FitResult.failed(FailureReason.CONDITIONAL_BELOW_GLOBAL, "the conditional NLL at mu = "
                        + mu + " (" + cond.nll() + ") is below the global one (" + glob.nll()
                        + ") and the global refit from there failed: " + again.message(),
                        glob.iterations() + again.iterations());
                return new Result(mu, Double.NaN, cond, failed);
            }
            glob = again;
        }
        return new Result(mu, Math.max(0, 2 * (cond.nll() - glob.nll())), cond, glob);
    }

    private static double[] point(Nll nll, double mu, FitResult cond) {
        double[] start = new double[nll.dimension()];
        start[0] = mu;
        System.arraycopy(cond.alpha(), 0, start, 1, nll.dimension() - 1);
        return start;
    }

    /** t_&mu; at {@code mu} with its own global fit. */
    public Result at(Nll nll, double mu) {
        return at(nll, mu, null);
    }
}
