package org.nsbi.stats.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nsbi.stats.adaptive.SmoothCriticalValues.Form.SQRT;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.belt.BeltPoint;
import org.nsbi.stats.toys.ToyOutcome;

/** The held-out check accepts the right form and rejects a wrong one; the smooth belt reads its t_c from the fit. */
class SmoothCriticalValuesTest {

    private static final double[] GRID = {0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4};
    private static final List<Double> CLS = List.of(0.6827, 0.9545);

    /** t = scale(mu) * Exp(1): its CL-quantile is -ln(1 - CL) * scale(mu). */
    private static List<ToyOutcome> toys(int perPoint, long seed, DoubleUnaryOperator scale) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<ToyOutcome> toys = new ArrayList<>();
        for (int m = 0; m < GRID.length; m++) {
            for (int i = 0; i < perPoint; i++) {
                double t = -Math.log(1 - rng.nextDouble()) * scale.applyAsDouble(GRID[m]);
                toys.add(new ToyOutcome(m, GRID[m], i, t, GRID[m] + 0.01 * i, new double[0], true, null, 1, null, false));
            }
        }
        return toys;
    }

    @Test
    void theHeldOutCheckAcceptsTheRightFormAtEveryLevel() {
        // the quantile curve is (1 + sqrt(mu)) * q: in the fitted form
        SmoothCriticalValues s = SmoothCriticalValues.fit(GRID, toys(1000, 1, mu -> 1 + Math.sqrt(mu)), CLS, SQRT);
        for (SmoothCriticalValues.Check c : s.checks()) {
            assertEquals(GRID.length, c.dof());
            assertTrue(c.withinMonteCarloError(), "CL " + c.cl() + ": chi2 " + c.chi2() + ", p " + c.pValue());
        }
        assertTrue(s.warnings().isEmpty(), s.warnings().toString());
    }

    @Test
    void theHeldOutCheckRejectsAFormThatCannotFollowTheQuantiles() {
        // a step at mu = 2: no a + b sqrt(mu) + c mu follows it, and 1000 toys per point see the miss
        SmoothCriticalValues s = SmoothCriticalValues.fit(GRID, toys(1000, 2, mu -> mu < 2 ? 1 : 3), CLS, SQRT);
        SmoothCriticalValues.Check c = s.checks().get(0);
        assertFalse(c.withinMonteCarloError(), "chi2 " + c.chi2() + ", p " + c.pValue());
        assertTrue(s.warnings().get(0).contains("CL 0.6827"), s.warnings().toString());
    }

    @Test
    void theSmoothBeltTakesItsCriticalValuesAndAcceptanceRegionsFromTheFit() {
        List<ToyOutcome> toys = toys(15, 3, mu -> 1 + Math.sqrt(mu)); // 15 toys: too few for 95.45 % per point
        SmoothCriticalValues s = SmoothCriticalValues.fit(GRID, toys, CLS, SQRT);
        Belt perPoint = Belt.build(GRID, toys, CLS);
        Belt smooth = s.belt(GRID, toys, CLS);
        for (int m = 0; m < GRID.length; m++) {
            assertTrue(perPoint.point(m, 0.9545).tooFewToys());
            for (double cl : CLS) {
                BeltPoint p = smooth.point(m, cl);
                double tc = s.fits().get(CLS.indexOf(cl)).at(GRID[m]);
                assertEquals(tc, p.tCrit(), 0.0);
                assertFalse(p.tooFewToys(), "the fit holds at every point");
                int index = m;
                double lo = toys.stream().filter(o -> o.muIndex() == index && o.t() <= tc).mapToDouble(ToyOutcome::muHat)
                        .min().orElse(Double.NaN);
                assertEquals(lo, p.muhatLo(), 0.0, "the acceptance region is read with the fitted t_c");
                assertEquals(perPoint.point(m, cl).tCritLo(), p.tCritLo(), 0.0, "the band stays the point's own");
            }
        }
    }
}
