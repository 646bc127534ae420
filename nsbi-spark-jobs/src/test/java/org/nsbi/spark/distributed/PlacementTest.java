package org.nsbi.spark.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nsbi.model.UserError;

/** The one-JVM-or-distributed choice: by size at 1/8 of the heap, forced by the option, bad values refused. */
class PlacementTest {

    private static final long HEAP = 8_000_000_000L;

    @Test
    void autoKeepsATableUpToAnEighthOfTheHeapInOneJvm() {
        // 1e6 rows of 25 floats = 100 MB; the limit is 1 GB
        assertEquals(Placement.Mode.SINGLE, Placement.choose("auto", 1_000_000, 25, HEAP).mode());
        assertEquals(Placement.Mode.SINGLE, Placement.choose(null, 10_000_000, 25, HEAP).mode(), "exactly at the limit");
        Placement big = Placement.choose("AUTO", 10_000_001, 25, HEAP);
        assertEquals(Placement.Mode.DISTRIBUTED, big.mode());
        assertEquals(1_000_000_100L, big.tableBytes());
        assertEquals(1_000_000_000L, big.limitBytes());
        assertEquals("10000001 events, 1000.0 MB of rows above the one-JVM limit of 1000.0 MB (1/8 of the smaller heap,"
                + " 8000 MB)", big.reason());
        assertEquals("distributed", big.record().place());
    }

    @Test
    void theOptionForcesEitherPlace() {
        assertEquals(Placement.Mode.DISTRIBUTED, Placement.choose("distributed", 10, 25, HEAP).mode());
        assertEquals(Placement.Mode.SINGLE, Placement.choose("single", 100_000_000, 25, HEAP).mode());
    }

    @Test
    void anotherValueIsRefusedNamingTheOptionAndTheChoices() {
        UserError e = assertThrows(UserError.class, () -> Placement.check("cluster"));
        assertEquals("--placement = cluster; expected one of auto, single, distributed", e.getMessage());
    }
}
