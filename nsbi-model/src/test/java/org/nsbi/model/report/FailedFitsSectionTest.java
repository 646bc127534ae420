package org.nsbi.model.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.toys.ToyOutcome;

/** The report draws failed fits only when there are some; otherwise it says in a line that none failed. */
class FailedFitsSectionTest {

    @Test
    void aRunWithoutFailedFitsHasALineInsteadOfAPlotOfZeros() {
        RunData withFailures = SmallRun.runData(null);
        List<ToyOutcome> converged = SmallRun.toys().stream().map(o -> o.converged() ? o
                : new ToyOutcome(o.muIndex(), o.muTrue(), o.toyIndex(), 1.0, o.muHat(), o.alphaHat(), true, null, o.nPe(),
                        null, false))
                .toList();
        Belt belt = Belt.build(SmallRun.GRID, converged, SmallRun.CLS);
        RunData clean = new RunData(withFailures.run(), withFailures.summary(), belt, withFailures.toys(),
                withFailures.scans(), null, null);
        Report none = Report.of(clean);
        assertFalse(none.figures().stream().anyMatch(f -> f.name().equals("failed-fits")), "no plot of zeros");
        assertTrue(none.html().contains("<p>No fit failed: every toy's fits converged.</p>"), "a line instead");
        Report some = Report.of(withFailures);
        assertTrue(some.figures().stream().anyMatch(f -> f.name().equals("failed-fits")), "2 failed fits are drawn");
        assertFalse(some.html().contains("No fit failed"));
    }
}
