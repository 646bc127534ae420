package org.nsbi.model.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CanonicalOrderTest {

    /** Events with many ties in the first columns (values on a coarse grid), exact duplicates, and -0.0 beside 0.0. */
    private static float[][] events(int n, SplittableRandom random) {
        float[][] columns = new float[3][n];
        for (int i = 0; i < n; i++) {
            if (i > 0 && random.nextInt(8) == 0) { // a duplicate of an earlier event
                int j = random.nextInt(i);
                for (float[] column : columns) {
                    column[i] = column[j];
                }
                continue;
            }
            columns[0][i] = random.nextInt(3) == 0 ? -0.0f : random.nextInt(4) * 0.5f;
            columns[1][i] = random.nextInt(3);
            columns[2][i] = (float) random.nextDouble();
        }
        return columns;
    }

    @Test
    void sortingOrdersByEachColumnInTurnAndKeepsEveryEvent() {
        float[][] columns = events(500, new SplittableRandom(1));
        float[][] given = {columns[0].clone(), columns[1].clone(), columns[2].clone()};
        float[][] sorted = CanonicalOrder.sort(columns);
        for (int i = 1; i < 500; i++) {
            assertTrue(CanonicalOrder.compare(sorted, i - 1, sorted, i) <= 0, "events " + (i - 1) + " and " + i);
            // the first column decides unless equal (Float.compare: -0.0 before 0.0)
            assertTrue(Float.compare(sorted[0][i - 1], sorted[0][i]) <= 0);
        }
        for (int x = 0; x < 3; x++) { // the same multiset of events: columns sorted on their own agree
            float[] a = columns[x].clone();
            float[] b = sorted[x].clone();
            Arrays.sort(a);
            Arrays.sort(b);
            assertArrayEquals(a, b, "column " + x);
        }
        for (int x = 0; x < 3; x++) {
            assertArrayEquals(given[x], columns[x], "the input is left as it was given");
        }
    }

    @Test
    void mergingSortedPartsGivesTheWholeTableSortedWhateverTheSplit() {
        SplittableRandom random = new SplittableRandom(7);
        float[][] whole = events(2_000, random);
        float[][] expected = CanonicalOrder.sort(whole);
        for (int split = 0; split < 20; split++) {
            // cut the events (in their given order) into parts of random sizes, some empty
            List<float[][]> runs = new ArrayList<>();
            int at = 0;
            while (at < 2_000) {
                int size = Math.min(2_000 - at, random.nextInt(split == 0 ? 2_001 : 300));
                float[][] part = new float[3][];
                for (int x = 0; x < 3; x++) {
                    part[x] = Arrays.copyOfRange(whole[x], at, at + size);
                }
                runs.add(CanonicalOrder.sort(part));
                at += size;
            }
            java.util.Collections.shuffle(runs, new java.util.Random(split));
            float[][] merged = CanonicalOrder.merge(runs, 3);
            for (int x = 0; x < 3; x++) {
                // bit for bit (floatToIntBits tells -0.0 from 0.0)
                assertArrayEquals(bits(expected[x]), bits(merged[x]), "split " + split + ", column " + x);
            }
        }
    }

    @Test
    void mergingNoRunGivesAnEmptyTableOfTheWidth() {
        float[][] merged = CanonicalOrder.merge(List.of(), 4);
        assertEquals(4, merged.length);
        assertEquals(0, merged[0].length);
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
