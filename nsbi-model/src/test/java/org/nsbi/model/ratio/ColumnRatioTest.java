package org.nsbi.model.ratio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ColumnRatioTest {

    private static FeatureBlock block(int n) {
        return new FeatureBlock(new String[] {"x"}, n, new float[n]);
    }

    @Test
    void theColumnsValuesGoThroughTheirConvention() {
        float[] logs = {0f, (float) Math.log(2), -1f};
        double[] out = new double[3];
        new ColumnRatio("r_S", RatioConvention.LOG_RATIO, logs).evaluate(block(3), out);
        assertArrayEquals(new double[] {1, Math.exp((float) Math.log(2)), Math.exp(-1)}, out, 1e-15);
        new ColumnRatio("r_S", RatioConvention.SCORE, new float[] {0.5f, 0.75f, 0.2f}).evaluate(block(3), out);
        assertArrayEquals(new double[] {1, 3, 0.2 / 0.8}, out, 1e-7); // 0.2f is not 0.2
    }

    @Test
    void aColumnOfAnotherLengthThanTheBlockIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ColumnRatio("r_S", RatioConvention.RATIO, new float[2]).evaluate(block(3), new double[3]));
    }
}
