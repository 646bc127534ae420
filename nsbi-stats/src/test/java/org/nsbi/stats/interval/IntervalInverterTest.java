package org.nsbi.stats.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntervalInverterTest {

    private static double[] grid(double lo, double hi, int steps) {
        double[] g = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            g[i] = lo + (hi - lo) * i / steps;
        }
        return g;
    }

    @Test
    void aParabolaGivesTheExactInterval() {
        ConfidenceInterval ci = IntervalInverter.invert(mu -> (mu - 2) * (mu - 2), grid(0, 5, 50), mu -> 1, 0.6827, "test");
        assertEquals(1, ci.pieces().size());
        assertEquals(1, ci.pieces().get(0)[0], 1e-4);
        assertEquals(3, ci.pieces().get(0)[1], 1e-4);
        assertFalse(ci.atGridEdge());
    }

    @Test
    void aDoubleWellGivesTwoPieces() {
        // t = (mu-1)^2 (mu-3)^2: below 0.5 around 1 and around 3, above it at 2 (t = 1)
        ConfidenceInterval ci = IntervalInverter.invert(mu -> Math.pow((mu - 1) * (mu - 3), 2), grid(0, 4.5, 45),
                mu -> 0.5, 0.68, "test");
        assertEquals(2, ci.pieces().size());
        double root = Math.sqrt(1 - Math.sqrt(0.5)); // (mu-2)^2 = 1 -+ sqrt(0.5)
        assertEquals(2 - Math.sqrt(1 + Math.sqrt(0.5)), ci.pieces().get(0)[0], 1e-4);
        assertEquals(2 - root, ci.pieces().get(0)[1], 1e-4);
        assertEquals(2 + root, ci.pieces().get(1)[0], 1e-4);
    }

    @Test
    void touchingTheGridIsFlagged() {
        ConfidenceInterval ci = IntervalInverter.wilks(mu -> mu * mu, grid(0, 3, 30), 0.6827);
        assertTrue(ci.atGridEdge());
        assertEquals(0, ci.pieces().get(0)[0]);
        assertEquals(Math.sqrt(IntervalInverter.wilksThreshold(0.6827)), ci.pieces().get(0)[1], 1e-4);
    }

    @Test
    void thePhysicalBoundIsNoGridEdge() {
        // mu >= 0: the scan starts on the bound, so a set reaching mu = 0 is complete there
        ConfidenceInterval ci = IntervalInverter.wilks(mu -> mu * mu, grid(0, 3, 30), 0.6827, 0, 10);
        assertFalse(ci.atGridEdge());
        assertTrue(ci.atPoiBound());
        // the same scan ending at 3 < 10 with the set reaching it
        ConfidenceInterval high = IntervalInverter.wilks(mu -> (mu - 3) * (mu - 3), grid(0, 3, 30), 0.6827, 0, 10);
        assertTrue(high.atGridEdge());
        assertFalse(high.atPoiBound());
    }

    @Test
    void anEmptySetBeyondTheScanIsFlaggedAtTheGridEdge() {
        // t has its minimum at mu = 8, beyond the scan [0, 3]: nothing accepted, and the set lies beyond the end
        ConfidenceInterval beyond = IntervalInverter.wilks(mu -> (mu - 8) * (mu - 8), grid(0, 3, 30), 0.6827, 0, 10);
        assertTrue(beyond.empty());
        assertTrue(beyond.atGridEdge());
        // an empty set whose t is smallest inside the scan is empty, not at the edge
        ConfidenceInterval inside = IntervalInverter.invert(mu -> (mu - 1.5) * (mu - 1.5) + 2, grid(0, 3, 30), mu -> 1,
                0.6827, "test", 0, 10);
        assertTrue(inside.empty());
        assertFalse(inside.atGridEdge());
    }

    @Test
    void wilksThresholdsAreOneAndFour() {
        assertEquals(1.0, IntervalInverter.wilksThreshold(0.6827), 1e-3);
        assertEquals(4.0, IntervalInverter.wilksThreshold(0.9545), 2e-3);
    }

    /**
     * An end on a fine grid (the commands' 100 steps) costs two evaluations of t off the grid, both known before either
     * is made ({@link IntervalInverter#firstTries}, so a scan fits them in one round), and lies within the tolerance
     * of the exact end (Brent from the grid points alone took four or five sequential evaluations per end).
     */
    @Test
    void anEndOnAFineGridTakesTwoEvaluationsKnownInAdvance() {
        double[] g = grid(0, 4, 100);
        java.util.function.DoubleUnaryOperator t = mu -> Math.exp(mu) * (mu - 2) * (mu - 2); // no polynomial
        double exactLow = 1.536078; // exp(mu) (mu - 2)^2 = 1 at these mu (bisection to 1e-6)
        double exactHigh = 2.314370;
        java.util.List<Double> offGrid = new java.util.ArrayList<>();
        java.util.function.DoubleUnaryOperator counted = mu -> {
            if (java.util.Arrays.binarySearch(g, mu) < 0) {
                offGrid.add(mu);
            }
            return t.applyAsDouble(mu);
        };
        java.util.List<double[]> brackets = IntervalInverter.brackets(t, g, mu -> 1);
        assertEquals(2, brackets.size());
        java.util.List<Double> tries = new java.util.ArrayList<>();
        for (double[] ab : brackets) {
            for (double mu : IntervalInverter.firstTries(t, mu -> 1, g, java.util.Arrays.binarySearch(g, ab[0]))) {
                tries.add(mu);
            }
        }
        ConfidenceInterval ci = IntervalInverter.invert(counted, g, mu -> 1, 0.6827, "test");
        assertEquals(exactLow, ci.pieces().get(0)[0], 1e-4);
        assertEquals(exactHigh, ci.pieces().get(0)[1], 1e-4);
        assertEquals(tries, offGrid, "the only evaluations off the grid are the first tries, in order");
    }
}
