package org.nsbi.stats.toys;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The exact sparse Poisson bootstrap: independent w_pe,i ~ Poisson(w_A,i) over N events are the same in
 * distribution as a total N_pe ~ Poisson(&Sigma; w_A) spread over the events with probabilities
 * w_A,i / &Sigma; w_A (Poisson splitting, primer section 3). A toy then costs O(N_pe), not O(N):
 * the total from Commons RNG's {@link PoissonSampler}, then N_pe events from an alias table
 * ({@link AliasMethodDiscreteSampler}, built once per set of weights and shared by every toy), then the
 * aux measurements a_k = &alpha;_true,k + N(0,1). Draw order: total, events, aux. The drawn indices are put in
 * order by a radix sort.
 * Immutable after construction; safe to share between threads.
 */
public final class SparsePoissonSampler implements PseudoExperimentSampler {

    /** Bits per pass of the radix sort of a toy's event indices. */
    private static final int RADIX_BITS = 11;

    private final SharedStateDiscreteSampler alias;
    private final double total;
    private final double[] alphaTrue;
    /** Bits of the largest event index. */
    private final int indexBits;

    private SparsePoissonSampler(SharedStateDiscreteSampler alias, double total, double[] alphaTrue, int events) {
        this.alias = alias;
        this.total = total;
        this.alphaTrue = alphaTrue;
        this.indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(events - 1));
    }

    /**
     * @param asimovWeights w_A,i &ge; 0, finite, not all 0 (each violation is an error naming the event)
     * @param alphaTrue     the true nuisance parameters the aux measurements scatter around
     */
    public static SparsePoissonSampler of(double[] asimovWeights, double[] alphaTrue) {
        double total = AsimovInput.total(asimovWeights);
        // the table does not depend on the generator it is built with; each toy rebinds its own
        SharedStateDiscreteSampler alias = AliasMethodDiscreteSampler.of(RandomSource.SPLIT_MIX_64.create(0L), asimovWeights);
        return new SparsePoissonSampler(alias, total, alphaTrue.clone(), asimovWeights.length);
    }

    /** &Sigma; w_A, the mean of N_pe. */
    public double totalWeight() {
        return total;
    }

    /**
     * The indices in ascending order, by a least-significant-digit radix sort (at most {@value #RADIX_BITS} bits per
     * pass, the indices' bits split evenly over the fewest passes, so that a small reference sample has as few
     * buckets as it has indices): a few hundred random indices sort several times faster than by comparisons, whose
     * branches the processor cannot predict. Returns the sorted array (a or a new one).
     */
    static int[] sort(int[] a, int bits) {
        int n = a.length;
        int passes = (bits + RADIX_BITS - 1) / RADIX_BITS;
        int radix = (bits + passes - 1) / passes;
        int[] src = a;
        int[] dst = new int[n];
        int[] count = new int[1 << radix];
        int mask = (1 << radix) - 1;
        for (int shift = 0; shift < bits; shift += radix) {
            Arrays.fill(count, 0);
            for (int v : src) {
                count[(v >>> shift) & mask]++;
            }
            int sum = 0;
            for (int b = 0; b < count.length; b++) {
                int c = count[b];
                count[b] = sum;
                sum += c;
            }
            for (int v : src) {
                dst[count[(v >>> shift) & mask]++] = v;
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        return src;
    }

    @Override
    public PseudoExperiment draw(UniformRandomProvider rng) {
        int n = PoissonSampler.of(rng, total).sample();
        SharedStateDiscreteSampler events = alias.withUniformRandomProvider(rng);
        int[] idx = new int[n];
        for (int j = 0; j < n; j++) {
            idx[j] = events.sample();
        }
        idx = sort(idx, indexBits);
        int distinct = 0;
        int[] count = new int[n];
        for (int j = 0; j < n; j++) {
            if (distinct > 0 && idx[distinct - 1] == idx[j]) {
                count[distinct - 1]++;
            } else {
                idx[distinct] = idx[j];
                count[distinct] = 1;
                distinct++;
            }
        }
        double[] aux = AsimovInput.aux(alphaTrue, ZigguratSampler.NormalizedGaussian.of(rng));
        return new PseudoExperiment(Arrays.copyOf(idx, distinct), Arrays.copyOf(count, distinct), aux);
    }
}
