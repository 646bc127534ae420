package org.nsbi.stats.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nsbi.stats.model.Code4Interpolation;

/** The Vector API loops against their scalar contracts. */
class VectorLoopsTest {

    @Test
    void code4CoefficientsEqualTheScalarOnesExactly() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 203; // not a multiple of the vector length: the scalar tail runs too
        double[] up = new double[n];
        double[] down = new double[n];
        double[] lu = new double[n];
        double[] ld = new double[n];
        for (int j = 0; j < n; j++) {
            up[j] = j % 17 == 0 ? 0 : Math.exp(-2 + 4 * rng.nextDouble());
            down[j] = Math.exp(-2 + 4 * rng.nextDouble());
            lu[j] = Code4Interpolation.log(up[j]);
            ld[j] = Code4Interpolation.log(down[j]);
        }
        double[][] out = new double[6][n];
        VectorLoops.code4Coefficients(up, down, lu, ld, out, n);
        double[] a = new double[6];
        for (int j = 0; j < n; j++) {
            Code4Interpolation.coefficients(Math.max(up[j], Code4Interpolation.MIN_RATIO),
                    Math.max(down[j], Code4Interpolation.MIN_RATIO), lu[j], ld[j], a, 0);
            for (int p = 0; p < 6; p++) {
                assertEquals(a[p], out[p][j], 0.0, "a" + (p + 1) + " of event " + j);
            }
        }
    }

    @Test
    void polynomialDerivativesEqualTheCode4InterpolationOfEachEvent() {
        SplittableRandom rng = new SplittableRandom(2);
        int n = 77;
        double[][] a = new double[6][n];
        double[] lu = new double[n];
        double[] ld = new double[n];
        double[] tmp = new double[6];
        for (int j = 0; j < n; j++) {
            double ru = Math.exp(-1 + 2 * rng.nextDouble());
            double rd = Math.exp(-1 + 2 * rng.nextDouble());
            lu[j] = Math.log(ru);
            ld[j] = Math.log(rd);
            Code4Interpolation.coefficients(ru, rd, lu[j], ld[j], tmp, 0);
            for (int p = 0; p < 6; p++) {
                a[p][j] = tmp[p];
            }
        }
        double x = -0.63;
        double[] pw = {x, x * x, x * x * x, x * x * x * x, x * x * x * x * x, x * x * x * x * x * x};
        double[] d = {2 * x, 3 * pw[1], 4 * pw[2], 5 * pw[3], 6 * pw[4]};
        double[] e = {6 * x, 12 * pw[1], 20 * pw[2], 30 * pw[3]};
        double[] h = new double[n];
        double[] u = new double[n];
        double[] v = new double[n];
        VectorLoops.polynomialDerivatives(a, pw, d, e, 0, n, h, u, v, false);
        double[] ref = new double[3];
        double[] coefs = new double[6];
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < 6; p++) {
                coefs[p] = a[p][j];
            }
            Code4Interpolation.evaluate(x, coefs, 0, lu[j], ld[j], ref);
            assertEquals(ref[0], h[j], 1e-14, "h of event " + j);
            assertEquals(ref[1] / ref[0], u[j], 1e-13, "h'/h of event " + j);
            assertEquals(ref[2] / ref[0], v[j], 1e-13, "h''/h of event " + j);
        }
    }
}
