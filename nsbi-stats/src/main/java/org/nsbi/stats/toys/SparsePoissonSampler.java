package org.nsbi.stats.toys;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The exact sparse Poisson bootstrap: independent w_pe,i ~ Poisson(w_A,i) over N events are the same in
 * distribution as a total N_pe ~ Poisson(&Sigma; w_A) spread over the events with probabilities
 * w_A,i / &Sigma; w_A (Poisson splitting, primer section 3). A toy then costs O(N_pe), not O(N):
 * the total from Commons RNG's {@link PoissonSampler} (its set-up done once, rebound to each toy's stream), then N_pe
 * events from an {@link AliasTable} (built once per set of weights and shared by every toy; the same draws as Commons'
 * {@code AliasMethodDiscreteSampler}), then the aux measurements a_k = &alpha;_true,k + N(0,1). Draw order: total,
 * events, aux. The drawn indices are put in order by a radix sort. A thread's working arrays are kept between toys
 * (only the experiment's own arrays are new per toy, and none with {@link #drawInto}).
 * Immutable after construction; safe to share between threads.
 */
public final class SparsePoissonSampler implements PseudoExperimentSampler {

    /** Bits per pass of the radix sort of a toy's event indices. */
    private static final int RADIX_BITS = 11;
    /** Per thread, the working arrays of a draw (they grow to the largest toy and stay). */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final AliasTable alias;
    private final SharedStateDiscreteSampler poisson;
    /** Per thread, this sampler's Poisson and Gaussian samplers on a {@link ReboundStream}, for {@link #drawInto}. */
    private final ThreadLocal<Rebound> rebound = ThreadLocal.withInitial(this::rebound);
    private final double total;
    private final double[] alphaTrue;
    /** Bits of the largest event index. */
    private final int indexBits;

    private SparsePoissonSampler(AliasTable alias, double total, double[] alphaTrue, int events) {
        this.alias = alias;
        this.total = total;
        // the sampler's set-up does not depend on the generator it is built with; each toy rebinds its own
        this.poisson = PoissonSampler.of(RandomSource.SPLIT_MIX_64.create(0L), total);
        this.alphaTrue = alphaTrue;
        this.indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(events - 1));
    }

    /**
     * @param asimovWeights w_A,i &ge; 0, finite, not all 0 (each violation is an error naming the event)
     * @param alphaTrue     the true nuisance parameters the aux measurements scatter around
     */
    public static SparsePoissonSampler of(double[] asimovWeights, double[] alphaTrue) {
        double total = AsimovInput.total(asimovWeights);
        return new SparsePoissonSampler(AliasTable.of(asimovWeights), total, alphaTrue.clone(), asimovWeights.length);
    }

    /** &Sigma; w_A, the mean of N_pe. */
    public double totalWeight() {
        return total;
    }

    /** The samplers {@link #drawInto} draws from, built once per thread on a stream it binds to each toy's. */
    private record Rebound(ReboundStream stream, DiscreteSampler poisson, NormalizedGaussianSampler gauss) {
    }

    private Rebound rebound() {
        ReboundStream stream = new ReboundStream();
        return new Rebound(stream, poisson.withUniformRandomProvider(stream), ZigguratSampler.NormalizedGaussian.of(stream));
    }

    /** A thread's working arrays: the drawn indices, their deviates, the sort's second array and its counts. */
    private static final class Scratch {
        int[] indices = new int[0];
        int[] other = new int[0];
        int[] counts = new int[0];
        long[] deviates = new long[0];
        final int[] bucket = new int[1 << RADIX_BITS];
        /** The last draw's sorted indices: indices or other. */
        int[] sorted;

        void grow(int n) {
            if (indices.length < n) {
                int cap = Math.max(n, indices.length + indices.length / 2);
                indices = new int[cap];
                other = new int[cap];
                counts = new int[cap];
                deviates = new long[cap];
            }
        }
    }

    /**
     * The indices in ascending order, by a least-significant-digit radix sort (at most {@value #RADIX_BITS} bits per
     * pass, the indices' bits split evenly over the fewest passes, so that a small reference sample has as few
     * buckets as it has indices): a few hundred random indices sort several times faster than by comparisons, whose
     * branches the processor cannot predict. Returns the sorted array (a or a new one).
     */
    static int[] sort(int[] a, int bits) {
        return sort(a, a.length, bits, new int[a.length], new int[1 << RADIX_BITS]);
    }

    /**
     * a[0..n) sorted as {@link #sort(int[], int)}, with b (length &ge; n) and count (2^RADIX_BITS) as scratch: a or b.
     * Each pass uses the first 2^radix counts only.
     */
    private static int[] sort(int[] a, int n, int bits, int[] b, int[] count) {
        int passes = (bits + RADIX_BITS - 1) / RADIX_BITS;
        int radix = (bits + passes - 1) / passes;
        int buckets = 1 << radix;
        int[] src = a;
        int[] dst = b;
        int mask = buckets - 1;
        for (int shift = 0; shift < bits; shift += radix) {
            Arrays.fill(count, 0, buckets, 0);
            for (int j = 0; j < n; j++) {
                count[(src[j] >>> shift) & mask]++;
            }
            int sum = 0;
            for (int c = 0; c < buckets; c++) {
                int x = count[c];
                count[c] = sum;
                sum += x;
            }
            for (int j = 0; j < n; j++) {
                int v = src[j];
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
        Scratch w = SCRATCH.get();
        int n = events(rng, w);
        return experiment(w.sorted, n, w.counts, alphaTrue, rng);
    }

    /** The same draws as {@link #draw} into the buffer's arrays: nothing is allocated once the arrays have grown. */
    @Override
    public void drawInto(UniformRandomProvider rng, ExperimentBuffer into) {
        Scratch w = SCRATCH.get();
        Rebound r = rebound.get();
        r.stream.bind(rng);
        int n = events(r.poisson, rng, w);
        into.setEvents(w.sorted, w.counts, compact(w.sorted, n, w.counts));
        AsimovInput.aux(alphaTrue, r.gauss, into.auxArray(alphaTrue.length));
        r.stream.bind(null);
    }

    private int events(UniformRandomProvider rng, Scratch w) {
        return events(poisson.withUniformRandomProvider(rng), rng, w);
    }

    /** Draws a toy's N_pe (by {@code total}, a Poisson sampler on rng) and its events, sorted into w.sorted[0..N_pe). */
    private int events(DiscreteSampler total, UniformRandomProvider rng, Scratch w) {
        int n = total.sample();
        w.grow(n);
        alias.sample(rng, n, w.indices, w.deviates);
        w.sorted = sort(w.indices, n, indexBits, w.other, w.bucket);
        return n;
    }

    /**
     * The pseudo-experiment of n sorted indices idx[0..n): each distinct index with its count (compacted in idx and
     * count), then the aux measurements around alphaTrue drawn from rng.
     */
    static PseudoExperiment experiment(int[] idx, int n, int[] count, double[] alphaTrue, UniformRandomProvider rng) {
        int distinct = compact(idx, n, count);
        double[] aux = AsimovInput.aux(alphaTrue, ZigguratSampler.NormalizedGaussian.of(rng), new double[alphaTrue.length]);
        return new PseudoExperiment(Arrays.copyOf(idx, distinct), Arrays.copyOf(count, distinct), aux);
    }

    /** Each distinct index of the sorted idx[0..n) with its count, compacted in idx and count; returns their number. */
    private static int compact(int[] idx, int n, int[] count) {
        int distinct = 0;
        for (int j = 0; j < n; j++) {
            if (distinct > 0 && idx[distinct - 1] == idx[j]) {
                count[distinct - 1]++;
            } else {
                idx[distinct] = idx[j];
                count[distinct] = 1;
                distinct++;
            }
        }
        return distinct;
    }
}
