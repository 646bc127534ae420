package org.nsbi.model.ratio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBlockTest {

    private static final String[] FEATURES = {"m", "c", "y"};

    private static EventBlock block(long id) {
        float[] v = {300f, -0.5f, 0.1f, 450.25f, 0.75f, -2f};
        Map<String, float[]> cols = new LinkedHashMap<>();
        cols.put("r_S", new float[] {1.5f, 0.25f});
        return new EventBlock(id, new FeatureBlock(FEATURES, 2, v), new float[] {0.5f, 0.5f}, cols);
    }

    @Test
    void featureColumnsAreTheTransposeOfTheRows() {
        EventBlock b = block(1);
        assertArrayEquals(new float[] {300f, 450.25f}, b.featureColumn(0), 0f);
        assertArrayEquals(new float[] {0.1f, -2f}, b.featureColumn(2), 0f);
    }

    @Test
    void rejectsColumnsOfTheWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EventBlock(3, new FeatureBlock(FEATURES, 1, new float[] {1, 2, 3}), new float[] {1f},
                        Map.of("r_B", new float[] {1f, 2f})));
        assertEquals("block 3: column r_B has 2 values for 1 events", e.getMessage());
    }
}
