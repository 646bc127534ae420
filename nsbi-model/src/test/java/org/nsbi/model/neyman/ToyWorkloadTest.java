package org.nsbi.model.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.model.output.AsimovClosure;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/** What a toy task's workload keeps: the Asimov closure of the points whose samplers it built. */
class ToyWorkloadTest {

    /**
     * The closure of a point whose sampler was built is the one read off its weights; the others are computed when
     * asked; all equal the plain closure bit for bit.
     */
    @Test
    void theAsimovClosuresAreThoseOfThePlainWeightsReadOffTheSamplersBuilt() {
        EventTable table = NeymanPlanHashTest.table(3000, 7);
        MixtureModel model = NeymanPlanHashTest.model();
        double[] grid = {0.5, 1, 2};
        double[][] alpha = {{0, 0}, {0.3, -0.2}, {1, 0.5}};
        ToyWorkload w = new ToyWorkload(model, table, grid, alpha);
        w.sampler(1);
        List<AsimovClosure> closures = w.asimovClosures();
        for (int m = 0; m < grid.length; m++) {
            assertEquals(AsimovClosure.of(grid[m], AsimovWeights.compute(model, table, grid[m], alpha[m])), closures.get(m),
                    "mu " + grid[m]);
        }
        assertSame(closures.get(1), w.asimovClosures().get(1), "read off the sampler's weights");
        assertNotSame(closures.get(0), w.asimovClosures().get(0), "computed when asked");
    }
}
