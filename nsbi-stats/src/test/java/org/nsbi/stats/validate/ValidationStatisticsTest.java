package org.nsbi.stats.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The plain statistics of validate, against exact answers. */
class ValidationStatisticsTest {

    @Test
    void weightedQuantileIsTheInvertedEmpiricalCdf() {
        WeightedQuantile q = WeightedQuantile.of(new double[] {4, 1, 3, 2}, new double[] {1, 1, 1, 1});
        assertArrayEquals(new double[] {1, 1, 2, 3, 4}, q.quantiles(0, 0.25, 0.5, 0.75, 1.0), 0,
                "nearest-rank quantiles of 1..4 with equal weights");
        WeightedQuantile heavy = WeightedQuantile.of(new double[] {1, 2, 3}, new double[] {1, 0, 8});
        assertEquals(3, heavy.quantile(0.2), 0, "weight 8 of 9 on the value 3: the 20% quantile is 3");
        assertEquals(1, heavy.quantile(0.1), 0, "1/9 > 0.1: the 10% quantile is 1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightedQuantile.of(new double[] {1, 2}, new double[] {1, -1}));
        assertEquals("weights[1] = -1.0; expected a finite weight >= 0", e.getMessage());
    }

    @Test
    void closureOfTwoEventsByHand() {
        Closure c = Closure.of(new double[] {1, 1}, new double[] {0.5, 1.5});
        assertEquals(1.0, c.value(), 1e-15, "(0.5 + 1.5) / 2");
        assertEquals(Math.sqrt(2 * 0.25 * 0.25), c.mcError(), 1e-15, "sqrt(sum (w/W)^2 (r - C)^2)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Closure.of(new double[] {1, 1}, new double[] {1, Double.NaN}));
        assertEquals("ratios[1] = NaN; expected a finite number", e.getMessage());
    }

    @Test
    void aucByHandWithTiesAndWeights() {
        assertEquals(0.75, WeightedAuc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1},
                new double[] {1, 1, 1, 1}), 1e-15, "3 of 4 pairs ordered (scikit-learn's roc_auc_score example)");
        assertEquals(0.5, WeightedAuc.of(new double[] {2, 2, 2}, new int[] {1, 0, 0}, new double[] {1, 1, 3}),
                1e-15, "all scores tied");
        double weighted = WeightedAuc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1},
                new double[] {2, 1, 1, 1});
        double duplicated = WeightedAuc.of(new double[] {0.1, 0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 0, 1, 1},
                new double[] {1, 1, 1, 1, 1});
        assertEquals(duplicated, weighted, 1e-15, "weight 2 is the event twice");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightedAuc.of(new double[] {1, 2}, new int[] {1, 1}, new double[] {1, 1}));
        assertEquals("class weights are 2.0 (label 1) and 0.0 (label 0); expected both classes to have positive weight",
                e.getMessage());
    }

    @Test
    void aucOfTwoNormalsIsPhiOfTheShiftOverRootTwo() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(42L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        int n = 20000;
        double[] s = new double[2 * n];
        int[] labels = new int[2 * n];
        double[] w = new double[2 * n];
        for (int i = 0; i < n; i++) {
            s[i] = 1 + g.sample();
            labels[i] = 1;
            s[n + i] = g.sample();
            w[i] = 1;
            w[n + i] = 1;
        }
        double expected = new NormalDistribution().cumulativeProbability(1 / Math.sqrt(2));
        assertEquals(expected, WeightedAuc.of(s, labels, w), 0.008, "AUC of N(1,1) against N(0,1)");
        assertEquals(Math.sqrt((2.0 * n + 1) / (12.0 * n * n)), WeightedAuc.nullSigma(n, n), 1e-15);
        assertEquals(4.0, WeightedAuc.effectiveSize(new double[] {1, 1, 1, 1}), 1e-15);
        assertEquals(1.0, WeightedAuc.effectiveSize(new double[] {1, 0, 0, 0}), 1e-15);
    }

    @Test
    void ensembleSpreadIsTheRelativeStandardDeviationOfTheMembers() {
        double[] s = EnsembleSpread.perEvent(new double[][] {{1, 1}, {2, 1}, {3, 1}});
        assertArrayEquals(new double[] {0.5, 0.0}, s, 1e-15, "members (1, 2, 3): std 1, mean 2; identical members: 0");
        EnsembleSpread summary = EnsembleSpread.summarise(3, s, new double[] {1, 3});
        assertEquals(0.125, summary.mean(), 1e-15, "(1 * 0.5 + 3 * 0) / 4");
        assertEquals(0.0, summary.median(), 0);
        assertEquals(0.5, summary.p99(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnsembleSpread.perEvent(new double[][] {{1}}));
        assertEquals("1 ensemble member(s); expected at least 2 for a spread", e.getMessage());
    }
}
