package org.nsbi.stats.toys;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The sparse sampler as it was before its own alias table (issue 15), kept as the reference it is tested against:
 * Commons RNG's alias sampler and Poisson sampler built per toy, new arrays per toy.
 *
 * <p>The exact sparse Poisson bootstrap: independent w_pe,i ~ Poisson(w_A,i) over N events are the same in
 * distribution as a total N_pe ~ Poisson(&Sigma; w_A) spread over the events with probabilities
 * w_A,i / &Sigma; w_A (Poisson splitting, primer section 3). A toy then costs O(N_pe), not O(N):
 * the total from Commons RNG's {@link PoissonSampler}, then N_pe events from an alias table
 * ({@link AliasMethodDiscreteSampler}, built once per set of weights and shared by every toy), then the
 * aux measurements a_k = &alpha;_true,k + N(0,1). Draw order: total, events, aux. The drawn indices are put in
 * order by the sampler's radix sort.
 * Immutable after construction; safe to share between threads.
 */
public final class CommonsSparseSampler implements PseudoExperimentSampler {

    private final SharedStateDiscreteSampler alias;
    private final double total;
    private final double[] alphaTrue;
    /** Bits of the largest event index. */
    private final int indexBits;

    private CommonsSparseSampler(SharedStateDiscreteSampler alias, double total, double[] alphaTrue, int events) {
        this.alias = alias;
        this.total = total;
        this.alphaTrue = alphaTrue;
        this.indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(events - 1));
    }

    /**
     * @param asimovWeights w_A,i &ge; 0, finite, not all 0 (each violation is an error naming the event)
     * @param alphaTrue     the true nuisance parameters the aux measurements scatter around
     */
    public static CommonsSparseSampler of(double[] asimovWeights, double[] alphaTrue) {
        double total = AsimovInput.total(asimovWeights);
        // the table does not depend on the generator it is built with; each toy rebinds its own
        SharedStateDiscreteSampler alias = AliasMethodDiscreteSampler.of(RandomSource.SPLIT_MIX_64.create(0L), asimovWeights);
        return new CommonsSparseSampler(alias, total, alphaTrue.clone(), asimovWeights.length);
    }

    /** &Sigma; w_A, the mean of N_pe. */
    public double totalWeight() {
        return total;
    }

    @Override
    public PseudoExperiment draw(UniformRandomProvider rng) {
        int n = PoissonSampler.of(rng, total).sample();
        SharedStateDiscreteSampler events = alias.withUniformRandomProvider(rng);
        int[] idx = new int[n];
        for (int j = 0; j < n; j++) {
            idx[j] = events.sample();
        }
        idx = SparsePoissonSampler.sort(idx, indexBits);
        return SparsePoissonSampler.experiment(idx, n, new int[n], alphaTrue, rng);
    }
}
