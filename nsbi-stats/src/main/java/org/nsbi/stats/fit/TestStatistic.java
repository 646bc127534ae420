package org.nsbi.stats.fit;

import org.nsbi.stats.likelihood.Nll;

/**
 * The profile-likelihood-ratio test statistic of primer section 2:
 * <pre>
 * t_&mu; = 2 [ NLL(&mu;, &alpha;&#770;&#770;(&mu;)) &minus; NLL(&mu;&#770;, &alpha;&#770;) ]
 * </pre>
 * with the conditional fit at &mu; and the global fit in the allowed range. If the conditional fit
 * finds a lower NLL than the global one, the global fit missed its minimum: it is rerun from the
 * conditional point, so t_&mu; &ge; 0 up to the fits' tolerance (tiny negatives are set to 0).
 */
public final class TestStatistic {

    /** t_&mu; with both fits; t is NaN when a fit failed (then {@link #failure()} says why). */
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
        return at(nll, mu, global, new double[nll.dimension() - 1]);
    }

    /**
     * t_&mu; with the conditional fit started at {@code alphaStart} (e.g. &alpha;&#770;&#770; of a neighbouring &mu; in
     * a scan, which saves iterations; the result does not depend on the start beyond the fit's tolerance).
     */
    public Result at(Nll nll, double mu, FitResult global, double[] alphaStart) {
        FitResult cond = fitter.conditional(nll, mu, alphaStart);
        FitResult glob = global;
        if (glob == null) {
            double[] start = null;
            if (cond.converged()) {
                start = new double[nll.dimension()];
                start[0] = mu;
                System.arraycopy(cond.alpha(), 0, start, 1, nll.dimension() - 1);
            }
            glob = fitter.globalFromScan(nll, start);
        }
        if (!cond.converged() || !glob.converged()) {
            return new Result(mu, Double.NaN, cond, glob);
        }
        if (cond.nll() < glob.nll()) {
            double[] start = new double[nll.dimension()];
            start[0] = mu;
            System.arraycopy(cond.alpha(), 0, start, 1, nll.dimension() - 1);
            FitResult again = fitter.global(nll, start);
            if (again.converged() && again.nll() < glob.nll()) {
                glob = again;
            }
            if (cond.nll() < glob.nll()) {
                glob = new FitResult(mu, cond.alpha(), cond.nll(), FitStatus.CONVERGED, glob.iterations() + cond.iterations(),
                        cond.edm(), "global minimum at the conditional point");
            }
        }
        return new Result(mu, Math.max(0, 2 * (cond.nll() - glob.nll())), cond, glob);
    }

    /** t_&mu; at {@code mu} with its own global fit. */
    public Result at(Nll nll, double mu) {
        return at(nll, mu, null);
    }
}
