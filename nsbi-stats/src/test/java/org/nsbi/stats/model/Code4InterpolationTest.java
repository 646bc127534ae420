package org.nsbi.stats.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The primer's check: factor(0) = 1, exact at +-1, value, slope and curvature continuous across +-1. */
class Code4InterpolationTest {

    private static final double[][] RATIOS = {{1.1, 0.92}, {1.5, 0.6}, {0.8, 1.3}, {1.02, 0.97}, {2.5, 0.2}, {1, 1}};

    @Test
    void oneAtZeroAndExactAtPlusMinusOne() {
        for (double[] r : RATIOS) {
            assertEquals(1, Code4Interpolation.factor(0, r[0], r[1]), 1e-15);
            assertEquals(r[0], Code4Interpolation.factor(1, r[0], r[1]), 1e-13);
            assertEquals(r[1], Code4Interpolation.factor(-1, r[0], r[1]), 1e-13);
        }
    }

    @Test
    void valueSlopeAndCurvatureAreContinuousAcrossPlusMinusOne() {
        double eps = 1e-9;
        for (double[] r : RATIOS) {
            for (double edge : new double[] {1, -1}) {
                double[] inside = new double[3];
                double[] outside = new double[3];
                Code4Interpolation.derivatives(edge - Math.signum(edge) * eps, r[0], r[1], inside);
                Code4Interpolation.derivatives(edge + Math.signum(edge) * eps, r[0], r[1], outside);
                for (int d = 0; d < 3; d++) {
                    assertEquals(outside[d], inside[d], 1e-7 * Math.max(1, Math.abs(outside[d])),
                            "derivative " + d + " at " + edge + " for r = (" + r[0] + ", " + r[1] + ")");
                }
            }
        }
    }

    @Test
    void extrapolationIsExponential() {
        assertEquals(Math.pow(1.5, 2.5), Code4Interpolation.factor(2.5, 1.5, 0.6), 1e-13);
        assertEquals(Math.pow(0.6, 3), Code4Interpolation.factor(-3, 1.5, 0.6), 1e-13);
    }

    @Test
    void derivativesInsideMatchFiniteDifferences() {
        double[] v = new double[3];
        double[] p = new double[3];
        double[] m = new double[3];
        for (double a : new double[] {-0.7, -0.1, 0.3, 0.9}) {
            Code4Interpolation.derivatives(a, 1.5, 0.6, v);
            Code4Interpolation.derivatives(a + 1e-6, 1.5, 0.6, p);
            Code4Interpolation.derivatives(a - 1e-6, 1.5, 0.6, m);
            assertEquals((p[0] - m[0]) / 2e-6, v[1], 1e-8);
            assertEquals((p[1] - m[1]) / 2e-6, v[2], 1e-7);
        }
    }
}
