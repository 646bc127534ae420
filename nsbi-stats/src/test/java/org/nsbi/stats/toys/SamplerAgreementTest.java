package org.nsbi.stats.toys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.random.ToyRandom;

/** The sparse sampler against the dense reference and against the Poisson laws they must follow. */
class SamplerAgreementTest {

    private static final int TOYS = 20_000;
    private static final double[] W = weights();

    private static double[] weights() {
        double[] w = new double[50];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.05 + 0.75 * ((i * 37) % 50) / 50.0; // sum ~ 21
        }
        return w;
    }

    private static long[][] counts(PseudoExperimentSampler s, long seed) {
        long[] perEvent = new long[W.length];
        long[] totals = new long[80];
        for (int i = 0; i < TOYS; i++) {
            PseudoExperiment pe = s.draw(ToyRandom.of(seed, "test", i));
            for (int j = 0; j < pe.eventIndex().length; j++) {
                perEvent[pe.eventIndex()[j]] += pe.count()[j];
            }
            totals[(int) Math.min(totals.length - 1, pe.totalCount())]++;
        }
        return new long[][] {perEvent, totals};
    }

    /** chi2 of observed counts against Poisson(mean) probabilities, pooling bins with expectation < 5. */
    private static double poissonTotalsPValue(long[] totals, double mean) {
        PoissonDistribution p = new PoissonDistribution(mean);
        List<double[]> bins = new java.util.ArrayList<>();
        double e = 0;
        long o = 0;
        for (int k = 0; k < totals.length; k++) {
            e += TOYS * (k == totals.length - 1 ? 1 - p.cumulativeProbability(k - 1) : p.probability(k));
            o += totals[k];
            if (e >= 5) {
                bins.add(new double[] {e, o});
                e = 0;
                o = 0;
            }
        }
        bins.get(bins.size() - 1)[0] += e;
        bins.get(bins.size() - 1)[1] += o;
        double[] expected = bins.stream().mapToDouble(b -> b[0]).toArray();
        long[] observed = bins.stream().mapToLong(b -> (long) b[1]).toArray();
        return new ChiSquareTest().chiSquareTest(expected, observed);
    }

    @Test
    void sparseAndDenseAgreeInDistribution() {
        double total = java.util.Arrays.stream(W).sum();
        long[][] sparse = counts(SparsePoissonSampler.of(W, new double[0]), 1);
        long[][] dense = counts(DensePoissonSampler.of(W, new double[0]), 2);
        ChiSquareTest chi2 = new ChiSquareTest();
        // per-event mean counts: the sum over toys of event i's count is Poisson(TOYS * w_i) for both samplers
        double[] expected = java.util.Arrays.stream(W).map(w -> w * TOYS).toArray();
        assertTrue(chi2.chiSquareTest(expected, sparse[0]) > 0.01, "sparse per-event counts");
        assertTrue(chi2.chiSquareTest(expected, dense[0]) > 0.01, "dense per-event counts");
        assertTrue(chi2.chiSquareDataSetsComparison(sparse[0], dense[0]) > 0.01, "sparse vs dense per-event counts");
        // toy totals: Poisson(sum w) for both, and the same distribution
        assertTrue(poissonTotalsPValue(sparse[1], total) > 0.01, "sparse totals are Poisson(" + total + ")");
        assertTrue(poissonTotalsPValue(dense[1], total) > 0.01, "dense totals are Poisson(" + total + ")");
    }

    @Test
    void auxMeasurementsScatterAroundTheTruthWithUnitWidth() {
        SparsePoissonSampler s = SparsePoissonSampler.of(W, new double[] {0.5, -1});
        double sum = 0;
        double sum2 = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double a = s.draw(ToyRandom.of(3, "test", i)).aux()[1];
            sum += a;
            sum2 += a * a;
        }
        double mean = sum / n;
        assertEquals(-1, mean, 4 / Math.sqrt(n));
        assertEquals(1, sum2 / n - mean * mean, 0.04);
    }

    @Test
    void badWeightsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparsePoissonSampler.of(new double[] {1, -0.5}, new double[0]));
        assertEquals("Asimov weight of event 1 is -0.5; expected a finite weight >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DensePoissonSampler.of(new double[] {0, 0}, new double[0]));
        assertEquals("the total Asimov weight of 2 events is 0; expected > 0 (no pseudo-experiment can be drawn)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparsePoissonSampler.of(new double[] {Double.NaN}, new double[0]));
        assertEquals("Asimov weight of event 0 is NaN; expected a finite weight >= 0", e.getMessage());
    }

    /**
     * {@link PseudoExperimentSampler#drawInto} draws what {@link PseudoExperimentSampler#draw} draws, into a reused buffer:
     * totals of 11.6 (Commons' small-mean Poisson sampler), 585 (the off-shell toy's; the large-mean sampler with its
     * own exponential, Gaussian and small-mean samplers) and 3,100, the toys in a shuffled order and the two samplers
     * of each total interleaved on one thread, so that state a sampler built once per thread carried from one toy to
     * the next would show.
     */
    @Test
    void aDrawIntoABufferIsTheDraw() {
        double[][] weights = {{0.5, 3, 0.25, 1, 2, 0.75, 4, 0.1}, new double[500], new double[2000]};
        for (int i = 0; i < 500; i++) {
            weights[1][i] = 0.17 + 2 * ((i * 37) % 100) / 100.0; // sum 585
        }
        for (int i = 0; i < 2000; i++) {
            weights[2][i] = 0.55 + 2 * ((i * 53) % 100) / 100.0; // sum 3,100
        }
        int[] order = new int[300];
        for (int i = 0; i < order.length; i++) {
            order[i] = (i * 131) % order.length; // 131 is prime to 300: each toy once, shuffled
        }
        ExperimentBuffer buffer = new ExperimentBuffer();
        for (double[] w : weights) {
            PseudoExperimentSampler[] samplers = {SparsePoissonSampler.of(w, new double[] {0.5, -1}),
                    SparsePoissonSampler.of(w, new double[] {0, 0}), DensePoissonSampler.of(w, new double[] {0.5, -1})};
            for (int i : order) {
                for (PseudoExperimentSampler sampler : samplers) {
                    PseudoExperiment drawn = sampler.draw(ToyRandom.of(11, "toy", i));
                    sampler.drawInto(ToyRandom.of(11, "toy", i), buffer);
                    assertEquals(drawn, buffer.toExperiment(), "toy " + i + " of total " + Arrays.stream(w).sum());
                    assertEquals(drawn.totalCount(), buffer.totalCount(), "toy " + i);
                }
            }
        }
    }
}
