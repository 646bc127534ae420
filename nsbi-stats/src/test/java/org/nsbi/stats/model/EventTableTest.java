package org.nsbi.stats.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.expr.Coefficient;

/** The row layout of {@link EventTable} gives back the columns it was built from. */
class EventTableTest {

    private static final MixtureModel MODEL = MixtureModel.of(List.of(
            new Process("a", 10, Coefficient.parse("mu"), new double[] {1.1, 1}, new double[] {0.9, 1}, new boolean[] {true, false}),
            new Process("b", 20, Coefficient.parse("1"), new double[] {1, 1}, new double[] {1, 1}, new boolean[] {true, true})),
            List.of("k0", "k1"), "mu", 0, 5);

    private static EventTable table() {
        float[] w = {1, 2, 0, 4};
        float[][] r = {{0.5f, 1.5f, 2.5f, 0}, {1, 2, 3, 4}};
        float[][][] up = {{{1.1f, 1.2f, 1.3f, 1.4f}, null}, {{2.1f, 2.2f, 2.3f, 2.4f}, {3.1f, 0, 3.3f, 3.4f}}};
        float[][][] down = {{{0.9f, 0.8f, 0.7f, 0.6f}, null}, {{1.9f, 1.8f, 1.7f, 1.6f}, {2.9f, 2.8f, 2.7f, 2.6f}}};
        return EventTable.of(MODEL, w, r, up, down);
    }

    @Test
    void everyValueComesBackFromItsRow() {
        EventTable t = table();
        assertEquals(4, t.size());
        assertEquals(2, t.processCount());
        assertEquals(7.0, t.sumOfWeights(), 0);
        assertEquals(4f, t.weight(3));
        assertEquals(2.5f, t.ratio(0, 2));
        assertEquals(3f, t.ratio(1, 2));
        assertTrue(t.hasShape(0, 0));
        assertFalse(t.hasShape(0, 1));
        assertTrue(t.hasShape(1, 1));
        assertEquals(1.3f, t.up(0, 0, 2));
        assertEquals(0.7f, t.down(0, 0, 2));
        assertEquals(2.2f, t.up(1, 0, 1));
        assertEquals(2.7f, t.down(1, 1, 2));
        assertEquals((float) Math.log(3.4f), t.logUp(1, 1, 3));
        assertEquals((float) Math.log(1.6f), t.logDown(1, 0, 3));
        assertEquals((float) Math.log(Code4Interpolation.MIN_RATIO), t.logUp(1, 1, 1), "a ratio of 0 reads as the smallest ratio");
    }

    @Test
    void gatherPicksRowsInTheGivenOrder() {
        EventTable g = table().gather(new int[] {3, 1, 3});
        assertEquals(3, g.size());
        assertEquals(4f, g.weight(0));
        assertEquals(2f, g.weight(1));
        assertEquals(3.4f, g.up(1, 1, 2));
        assertEquals(1.8f, g.down(1, 0, 1));
        assertEquals(10.0, g.sumOfWeights(), 0);
    }

    @Test
    void copiedRowsHoldTheValuesAtTheDeclaredOffsets() {
        EventTable t = table();
        int stride = t.stride();
        float[] buffer = new float[2 * stride];
        t.copyRows(new int[] {2, 0, 1}, 2, buffer);
        assertEquals(0f, buffer[0], "weight of event 2");
        assertEquals(3f, buffer[t.ratioOffset(1)]);
        assertEquals(-1, t.shapeOffset(0, 1));
        int o = t.shapeOffset(1, 1);
        assertEquals(3.3f, buffer[o]);
        assertEquals(2.7f, buffer[o + 1]);
        assertEquals(t.logUp(1, 1, 2), buffer[o + 2]);
        assertEquals(t.logDown(1, 1, 2), buffer[o + 3]);
        assertEquals(1f, buffer[stride], "weight of event 0");
        assertEquals(1.1f, buffer[stride + t.shapeOffset(0, 0)]);
    }

    @Test
    void aMissingShapeColumnIsRefused() {
        float[] w = {1};
        float[][] r = {{1}, {1}};
        float[][][] up = {{{1f}, null}, {{1f}, null}};
        float[][][] down = {{{1f}, null}, {{1f}, null}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventTable.of(MODEL, w, r, up, down));
        assertTrue(e.getMessage().contains("process b under k1"), e.getMessage());
    }
}
