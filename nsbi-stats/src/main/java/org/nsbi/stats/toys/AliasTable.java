package org.nsbi.stats.toys;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;

/**
 * Walker's alias table for drawing many indices i with probability w_i / &Sigma; w, built and sampled exactly as Commons
 * RNG's {@link AliasMethodDiscreteSampler} (Vose's algorithm, the table padded with zeros to a power of two, the
 * probabilities as numerators of 2<sup>53</sup>, the same random bits consumed in the same order), so that a stream
 * gives the same indices as Commons' sampler does; but laid out for bulk draws:
 * <ul>
 * <li>each slot's probability and alias side by side in one {@code long[]} (one cache line per lookup, not two: the
 * table of 10<sup>6</sup> events is bigger than the caches, and every lookup misses);</li>
 * <li>{@link #sample} draws a toy's random numbers first and looks them up after, so that the lookups do not wait on
 * each other and their cache misses overlap, and selects without a branch.</li>
 * </ul>
 * Immutable; safe to share between threads.
 */
final class AliasTable {

    /** 1 as the numerator of a fraction of 2<sup>53</sup>. */
    private static final long ONE = 1L << 53;
    /** Tables up to this size (a power of two) take their index and deviate from one or two nextInt(), as Commons'. */
    private static final int SMALL = 1 << 11;

    /** slots[2j] = the numerator of P(j | slot j) (0 for a padded slot), slots[2j + 1] = slot j's alias. */
    private final long[] slots;
    /** Slots at or beyond this have probability 0 and take no deviate (Commons' zero-padding shortcut). */
    private final int withProbability;
    private final int size;
    private final boolean small;

    private AliasTable(long[] slots, int withProbability, int size) {
        this.slots = slots;
        this.withProbability = withProbability;
        this.size = size;
        this.small = size <= SMALL && (size & (size - 1)) == 0;
    }

    /** The table of weights w (finite, &ge; 0, total &gt; 0; checked by the caller). */
    static AliasTable of(double[] w) {
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        int n = Math.max(w.length, 1 << Math.min(30, 32 - Integer.numberOfLeadingZeros(w.length - 1)));
        double mean = sum / n;
        int[] indices = new int[n];
        int large = n;
        int small = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] >= mean) {
                indices[--large] = i;
            } else {
                indices[small++] = i;
            }
        }
        for (int i = w.length; i < n; i++) {
            indices[small++] = i;
        }
        int last = w.length - 1;
        while (w[last] == 0) {
            last--;
        }
        double[] remaining = java.util.Arrays.copyOf(w, last + 1);
        long[] slots = new long[2 * n];
        while (large != n && small != 0) {
            int j = indices[--small];
            int k = indices[large++];
            if (j > last) {
                remaining[k] -= mean;
            } else {
                double pj = remaining[j];
                slots[2 * j] = (long) Math.ceil(ONE * (pj / mean));
                remaining[k] += pj - mean;
            }
            slots[2 * j + 1] = k;
            if (remaining[k] >= mean) {
                indices[--large] = k;
            } else {
                indices[small++] = k;
            }
        }
        for (int i = 0; i < small; i++) {
            slots[2 * indices[i]] = ONE;
            slots[2 * indices[i] + 1] = indices[i];
        }
        for (int i = large; i < n; i++) {
            slots[2 * indices[i]] = ONE;
            slots[2 * indices[i] + 1] = indices[i];
        }
        return new AliasTable(slots, last + 1, n);
    }

    /**
     * Draws {@code count} indices from {@code rng} into out[0..count), the stream read as Commons' sampler reads it;
     * {@code deviates} is scratch of at least {@code count} entries.
     */
    void sample(UniformRandomProvider rng, int count, int[] out, long[] deviates) {
        // the random numbers: slot j, and the 53-bit deviate u that decides between j and its alias (0 for a padded
        // slot, whose probability 0 it never passes)
        if (small) {
            int mask = size - 1;
            for (int i = 0; i < count; i++) {
                int bits = rng.nextInt();
                int j = bits & mask;
                out[i] = j;
                deviates[i] = j >= withProbability ? 0 : ((long) rng.nextInt() << 32 | (bits & 0xffffffffL)) >>> 11;
            }
        } else {
            for (int i = 0; i < count; i++) {
                int j = rng.nextInt(size);
                out[i] = j;
                deviates[i] = j >= withProbability ? 0 : rng.nextLong() >>> 11;
            }
        }
        // the lookups: independent of each other, so their cache misses overlap
        long[] s = slots;
        for (int i = 0; i < count; i++) {
            int j = out[i];
            long p = s[2 * j];
            int alias = (int) s[2 * j + 1];
            out[i] = deviates[i] < p ? j : alias;
        }
    }
}
