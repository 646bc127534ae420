package org.nsbi.model.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;
import org.nsbi.stats.toys.ToyBlockRunner;
import org.nsbi.stats.toys.ToyOutcome;

class KernelWarmUpTest {

    private static MixtureModel model() {
        return MixtureModel.of(List.of(
                new Process("S", 30, Coefficient.parse("mu"), new double[] {1.05, 1}, new double[] {0.95, 1},
                        new boolean[] {true, false}),
                new Process("B", 200, Coefficient.parse("1"), new double[] {1, 1.1}, new double[] {1, 0.9},
                        new boolean[] {true, true})), List.of("a", "b"), "mu", 0, 5);
    }

    @Test
    void theRealToysAreTheSameWithAWarmUpBesideThem() {
        MixtureModel model = model();
        EventTable reference = KernelWarmUp.reference(model); // any sample: here the warm-up's own
        double[] grid = {0, 1, 2};
        ToyWorkload w = new ToyWorkload(model, reference, grid, new double[3][2]);
        List<ToyOutcome> alone = ToyBlockRunner.run(5, 1, grid[1], 0, 40, w.sampler(1), w.fit());
        List<ToyOutcome> beside;
        try (KernelWarmUp warmUp = KernelWarmUp.start(model, grid)) {
            ToyWorkload again = new ToyWorkload(model, reference, grid, new double[3][2]);
            beside = ToyBlockRunner.run(5, 1, grid[1], 0, 40, again.sampler(1), again.fit());
        }
        assertEquals(alone, beside);
    }

    @Test
    void theWarmUpFitsToysOfTheModelsSizeUntilItIsClosedOrHasRunItsMost() throws InterruptedException {
        MixtureModel model = model();
        KernelWarmUp warmUp = KernelWarmUp.start(model, new double[] {0, 1, 2});
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (warmUp.toys() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        warmUp.close();
        int toys = warmUp.toys();
        assertNull(warmUp.failure());
        assertTrue(toys >= 20 && toys <= KernelWarmUp.MOST_TOYS, "warm-up toys: " + toys);
        Thread.sleep(50);
        assertEquals(toys, warmUp.toys(), "no toy after close");

        // the built-in sample: weights summing to 1, so a toy has the model's expected events (about 230 at mu = 0)
        EventTable reference = KernelWarmUp.reference(model);
        assertEquals(KernelWarmUp.EVENTS, reference.size());
        assertEquals(1.0, reference.sumOfWeights(), 1e-4);
        List<ToyOutcome> toysAtZero = ToyBlockRunner.run(3, KernelWarmUp.PURPOSE, 0, 0.0, 0, 50,
                new ToyWorkload(model, reference, new double[] {0}, new double[1][2]).sampler(0),
                new ToyWorkload(model, reference, new double[] {0}, new double[1][2]).fit());
        double mean = toysAtZero.stream().mapToLong(ToyOutcome::nPe).average().orElseThrow();
        assertEquals(200, mean, 4 * Math.sqrt(200.0 / 50), "mean events per toy at mu = 0");
        assertTrue(toysAtZero.stream().allMatch(o -> Double.isFinite(o.t())), "every warm-up toy fits");
    }
}
