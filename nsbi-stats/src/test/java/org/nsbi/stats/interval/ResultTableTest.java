package org.nsbi.stats.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.toys.ToyOutcome;

class ResultTableTest {

    /** A belt on the grid [0, 1, 2] with {@code toys} converged toys per point. */
    private static Belt belt(int toys) {
        List<ToyOutcome> outcomes = new ArrayList<>();
        double[] grid = {0, 1, 2};
        for (int m = 0; m < grid.length; m++) {
            for (int t = 0; t < toys; t++) {
                outcomes.add(new ToyOutcome(m, grid[m], t, t / (double) toys, grid[m], new double[0], true, null, 10, null, false));
            }
        }
        return Belt.build(grid, outcomes, List.of(0.6827));
    }

    private static ResultTable asimov(double muHat) {
        return asimov(muHat, false);
    }

    private static ResultTable asimov(double muHat, boolean atBound) {
        return new ResultTable("asimov at mu = 1.0", muHat, List.of("a"), new double[] {0.25},
                new double[] {atBound ? Double.NaN : 0.5}, new boolean[] {atBound}, List.of(
                new ConfidenceInterval(0.6827, "neyman", List.of(new double[] {0.5, 1.5}), false),
                new ConfidenceInterval(0.6827, "wilks", List.of(new double[] {0.5, 1.5}), false)));
    }

    @Test
    void anAsimovMuHatFarFromTheInjectedMuIsExplained() {
        List<String> w = asimov(1.063).warnings(belt(100), 1.0);
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("the Asimov fit's mu-hat = 1.0630 is 0.0630 from the injected mu = 1, 13% of the"
                + " 68.27% interval's half-width"), w.get(0));
        assertTrue(w.get(0).contains("normalise_ratios: true"), w.get(0));
        assertEquals(List.of(), asimov(1.01).warnings(belt(100), 1.0), "within a tenth of the half-width");
    }

    @Test
    void tooFewToysForALevelAreNamed() {
        List<String> w = asimov(1.0).warnings(belt(20), 1.0);
        assertEquals(List.of("at CL 68.27%, 3 of 3 grid points (mu = 0, 1, 2) have N(1-CL) < 10 (N = 20 toys): their"
                + " critical values rest on fewer than 10 toys beyond them; raise neyman.toys_per_point to at least 32"), w);
    }

    /** Smooth critical values pool every toy of the grid: 3 points of 20 toys leave 19 beyond t_c at 68.27 %, enough. */
    @Test
    void smoothCriticalValuesAreJudgedOnTheToysOfTheWholeGrid() {
        assertEquals(List.of(), asimov(1.0).warnings(belt(20), 1.0, true), "60 pooled toys, 19 beyond t_c");
        assertEquals(List.of("at CL 68.27%, the smooth critical values rest on 15 toys over the grid, fewer than 10 beyond"
                + " them: raise neyman.toys_per_point"), asimov(1.0).warnings(belt(5), 1.0, true));
    }

    @Test
    void aFitOnABoundIsWarnedAboutAndMarked() {
        ResultTable t = asimov(1.0, true);
        assertEquals("  \u03b1\u0302 \u00b1 \u03c3 (pulls): a = +0.250 (at bound)", t.lines().get(1), "no sigma on a bound");
        assertEquals(List.of("the fit of the data ended on a bound of a = 0.25 (the config's bounds): there alpha-hat is not a"
                + " minimum of the likelihood; widen the bounds, or look at the model"), t.warnings(belt(100), 1.0));
    }

    @Test
    void theTableNamesThePulls() {
        List<String> lines = asimov(1.0).lines();
        assertEquals("Asimov data at mu = 1.0:  \u03bc\u0302 = 1.0000", lines.get(0));
        assertEquals("  \u03b1\u0302 \u00b1 \u03c3 (pulls): a = +0.250 \u00b1 0.500", lines.get(1));
        assertTrue(lines.get(3).startsWith("  68.27%   [0.500, 1.500]"), lines.get(3));
    }
}
