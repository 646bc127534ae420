package org.nsbi.stats.toys;

import java.util.Arrays;
import java.util.Objects;

/**
 * One pseudo-experiment drawn by the Poisson bootstrap (primer section 3): the events of the
 * reference sample that it contains, each with its count w_pe,i &ge; 1, and the auxiliary
 * measurements a_k of the nuisance parameters.
 *
 * <p>Events with w_pe,i = 0 are not listed. {@code eventIndex} is strictly ascending, so two
 * samplers that draw the same experiment produce equal objects.
 */
public record PseudoExperiment(int[] eventIndex, int[] count, double[] aux) {

    public PseudoExperiment {
        Objects.requireNonNull(eventIndex, "eventIndex");
        Objects.requireNonNull(count, "count");
        Objects.requireNonNull(aux, "aux");
        if (eventIndex.length != count.length) {
            throw new IllegalArgumentException("eventIndex has " + eventIndex.length
                    + " entries but count has " + count.length + "; they must be the same length");
        }
        for (int j = 0; j < eventIndex.length; j++) {
            if (count[j] < 1) {
                throw new IllegalArgumentException("count[" + j + "] = " + count[j] + "; listed events must have count >= 1");
            }
            if (j > 0 && eventIndex[j] <= eventIndex[j - 1]) {
                throw new IllegalArgumentException("eventIndex must be strictly ascending, but eventIndex[" + j + "] = "
                        + eventIndex[j] + " follows " + eventIndex[j - 1]);
            }
        }
    }

    /** N_pe = &Sigma;_i w_pe,i, the number of events in the experiment. */
    public long totalCount() {
        long n = 0;
        for (int c : count) {
            n += c;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PseudoExperiment p
                && Arrays.equals(eventIndex, p.eventIndex)
                && Arrays.equals(count, p.count)
                && Arrays.equals(aux, p.aux);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(eventIndex) + Arrays.hashCode(count)) + Arrays.hashCode(aux);
    }

    @Override
    public String toString() {
        return "PseudoExperiment[events=" + eventIndex.length + ", N_pe=" + totalCount() + ", aux=" + Arrays.toString(aux) + "]";
    }
}
