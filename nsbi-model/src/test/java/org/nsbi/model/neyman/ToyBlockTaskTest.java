package org.nsbi.model.neyman;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToyBlockTaskTest {

    /**
     * Blocks of 1..7 toys in 3 slices, cut as Spark's parallelize cuts a list (slice p holds positions
     * [p n / slices, (p + 1) n / slices)): positions 0-1, 2-3 and 4-6.
     */
    @Test
    void theToysOfASliceAreThoseOfTheBlocksSparkPutsInIt() {
        List<ToyBlockTask> blocks = new ArrayList<>();
        int from = 0;
        for (int n = 1; n <= 7; n++) {
            blocks.add(new ToyBlockTask(0, 0.5, from, from + n));
            from += n;
        }
        assertEquals(28, ToyBlockTask.toys(blocks));
        assertEquals(1 + 2, ToyBlockTask.toysInSlice(blocks, 3, 0));
        assertEquals(3 + 4, ToyBlockTask.toysInSlice(blocks, 3, 1));
        assertEquals(5 + 6 + 7, ToyBlockTask.toysInSlice(blocks, 3, 2));
    }
}
