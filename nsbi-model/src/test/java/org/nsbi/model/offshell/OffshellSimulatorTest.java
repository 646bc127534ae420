package org.nsbi.model.offshell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nsbi.model.UserError;
import org.nsbi.stats.random.ToyRandom;

class OffshellSimulatorTest {

    private static final long SEED = 20261123L;
    private static final int N = 20_000;

    @ParameterizedTest
    @ValueSource(strings = {"S", "B", "SBI", "NI", "SBI_energy_scale_up", "SBI_energy_scale_down",
        "B_energy_scale_down", "NI_ni_shape_up", "NI_ni_shape_down", "NI_energy_scale_up"})
    void eventsFollowTheExactDensityOnEachFeatureAndOnMassCosine(String name) {
        OffshellSample sample = OffshellSample.byName(name);
        OffshellEvents ev = OffshellSimulator.generate(sample, SEED, N, 4096);
        assertDistributed(sample.rates(), ev, name);
    }

    private static void assertDistributed(OffshellRates rates, OffshellEvents ev, String what) {
        String[] f = OffshellEvents.FEATURES;
        double[] p = new double[4];
        for (int k = 0; k < 3; k++) {
            p[k] = ExactMarginals.ksPValue(rates, ev, k);
        }
        p[3] = ExactMarginals.chiSquarePValueMassCosine(rates, ev);
        System.out.printf("%s (%d events): KS p(m) = %.3f, p(c) = %.3f, p(y) = %.3f; chi2 p(m,c) = %.3f%n",
                what, ev.size(), p[0], p[1], p[2], p[3]);
        for (int k = 0; k < 3; k++) {
            assertTrue(p[k] > 0.01, what + ": KS p-value of " + f[k] + " = " + p[k]);
        }
        assertTrue(p[3] > 0.01, what + ": chi-square p-value of (m, c) = " + p[3]);
    }

    @Test
    void aWrongDensityIsRejected() {
        // the tests have power: SBI events against the S+B density (no interference) fail
        OffshellEvents ev = OffshellSimulator.generate(OffshellSample.byName("SBI"), SEED, N, 4096);
        OffshellRates noInterference = OffshellRates.of(1, 0, 1, 0, 0, 0);
        assertTrue(ExactMarginals.ksPValue(noInterference, ev, 0) < 1e-6);
        assertTrue(ExactMarginals.chiSquarePValueMassCosine(noInterference, ev) < 1e-6);
        // and a 1 % energy-scale shift of SBI is visible in m
        OffshellEvents up = OffshellSimulator.generate(OffshellSample.byName("SBI_energy_scale_up"), SEED, 100_000, 8192);
        assertTrue(ExactMarginals.ksPValue(OffshellProcess.SBI.rates(), up, 0) < 0.01);
    }

    @Test
    void observedDataAtATruthFollowTheTruthAndPoissonAndAux() {
        double mu = 1.5;
        double[] alpha = {0.5, 0.3, -0.8};
        OffshellRates truth = OffshellRates.truth(mu, alpha);
        List<OffshellEvents> parts = new ArrayList<>();
        double[] auxSum = new double[3];
        long nSum = 0;
        int experiments = 40;
        for (int e = 0; e < experiments; e++) {
            OffshellObservation obs = OffshellSimulator.observed(mu, alpha, 1000 + e);
            parts.add(obs.events());
            nSum += obs.events().size();
            for (int k = 0; k < 3; k++) {
                auxSum[k] += obs.aux()[k];
            }
            assertEquals(obs.events().size(), obs.events().sumOfWeights(), 1e-9, "observed weights are 1");
        }
        double nu = truth.yield();
        assertEquals(nu, (double) nSum / experiments, 4 * Math.sqrt(nu / experiments), "mean N_obs");
        for (int k = 0; k < 3; k++) {
            assertEquals(alpha[k], auxSum[k] / experiments, 4 / Math.sqrt(experiments), "mean aux " + k);
        }
        assertDistributed(truth, OffshellEvents.concat(parts), "observed at mu = 1.5, alpha = (0.5, 0.3, -0.8)");
        OffshellObservation again = OffshellSimulator.observed(mu, alpha, 1000);
        assertArrayEquals(parts.get(0).m(), again.events().m(), "observed data are a function of the seed");
    }

    @Test
    void weightsSumToTheSampleYield() {
        for (OffshellSample s : OffshellSample.all()) {
            OffshellEvents ev = OffshellSimulator.generate(s, SEED, 1000, 300);
            assertEquals(1000, ev.size());
            assertEquals(s.yield(), ev.sumOfWeights(), 1e-9 * s.yield(), s.name());
        }
        assertEquals(400 * 1.10, OffshellSample.byName("NI_ni_norm_up").yield(), 1e-9);
        assertEquals(400 * 0.92, OffshellSample.byName("NI_ni_norm_down").yield(), 1e-9);
        assertEquals(35 * 1.01, OffshellSample.byName("S_energy_scale_up").yield(), 1e-9);
    }

