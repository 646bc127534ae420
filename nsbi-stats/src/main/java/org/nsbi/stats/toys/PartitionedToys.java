package org.nsbi.stats.toys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.nsbi.stats.fit.FailureReason;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.EventTables;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;

/**
 * Pseudo-experiments of a reference sample that is cut into content-defined partitions (e.g. scored or
 * generated blocks, each with a fixed key) and never held in one place. By Poisson splitting, the Poisson
 * bootstrap w_pe,i ~ Poisson(w_A,i) of the whole sample is, partition by partition, independent Poisson
 * bootstraps; so each partition draws its piece of toy (&mu; index m, toy t) on its own:
 * <pre>
 * n_p ~ Poisson(&Sigma;_{i in p} w_A,i),  then n_p events from the partition's alias table of w_A   stream (seed, purpose-part, muKey(&mu;), t, key_p)
 * a_k = &alpha;_true,k + N(0, 1)                                                       stream (seed, purpose-aux, muKey(&mu;), t)
 * </pre>
 * ({@link SparsePoissonSampler} on the partition's weights; purpose "toy" for a belt, muKey as in
 * {@link ToyRandom#muKey}). The toy is its pieces in key order with their counts as weights. A toy depends only
 * on (seed, purpose, &mu; value, t) and the partitions' contents and keys, never on how an engine groups
 * partitions into tasks, nor on the other points of the grid. These toys are not the same draws as the single-table
 * sampler's (other streams), but the same distribution.
 */
public final class PartitionedToys {

    private PartitionedToys() {
    }

    /**
     * The sampler of one partition's pieces at (&mu;, &alpha;_true), its Asimov weights normalised by the whole
     * sample's &Sigma;w_ref ({@code referenceTotal}); null when the partition has no Asimov weight (it never
     * contributes).
     */
    public static SparsePoissonSampler partitionSampler(MixtureModel model, EventTable partition, double referenceTotal,
                                                        double mu, double[] alphaTrue) {
        AsimovWeights a = AsimovWeights.compute(model, partition, referenceTotal, mu, alphaTrue);
        return a.sum() > 0 ? SparsePoissonSampler.of(a.weights(), new double[0]) : null;
    }

    /** The piece partition {@code key} contributes to toy t at &mu;, or null when it contributes no event. */
    public static ToyPiece piece(SparsePoissonSampler sampler, EventTable partition, long key, long seed, String purpose,
                                 double mu, int toyIndex) {
        PseudoExperiment pe = sampler.draw(ToyRandom.of(seed, purpose + "-part", ToyRandom.muKey(mu), toyIndex, key));
        return pe.eventIndex().length == 0 ? null : new ToyPiece(key, partition.gather(pe.eventIndex()), pe.count());
    }

    /** The aux measurements of toy t at &mu;. */
    public static double[] aux(long seed, String purpose, double mu, int toyIndex, double[] alphaTrue) {
        return AsimovInput.aux(alphaTrue, ZigguratSampler.NormalizedGaussian.of(
                ToyRandom.of(seed, purpose + "-aux", ToyRandom.muKey(mu), toyIndex)));
    }

    /**
     * Toy (m, t) from its pieces (any order; at most one per partition), fitted at &mu;_true: a failed fit is
     * kept as a failed toy with its reason, as in {@link ToyBlockRunner}.
     */
    public static ToyOutcome fit(MixtureModel model, List<ToyPiece> pieces, long seed, String purpose, int muIndex,
                                 double muTrue, int toyIndex, double[] alphaTrue) {
        List<ToyPiece> sorted = new ArrayList<>(pieces);
        sorted.sort(Comparator.comparingLong(ToyPiece::partition));
        for (int j = 1; j < sorted.size(); j++) {
            if (sorted.get(j).partition() == sorted.get(j - 1).partition()) {
                throw new IllegalArgumentException("toy " + toyIndex + " at mu index " + muIndex + " has two pieces of partition "
                        + sorted.get(j).partition() + "; expected one per partition");
            }
        }
        EventTable events = EventTables.concat(model, sorted.stream().map(ToyPiece::events).toList());
        int n = events.size();
        int[] index = new int[n];
        int[] count = new int[n];
        int at = 0;
        for (ToyPiece p : sorted) {
            System.arraycopy(p.count(), 0, count, at, p.count().length);
            at += p.count().length;
        }
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        PseudoExperiment pe = new PseudoExperiment(index, count, aux(seed, purpose, muTrue, toyIndex, alphaTrue));
        ToyFit f;
        try {
            f = new ProfileLikelihoodFit(model, events).fit(pe, muTrue);
        } catch (RuntimeException e) {
            f = ToyFit.failed(FailureReason.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(), 0);
        }
        return ToyOutcome.of(muIndex, muTrue, toyIndex, f, pe.totalCount());
    }
}
