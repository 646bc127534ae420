package org.nsbi.stats.toys;

/**
 * One row of the toys table: which toy it was, its t_&mu;, &mu;&#770; and &alpha;&#770;, whether its fits
 * converged (and why not: the details and the {@link org.nsbi.stats.fit.FailureReason#code() reason code}), N_pe,
 * and whether the conditional or the global fit ended with a nuisance parameter on a bound. A failed toy is kept
 * with t = NaN; belts count it as t = +&infin;.
 */
public record ToyOutcome(int muIndex, double muTrue, int toyIndex, double t, double muHat, double[] alphaHat,
                         boolean converged, String failure, long nPe, String failureReason, boolean atBound) {

    /** The row of a toy fitted by {@link ToyBlockRunner}. */
    public static ToyOutcome of(int muIndex, double muTrue, int toyIndex, ToyFit f, long nPe) {
        return new ToyOutcome(muIndex, muTrue, toyIndex, f.converged() ? f.t() : Double.NaN, f.muHat(), f.alphaHat(),
                f.converged(), f.failure(), nPe, f.reason() == null ? null : f.reason().code(), f.atBound());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ToyOutcome x && x.muIndex == muIndex && x.toyIndex == toyIndex
                && Double.compare(x.muTrue, muTrue) == 0 && Double.compare(x.t, t) == 0
                && Double.compare(x.muHat, muHat) == 0 && java.util.Arrays.equals(x.alphaHat, alphaHat)
                && x.converged == converged && java.util.Objects.equals(x.failure, failure) && x.nPe == nPe
                && java.util.Objects.equals(x.failureReason, failureReason) && x.atBound == atBound;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(muIndex, toyIndex, t, muHat);
    }
}
