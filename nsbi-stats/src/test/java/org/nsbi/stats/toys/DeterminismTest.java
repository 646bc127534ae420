package org.nsbi.stats.toys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.likelihood.TestModels;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;

/** A toy is a function of (seed, mu value, toy index) only: same results in any order or grouping, at any grid index. */
class DeterminismTest {

    private static final MixtureModel MODEL = TestModels.offshellLike();
    private static final EventTable REF = TestModels.randomEvents(MODEL, 4000, 9);
    private final SparsePoissonSampler sampler = SparsePoissonSampler.of(
            AsimovWeights.compute(MODEL, REF, 1.0, new double[3]).weights(), new double[3]);
    private final ProfileLikelihoodFit fit = new ProfileLikelihoodFit(MODEL, REF);

    @Test
    void toysAreIdenticalInAnyOrderOrGrouping() {
        List<ToyOutcome> oneBlock = ToyBlockRunner.run(42, 3, 1.0, 0, 12, sampler, fit);
        List<ToyOutcome> pieces = new ArrayList<>();
        pieces.addAll(ToyBlockRunner.run(42, 3, 1.0, 8, 12, sampler, fit));
        for (int i = 7; i >= 0; i--) {
            pieces.addAll(ToyBlockRunner.run(42, 3, 1.0, i, i + 1, sampler, fit));
        }
        pieces.sort(Comparator.comparingInt(ToyOutcome::toyIndex));
        assertEquals(oneBlock, pieces, "same outcomes toy by toy");
        assertEquals(12, oneBlock.stream().filter(ToyOutcome::converged).count(), "every fit converged");
        assertNotEquals(oneBlock.get(0), ToyBlockRunner.run(43, 3, 1.0, 0, 1, sampler, fit).get(0), "another seed, another toy");
    }

    @Test
    void aToyIsKeyedByItsMuValueNotItsGridIndex() {
        List<ToyOutcome> atIndex3 = ToyBlockRunner.run(42, 3, 1.0, 0, 4, sampler, fit);
        List<ToyOutcome> atIndex7 = ToyBlockRunner.run(42, 7, 1.0, 0, 4, sampler, fit);
        for (int i = 0; i < 4; i++) {
            ToyOutcome a = atIndex3.get(i);
            ToyOutcome b = atIndex7.get(i);
            assertEquals(7, b.muIndex());
            assertEquals(new ToyOutcome(3, b.muTrue(), b.toyIndex(), b.t(), b.muHat(), b.alphaHat(), b.converged(),
                    b.failure(), b.nPe(), b.failureReason(), b.atBound()), a, "toy " + i + " is the same at grid index 3 and 7 (only the recorded index differs)");
        }
        // the same sampler at another mu value: other streams, so other counts
        long differ = 0;
        List<ToyOutcome> otherMu = ToyBlockRunner.run(42, 3, 1.0 + 1e-6, 0, 4, sampler, fit);
        for (int i = 0; i < 4; i++) {
            differ += otherMu.get(i).nPe() != atIndex3.get(i).nPe() ? 1 : 0;
        }
        assertEquals(true, differ >= 3, "another mu value, other toys: " + differ + " of 4 N_pe differ");
    }

    @Test
    void theMuKeyIsCanonical() {
        assertEquals(ToyRandom.muKey(0.3), ToyRandom.muKey(0.1 + 0.2),
                "0.1 + 0.2 = 0.30000000000000004 is the grid point 0.3");
        assertEquals(ToyRandom.muKey(0.0), ToyRandom.muKey(-0.0));
        assertEquals(Double.doubleToLongBits(1.25), ToyRandom.muKey(1.25));
        assertNotEquals(ToyRandom.muKey(0.3), ToyRandom.muKey(0.3 + 1e-10));
        assertEquals("0.3", ToyRandom.muText(0.1 + 0.2));
        assertEquals("0", ToyRandom.muText(-0.0));
        assertEquals("2", ToyRandom.muText(2.0));
        assertEquals("-0.125", ToyRandom.muText(-0.125));
    }

    /** The toy loop fits from a reused buffer ({@link ExperimentBuffer}): the same fit as from the experiment itself. */
    @Test
    void aFitFromABufferIsTheFitOfTheExperiment() {
        ExperimentBuffer buffer = new ExperimentBuffer();
        for (int i = 0; i < 6; i++) {
            PseudoExperiment pe = sampler.draw(ToyRandom.of(5, "toy", i));
            sampler.drawInto(ToyRandom.of(5, "toy", i), buffer);
            ToyFit a = fit.fit(pe, 1.0);
            ToyFit b = fit.fit(buffer, 1.0);
            assertEquals(a.t(), b.t(), "toy " + i);
            assertEquals(a.muHat(), b.muHat(), "toy " + i);
            assertEquals(java.util.Arrays.toString(a.alphaHat()), java.util.Arrays.toString(b.alphaHat()), "toy " + i);
        }
    }
}
