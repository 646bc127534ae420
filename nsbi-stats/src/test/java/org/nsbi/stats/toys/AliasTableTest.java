package org.nsbi.stats.toys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.random.ToyRandom;

/**
 * The sparse sampler's own alias table against Commons RNG's alias sampler: the same index for the same stream (both
 * of Commons' ways of reading it: a small power-of-two table and any other), whole pseudo-experiments equal to the
 * sampler it replaced, and the draws' frequencies against the weights.
 */
class AliasTableTest {

    /** Weights with zeros inside and at the end, of the given length. */
    private static double[] weights(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = rng.nextDouble() < 0.1 ? 0 : rng.nextDouble() * (1 + (i % 7));
        }
        w[n - 1] = 0;
        w[0] = Math.max(w[0], 0.5);
        return w;
    }

    @Test
    void drawsTheSameIndicesAsCommonsAliasSamplerFromTheSameStream() {
        // 1: one slot; 37 -> 64 and 1024: small tables (index and deviate from nextInt()); 2048 + 1 and 5,000: padded to
        // a larger power of two (nextInt(n) and nextLong())
        for (int n : new int[] {1, 37, 1024, 2049, 5000}) {
            double[] w = n == 1 ? new double[] {2} : weights(n, n);
            AliasTable table = AliasTable.of(w);
            int draws = 20_000;
            int[] ours = new int[draws];
            table.sample(ToyRandom.of(11, "test", n), draws, ours, new long[draws]);
            UniformRandomProvider rng = ToyRandom.of(11, "test", n);
            SharedStateDiscreteSampler commons = AliasMethodDiscreteSampler.of(rng, w);
            for (int i = 0; i < draws; i++) {
                assertEquals(commons.sample(), ours[i], "draw " + i + " of a table of " + n);
            }
        }
    }

    @Test
    void pseudoExperimentsEqualThoseOfTheCommonsSamplerItReplaced() {
        for (int n : new int[] {50, 3000, 200_000}) {
            double[] w = weights(n, 7 + n);
            double scale = 540 / java.util.Arrays.stream(w).sum(); // N_pe ~ 540 as in the off-shell toy; 50: ~ 540 too
            for (int i = 0; i < n; i++) {
                w[i] *= scale;
            }
            double[] alphaTrue = {0.5, -1};
            SparsePoissonSampler sparse = SparsePoissonSampler.of(w, alphaTrue);
            CommonsSparseSampler reference = CommonsSparseSampler.of(w, alphaTrue);
            for (int toy = 0; toy < 300; toy++) {
                assertEquals(reference.draw(ToyRandom.of(3, "toy", n, toy)), sparse.draw(ToyRandom.of(3, "toy", n, toy)),
                        "toy " + toy + " of " + n + " events");
            }
        }
        // a small total (Commons' small-mean Poisson sampler)
        double[] w = {0.3, 0, 1.2, 0.5};
        SparsePoissonSampler sparse = SparsePoissonSampler.of(w, new double[0]);
        CommonsSparseSampler reference = CommonsSparseSampler.of(w, new double[0]);
        for (int toy = 0; toy < 300; toy++) {
            assertEquals(reference.draw(ToyRandom.of(4, "toy", toy)), sparse.draw(ToyRandom.of(4, "toy", toy)), "toy " + toy);
        }
    }

    @Test
    void frequenciesFollowTheWeights() {
        double[] w = weights(300, 5);
        double total = java.util.Arrays.stream(w).sum();
        int draws = 300_000;
        int[] out = new int[draws];
        AliasTable.of(w).sample(ToyRandom.of(2, "test"), draws, out, new long[draws]);
        long[] observed = new long[w.length];
        for (int i : out) {
            observed[i]++;
        }
        int cells = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] == 0) {
                assertEquals(0, observed[i], "event " + i + " has weight 0");
            } else {
                cells++;
            }
        }
        double[] expected = new double[cells];
        long[] seen = new long[cells];
        for (int i = 0, c = 0; i < w.length; i++) {
            if (w[i] > 0) {
                expected[c] = draws * w[i] / total;
                seen[c++] = observed[i];
            }
        }
        double p = new ChiSquareTest().chiSquareTest(expected, seen);
        assertTrue(p > 1e-3, "chi2 p-value of the draws against the weights: " + p);
    }
}
