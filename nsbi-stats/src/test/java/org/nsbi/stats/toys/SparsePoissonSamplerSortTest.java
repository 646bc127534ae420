package org.nsbi.stats.toys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sampler's radix sort of a toy's event indices against {@link Arrays#sort}. */
class SparsePoissonSamplerSortTest {

    @Test
    void radixSortEqualsArraysSort() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int events : new int[] {1, 2, 1000, 2048, 2049, 1_000_000, Integer.MAX_VALUE}) {
            int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(events - 1));
            for (int n : new int[] {0, 1, 7, 540, 5000}) {
                int[] a = new int[n];
                for (int j = 0; j < n; j++) {
                    a[j] = rng.nextInt(events);
                }
                int[] expected = a.clone();
                Arrays.sort(expected);
                assertArrayEquals(expected, SparsePoissonSampler.sort(a.clone(), bits), n + " indices below " + events);
            }
        }
    }
}
