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

/** A toy is a function of (seed, mu index, toy index) only: same results in any order or grouping. */
class DeterminismTest {

    @Test
    void toysAreIdenticalInAnyOrderOrGrouping() {
        MixtureModel model = TestModels.offshellLike();
        EventTable ref = TestModels.randomEvents(model, 4000, 9);
        double[] alpha = new double[3];
        SparsePoissonSampler sampler = SparsePoissonSampler.of(AsimovWeights.compute(model, ref, 1.0, alpha).weights(), alpha);
        ProfileLikelihoodFit fit = new ProfileLikelihoodFit(model, ref);
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
        assertNotEquals(oneBlock.get(0).nPe(), ToyBlockRunner.run(42, 4, 1.0, 0, 1, sampler, fit).get(0).nPe() + 0.5);
    }
}
