package org.nsbi.stats.belt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.toys.SparsePoissonSampler;
import org.nsbi.stats.toys.ToyBlockRunner;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * Coverage on the counting experiment with a large background (b = 100, nearly continuous): belts from the toys,
 * coverage from independent experiments (another stream purpose) at the same mu; Neyman covers at the stated rate
 * within 3 binomial sigma.
 */
class CoverageTest {

    @Test
    void neymanIntervalsCoverAtTheStatedRate() {
        double b = 100;
        double[] grid = {0, 5, 10, 20};
        FeldmanCousinsTest.CountingFit fit = new FeldmanCousinsTest.CountingFit(b);
        List<ToyOutcome> toys = new ArrayList<>();
        List<ToyOutcome> experiments = new ArrayList<>();
        for (int m = 0; m < grid.length; m++) {
            SparsePoissonSampler s = SparsePoissonSampler.of(new double[] {grid[m] + b}, new double[0]);
            toys.addAll(ToyBlockRunner.run(5, m, grid[m], 0, 4000, s, fit));
            experiments.addAll(ToyBlockRunner.run(5, "coverage", m, grid[m], 0, 4000, s, fit));
        }
        assertTrue(!toys.get(0).equals(experiments.get(0)) || toys.get(1).nPe() != experiments.get(1).nPe(),
                "the experiments are not the belt's toys");
        Belt belt = Belt.build(grid, toys, List.of(0.6827, 0.9545));
        List<Coverage> coverage = Coverage.of(belt, experiments, grid);
        assertEquals(16, coverage.size(), "4 mu x 2 levels x 2 methods");
        for (Coverage c : coverage) {
            if (c.method().equals("neyman")) {
                // the toys' quantile has its own MC error: allow 3 sigma of both
                double sigma = Math.sqrt(2) * Math.sqrt(c.cl() * (1 - c.cl()) / c.n());
                assertEquals(c.cl(), c.fraction(), 3 * sigma + 0.01, "Neyman coverage at mu = " + c.mu() + ", CL " + c.cl());
            }
        }
    }

    @Test
    void coverageIsCheckedAtGridPointsOnly() {
        Belt belt = Belt.build(new double[] {0, 1}, List.of(
                new ToyOutcome(0, 0, 0, 0.5, 0, new double[0], true, null, 3, null, false),
                new ToyOutcome(1, 1, 0, 0.5, 1, new double[0], true, null, 3, null, false)), List.of(0.6827));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Coverage.of(belt, List.of(), new double[] {0.5}));
        assertEquals("mu_true = 0.5 is not a grid point of the belt [0.0, 1.0]; coverage is checked at grid points", e.getMessage());
    }
}
