package org.nsbi.stats.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.expr.Coefficient;
import org.nsbi.stats.fit.FitResult;
import org.nsbi.stats.fit.ProfileFitter;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.fit.TwoMinimaNll;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.model.Process;
import org.nsbi.stats.toys.ToyOutcome;

class ObservedScanTest {

    /**
     * The NLL of ProfileFitterTest's two-minima data set: minima at mu ~ 1.23 (lower) and ~ 6.85 (higher by ~0.47).
     * The scan is handed the fit at the higher one as its global fit. A conditional NLL near 1.23 falls below it,
     * so the scan must refit the global minimum and start again: the reported mu-hat is the lower minimum and every
     * t(mu) of the scan refers to it (equal to t from its own global fit).
     */
    @Test
    void everyTOfTheScanRefersToTheOneGlobalMinimum() {
        Nll nll = TwoMinimaNll.of();
        FitResult truth = ProfileFitter.withDefaults().global(nll);
        FitResult higher = ProfileFitter.withDefaults().conditional(nll, 6.85);
        assertTrue(higher.nll() > truth.nll() + 0.4, "the other minimum is higher by ~0.47");

        double[] grid = {0, 2.5, 5, 7.5, 10};
        List<ToyOutcome> toys = new ArrayList<>();
        for (int m = 0; m < grid.length; m++) {
            for (int i = 0; i < 20; i++) {
                toys.add(new ToyOutcome(m, grid[m], i, 0.3 * i, 1, new double[0], true, null, 356, null, false));
            }
        }
        Belt belt = Belt.build(grid, toys, List.of(0.6827));
        ObservedScan.Result scan = ObservedScan.run(nll, belt, 40, higher);

        assertEquals(truth.mu(), scan.global().mu(), 1e-4, "mu-hat is the lower minimum");
        assertEquals(truth.nll(), scan.global().nll(), 1e-7);
        TestStatistic ts = TestStatistic.withDefaults();
        for (int i = 0; i < scan.mu().length; i++) {
            assertEquals(ts.at(nll, scan.mu()[i]).t(), scan.t()[i], 1e-6, "t at mu = " + scan.mu()[i]);
        }
    }

    /**
     * A counting experiment (signal 50 mu, background 10000 with a yield parameter b_norm, kappa = 1.5, aux 0) with
     * 1000 observed events: the fits want b_norm near ln(0.1) / ln(1.5) = -5.7, below -5. With the default bounds the scan must
     * flag those mu in scan.csv's at_bound column and warn naming b_norm and its bounds; with [-10, 10] nothing is
     * flagged.
     */
    @Test
    void fitsOnABoundAreFlaggedInTheScanAndWarnedAbout() {
        MixtureModel model = MixtureModel.of(List.of(
                Process.unaffected("S", 50, Coefficient.parse("mu"), 1),
                new Process("B", 10000, Coefficient.parse("1"), new double[] {1.5}, new double[] {1 / 1.5}, new boolean[] {false})),
                List.of("b_norm"), "mu", 0, 5);
        EventTable events = EventTable.of(model, new float[] {1000}, new float[][] {{1}, {1}}, null, null);
        double[] grid = {0, 1, 2, 3, 4, 5};
        List<ToyOutcome> toys = new ArrayList<>();
        for (int m = 0; m < grid.length; m++) {
            for (int i = 0; i < 20; i++) {
                toys.add(new ToyOutcome(m, grid[m], i, 0.3 * i, 1, new double[] {0}, true, null, 1000, null, false));
            }
        }
        Belt belt = Belt.build(grid, toys, List.of(0.6827));

        ObservedScan.Result bounded = ObservedScan.run(Nll.of(model, events, null, new double[] {0}), belt, 10);
        assertTrue(bounded.atBound()[0], "at mu = 0 b_norm is held at -5");
        String csv = bounded.scanCsv(belt);
        assertTrue(csv.startsWith("mu,t_obs,t_crit_68,at_bound\n0.0,"), csv);
        assertTrue(csv.lines().skip(1).findFirst().orElseThrow().endsWith(",true"), csv);
        String w = String.join("\n", bounded.warnings());
        assertTrue(w.contains("b_norm on a bound") && w.contains("b_norm in [-5.0, 5.0]")
                && w.contains("widen them with 'bounds: [lo, hi]'"), w);

        MixtureModel wide = model.withNuisanceBounds(new double[] {-10}, new double[] {10});
        ObservedScan.Result free = ObservedScan.run(Nll.of(wide, events, null, new double[] {0}), belt, 10);
        for (boolean b : free.atBound()) {
            assertFalse(b, "within [-10, 10]: " + free.scanCsv(belt));
        }
        assertEquals(List.of(), free.warnings());
        assertTrue(free.global().alpha()[0] < -5, "the unbounded fit goes beyond -5: " + free.global());
    }
}