    @Test
    void blocksArePureFunctionsOfSeedSampleIndexAndSize() {
        OffshellSample sbi = OffshellSample.byName("SBI");
        long total = 10_000;
        int size = 1024;
        int blocks = OffshellSimulator.numBlocks(total, size);
        assertEquals(10, blocks);
        OffshellEvents sequential = OffshellSimulator.generate(sbi, SEED, total, size);
        // in reverse order and in parallel: the same events
        OffshellEvents[] parallel = new OffshellEvents[blocks];
        IntStream.range(0, blocks).parallel().forEach(b -> parallel[b] = OffshellSimulator.block(sbi, SEED, b, size, total));
        List<OffshellEvents> reversed = new ArrayList<>();
        for (int b = blocks - 1; b >= 0; b--) {
            reversed.add(0, OffshellSimulator.block(sbi, SEED, b, size, total));
        }
        for (OffshellEvents other : List.of(OffshellEvents.concat(Arrays.asList(parallel)),
                OffshellEvents.concat(reversed))) {
            assertArrayEquals(sequential.m(), other.m());
            assertArrayEquals(sequential.c(), other.c());
            assertArrayEquals(sequential.y(), other.y());
            assertArrayEquals(sequential.weight(), other.weight());
        }
        assertEquals(10_000 - 9 * 1024, OffshellSimulator.block(sbi, SEED, 9, size, total).size());
        float[] b0 = OffshellSimulator.block(sbi, SEED, 0, size, total).m();
        assertFalse(Arrays.equals(b0, OffshellSimulator.block(sbi, SEED, 1, size, total).m()), "blocks differ");
        assertFalse(Arrays.equals(b0, OffshellSimulator.block(sbi, SEED + 1, 0, size, total).m()), "seeds differ");
        assertFalse(Arrays.equals(b0, OffshellSimulator.block(sbi, SEED, 0, size + 1, total).m()), "sizes differ");
        float[] s = OffshellSimulator.block(OffshellSample.byName("S"), SEED, 0, size, total).c();
        float[] sUp = OffshellSimulator.block(OffshellSample.byName("S_energy_scale_up"), SEED, 0, size, total).c();
        assertFalse(Arrays.equals(s, sUp), "sample names enter the seed");
    }

    @Test
    void badBlockArgumentsAreRejectedWithTheirValues() {
        OffshellSample s = OffshellSample.byName("S");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OffshellSimulator.block(s, 1, 3, 100, 250));
        assertEquals("blockIndex = 3; expected 0 <= blockIndex < 3 for 250 events in blocks of 100", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OffshellSimulator.numBlocks(10, 0));
        assertEquals("blockSize = 0; expected >= 1", e.getMessage());
        UserError unknown = assertThrows(UserError.class, () -> OffshellSample.byName("SBI_up"));
        assertTrue(unknown.getMessage().startsWith("unknown off-shell toy sample 'SBI_up'; known: S, B, SBI, NI, "
                + "S_energy_scale_up,"), unknown.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OffshellSample.varied(OffshellProcess.SBI, OffshellNuisance.NI_SHAPE, 1));
        assertEquals("nuisance parameter ni_shape does not act on process SBI; it acts on NI only", e.getMessage());
    }

    @Test
    void inverseCdfsInvertTheirCdfs() {
        for (double u = 0; u <= 1.0; u += 0.01) {
            double c = OffshellSimulator.onePlusCosSquaredInverse(u);
            assertEquals(u, (3 * c + c * c * c + 4) / 8, 1e-12, "F(c(u)) at u = " + u);
            double m = OffshellSimulator.powerLawInverse(3, 198, 1010, u);
            double f = OffshellToy.powerLawIntegral(3, 198, m) / OffshellToy.powerLawIntegral(3, 198, 1010);
            assertEquals(u, f, 1e-12, "F(m(u)) at u = " + u);
        }
    }

    @Test
    void aBlockIsDrawnFromTheOneKeyedStreamSchemeOfTheToys() {
        OffshellSample sbi = OffshellSample.byName("SBI");
        long total = 2500;
        int size = 1000;
        for (int b = 0; b < 3; b++) {
            OffshellEvents block = OffshellSimulator.block(sbi, SEED, b, size, total);
            OffshellEvents keyed = OffshellSimulator.draw(sbi.rates(), ToyRandom.of(SEED, "simulator/SBI", b, size),
                    block.size(), sbi.yield() / total);
            assertArrayEquals(keyed.m(), block.m(), 0f, "block " + b + ": m");
            assertArrayEquals(keyed.c(), block.c(), 0f, "block " + b + ": c");
            assertArrayEquals(keyed.y(), block.y(), 0f, "block " + b + ": y");
            assertArrayEquals(keyed.weight(), block.weight(), 0, "block " + b + ": weights");
        }
    }
}
