package org.nsbi.model.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.toys.ToyOutcome;

class ToyBlockFileTest {

    private static final ToyBlockTask BLOCK = new ToyBlockTask(3, 10, 13);
    private static final List<ToyOutcome> TOYS = List.of(
            new ToyOutcome(3, 0.75, 10, 0.123456789012345, 0.6, new double[] {0.1, -2.5e-17, Double.MIN_VALUE}, true, null, 512,
                    null, true),
            new ToyOutcome(3, 0.75, 11, Double.NaN, Double.NaN, new double[] {Double.NaN, 0, 0}, false,
                    "global fit: no convergence after 200 iterations (edm 3.2e-4) \u03bc", 0, "iteration_limit", false),
            new ToyOutcome(3, 0.75, 12, 0.0, -0.0, new double[0], true, null, Long.MAX_VALUE, null, false));

    @Test
    void aBlockReadBackIsBitIdentical() {
        byte[] bytes = ToyBlockFile.encode(BLOCK, TOYS);
        List<ToyOutcome> back = ToyBlockFile.decode(BLOCK, bytes, "f");
        assertEquals(TOYS, back);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.get(2).muHat()), "the sign of zero too");
        assertTrue(Arrays.equals(bytes, ToyBlockFile.encode(BLOCK, back)));
    }

    @Test
    void aFileOfAnotherBlockOrTruncatedIsRejectedWithItsName() {
        byte[] bytes = ToyBlockFile.encode(BLOCK, TOYS);
        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> ToyBlockFile.decode(new ToyBlockTask(3, 13, 16), bytes, "blocks/x.bin"));
        assertEquals("blocks/x.bin holds ToyBlockTask[muIndex=3, mu=NaN, fromToy=10, toToy=13], expected"
                + " ToyBlockTask[muIndex=3, mu=NaN, fromToy=13, toToy=16]", other.getMessage());
        IllegalStateException cut = assertThrows(IllegalStateException.class,
                () -> ToyBlockFile.decode(BLOCK, Arrays.copyOf(bytes, bytes.length - 5), "blocks/y.bin"));
        assertTrue(cut.getMessage().startsWith("blocks/y.bin is truncated or unreadable"), cut.getMessage());
        byte[] junk = "PAR1 not a block".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("blocks/z.bin is not a toy block checkpoint (bad magic)",
                assertThrows(IllegalStateException.class, () -> ToyBlockFile.decode(BLOCK, junk, "blocks/z.bin")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ToyBlockFile.encode(BLOCK, TOYS.subList(0, 2)));
    }

    @Test
    void aBlockKeyedByItsMuValueIsReadBackAtTheIndexTheValueHasNow() {
        ToyBlockTask computed = new ToyBlockTask(3, 0.75, 10, 13);
        byte[] bytes = ToyBlockFile.encode(computed, TOYS);
        List<ToyOutcome> back = ToyBlockFile.decode(computed.atIndex(5), bytes, "f");
        for (int i = 0; i < TOYS.size(); i++) {
            ToyOutcome o = TOYS.get(i);
            assertEquals(new ToyOutcome(5, o.muTrue(), o.toyIndex(), o.t(), o.muHat(), o.alphaHat(), o.converged(),
                    o.failure(), o.nPe(), o.failureReason(), o.atBound()), back.get(i), "toy " + i + " at the grid index of 0.75 in the refined grid");
        }
        IllegalStateException otherMu = assertThrows(IllegalStateException.class,
                () -> ToyBlockFile.decode(new ToyBlockTask(3, 0.5, 10, 13), bytes, "blocks/w.bin"));
        assertTrue(otherMu.getMessage().startsWith("blocks/w.bin holds ToyBlockTask[muIndex=3, mu=0.75,"), otherMu.getMessage());
        assertThrows(IllegalStateException.class, () -> ToyBlockFile.decode(BLOCK, bytes, "blocks/v.bin"),
                "a block keyed by value is not a block of an index-keyed list");
    }
}
