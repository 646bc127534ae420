package org.nsbi.stats.toys;

/**
 * One row of the toys table: which toy it was, its t_&mu;, &mu;&#770; and &alpha;&#770;, whether its fits
 * converged (and why not), and N_pe. A failed toy is kept with t = NaN; belts count it as t = +&infin;.
 */
public record ToyOutcome(int muIndex, double muTrue, int toyIndex, double t, double muHat, double[] alphaHat,
                         boolean converged, String failure, long nPe) implements java.io.Serializable {

    @Override
    public boolean equals(Object o) {
        return o instanceof ToyOutcome x && x.muIndex == muIndex && x.toyIndex == toyIndex
                && Double.compare(x.muTrue, muTrue) == 0 && Double.compare(x.t, t) == 0
                && Double.compare(x.muHat, muHat) == 0 && java.util.Arrays.equals(x.alphaHat, alphaHat)
                && x.converged == converged && java.util.Objects.equals(x.failure, failure) && x.nPe == nPe;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(muIndex, toyIndex, t, muHat);
    }
}
