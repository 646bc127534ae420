package org.nsbi.stats.toys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PseudoExperimentTest {

    @Test
    void totalCountSumsTheCounts() {
        PseudoExperiment pe = new PseudoExperiment(new int[] {2, 5, 9}, new int[] {1, 2, 1}, new double[] {0.3});
        assertEquals(4, pe.totalCount());
    }

    @Test
    void equalityIsByContent() {
        PseudoExperiment a = new PseudoExperiment(new int[] {1, 3}, new int[] {1, 1}, new double[] {0.5});
        PseudoExperiment b = new PseudoExperiment(new int[] {1, 3}, new int[] {1, 1}, new double[] {0.5});
        PseudoExperiment c = new PseudoExperiment(new int[] {1, 3}, new int[] {1, 2}, new double[] {0.5});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
    }

    @Test
    void rejectsUnsortedIndicesWithPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PseudoExperiment(new int[] {4, 4}, new int[] {1, 1}, new double[0]));
        assertTrue(e.getMessage().contains("eventIndex[1] = 4 follows 4"), e.getMessage());
    }

    @Test
    void rejectsZeroCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PseudoExperiment(new int[] {1}, new int[] {0}, new double[0]));
        assertTrue(e.getMessage().contains("count[0] = 0"), e.getMessage());
    }
}
