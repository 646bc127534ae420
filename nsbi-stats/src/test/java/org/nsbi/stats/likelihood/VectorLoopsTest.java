package org.nsbi.stats.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        VectorLoops.code4Coefficients(up, down, lu, ld, out, n, new double[6]);
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
    void yieldFactorsAreTheBitsOfCode4InterpolationPairByPair() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 203; // not a multiple of the vector length: the scalar tail runs too
        double[][] a = new double[8][n];
        double[] alpha = new double[n];
        double[] tmp = new double[6];
        for (int j = 0; j < n; j++) {
            double ru = Math.exp(-0.3 + 0.6 * rng.nextDouble());
            double rd = Math.exp(-0.3 + 0.6 * rng.nextDouble());
            double lu = Math.log(ru);
            double ld = Math.log(rd);
            Code4Interpolation.coefficients(ru, rd, lu, ld, tmp, 0);
            for (int p = 0; p < 6; p++) {
                a[p][j] = tmp[p];
            }
            a[6][j] = lu;
            a[7][j] = ld;
            // mostly inside (-1, 1), where the vectors run; some vectors with a pair on the exponential branch, exact 0
            alpha[j] = j % 29 == 3 ? 1.0 : j % 31 == 5 ? -1.7 : j % 13 == 0 ? 0 : -0.999 + 1.998 * rng.nextDouble();
        }
        double[] g = new double[n];
        double[] u = new double[n];
        double[] v = new double[n];
        VectorLoops.yieldFactors(alpha, a, n, 1e-300, g, u, v, new double[6], new double[3]);
        double[] ref = new double[3];
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < 6; p++) {
                tmp[p] = a[p][j];
            }
            Code4Interpolation.evaluate(alpha[j], tmp, 0, a[6][j], a[7][j], ref);
            double gj = ref[0] == 0 ? 1e-300 : ref[0];
            assertEquals(Double.doubleToRawLongBits(gj), Double.doubleToRawLongBits(g[j]), "G of pair " + j);
            assertEquals(Double.doubleToRawLongBits(ref[1] / gj), Double.doubleToRawLongBits(u[j]), "G'/G of pair " + j);
            assertEquals(Double.doubleToRawLongBits(ref[2] / gj), Double.doubleToRawLongBits(v[j]), "G''/G of pair " + j);
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

    @Test
    void theShapeFactorsAtZeroAreThePolynomialsValues() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 77;
        int off = 9;
        double[][] a = new double[6][off + n];
        for (double[] column : a) {
            for (int j = 0; j < column.length; j++) {
                column[j] = rng.nextDouble() - 0.5;
            }
        }
        double[] zero = new double[6];
        double[] h = new double[n];
        double[] u = new double[n];
        double[] v = new double[n];
        VectorLoops.polynomialDerivatives(a, zero, new double[5], new double[4], off, n, h, u, v, false);
        double[] h0 = new double[n];
        double[] u0 = new double[n];
        double[] v0 = new double[n];
        VectorLoops.atZero(a, off, n, h0, u0, v0);
        for (int j = 0; j < n; j++) {
            assertEquals(h[j], h0[j], 0.0, "h of event " + j);
            assertEquals(u[j], u0[j], 0.0, "h'/h of event " + j);
            assertEquals(v[j], v0[j], 0.0, "h''/h of event " + j);
        }
    }

    @Test
    void productAndSumAreTheProductsAndTheirDot() {
        SplittableRandom rng = new SplittableRandom(10);
        for (int n : new int[] {0, 3, 16, 203}) {
            double[] x = new double[n];
            double[] y = new double[n];
            for (int j = 0; j < n; j++) {
                x[j] = rng.nextDouble() - 0.3;
                y[j] = 1e3 * rng.nextDouble();
            }
            double[] p = new double[n];
            double sum = VectorLoops.productAndSum(p, x, y, n);
            assertEquals(Double.doubleToRawLongBits(VectorLoops.dot(x, y, n)), Double.doubleToRawLongBits(sum), "sum, n = " + n);
            for (int j = 0; j < n; j++) {
                assertEquals(x[j] * y[j], p[j], 0.0, "product " + j + " of " + n);
            }
        }
    }

    @Test
    void allFiniteFindsAnInfinityOrNaNAnywhere() {
        for (int n : new int[] {0, 3, 16, 37}) {
            double[] x = new double[n];
            for (int j = 0; j < n; j++) {
                x[j] = j % 2 == 0 ? Double.MAX_VALUE : -Double.MIN_VALUE;
            }
            assertTrue(VectorLoops.allFinite(x), "finite, n = " + n);
            for (int j = 0; j < n; j++) {
                for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                    double keep = x[j];
                    x[j] = bad;
                    assertTrue(!VectorLoops.allFinite(x), bad + " at " + j + " of " + n);
                    x[j] = keep;
                }
            }
        }
    }

    @Test
    void logIsWithinTwoUlpsOfMathLog() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = VectorLoops.SPECIES.length();
        double[] x = new double[n];
        double worst = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            for (int j = 0; j < n; j++) {
                x[j] = switch (trial % 4) {
                    case 0 -> Math.exp(-700 + 1400 * rng.nextDouble());
                    case 1 -> 1 + 1e-6 * (rng.nextDouble() - 0.5);
                    case 2 -> Math.sqrt(2) * (1 + 1e-9 * (rng.nextDouble() - 0.5));
                    default -> 1000 * rng.nextDouble() + Double.MIN_NORMAL;
                };
            }
            double[] out = new double[n];
            VectorLoops.log(jdk.incubator.vector.DoubleVector.fromArray(VectorLoops.SPECIES, x, 0)).intoArray(out, 0);
            for (int j = 0; j < n; j++) {
                double expected = Math.log(x[j]);
                double ulps = Math.abs(out[j] - expected) / Math.ulp(expected == 0 ? Double.MIN_NORMAL : expected);
                worst = Math.max(worst, ulps);
                assertEquals(expected, out[j], 2 * Math.ulp(expected), "ln " + x[j]);
            }
        }
        assertEquals(0, worst, 2, "worst error in ulps");
    }

    @Test
    void expIsStrictMathExp() {
        SplittableRandom rng = new SplittableRandom(6);
        int n = VectorLoops.SPECIES.length();
        double[] x = new double[n];
        double[] out = new double[n];
        int differ = 0;
        int count = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            for (int j = 0; j < n; j++) {
                x[j] = switch (trial % 4) {
                    case 0 -> -700 + 1400 * rng.nextDouble();
                    case 1 -> 3 * (rng.nextDouble() - 0.5);
                    case 2 -> 1e-9 * (rng.nextDouble() - 0.5);
                    default -> (rng.nextInt(21) - 10) * Math.log(2) * (1 + 1e-15 * (rng.nextDouble() - 0.5)); // near k ln2
                };
            }
            x[0] = trial == 0 ? 0 : x[0];
            VectorLoops.exp(jdk.incubator.vector.DoubleVector.fromArray(VectorLoops.SPECIES, x, 0)).intoArray(out, 0);
            for (int j = 0; j < n; j++) {
                double expected = StrictMath.exp(x[j]);
                assertEquals(expected, out[j], Math.ulp(expected), "e^" + x[j]);
                // fdlibm returns 1 + x below 2^-28; the reduction here gives 1 + x + x^2/2 rounded there (Math.exp's)
                if (Math.abs(x[j]) >= 0x1p-28) {
                    differ += out[j] == expected ? 0 : 1;
                    count++;
                }
            }
        }
        // the same algorithm: the bits differ only where x/ln2 is a tie between two k, which random points do not hit
        assertEquals(0, differ, "values with other bits than StrictMath.exp's, of " + count);
    }

    @Test
    void theExponentialBranchIsStrictMathExpEventByEvent() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 203; // the scalar tail runs too
        double[] l = new double[n + 5];
        for (int j = 0; j < l.length; j++) {
            l[j] = j == 40 ? 300 : -2 + 4 * rng.nextDouble(); // one vector beyond exp's range (y l = 720): the scalar path
        }
        double y = 2.4;
        double[] h = new double[n];
        double[] u = new double[n];
        double[] v = new double[n];
        VectorLoops.exponential(y, -1, l, 5, n, h, u, v);
        for (int j = 0; j < n; j++) {
            double lj = l[5 + j];
            assertEquals(StrictMath.exp(y * lj), h[j], 0.0, "h of event " + j);
            assertEquals(-lj, u[j], 0.0, "u of event " + j);
            assertEquals(lj * lj, v[j], 0.0, "v of event " + j);
        }
        // without v (an evaluation without the Hessian), and without u and v (the scan): the same h and u, v untouched
        double[] h2 = new double[n];
        double[] u2 = new double[n];
        VectorLoops.exponential(y, -1, l, 5, n, h2, u2, null);
        double[] h3 = new double[n];
        VectorLoops.exponential(y, -1, l, 5, n, h3, null, null);
        for (int j = 0; j < n; j++) {
            assertEquals(Double.doubleToRawLongBits(h[j]), Double.doubleToRawLongBits(h2[j]), "h without v, event " + j);
            assertEquals(Double.doubleToRawLongBits(u[j]), Double.doubleToRawLongBits(u2[j]), "u without v, event " + j);
            assertEquals(Double.doubleToRawLongBits(h[j]), Double.doubleToRawLongBits(h3[j]), "h alone, event " + j);
        }
    }

    @Test
    void offsetAndProductWithoutUGivesTheSameColumnBitForBit() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int n : new int[] {0, 1, 3, 4, 7, 64, 203, 256}) {
            double[] x = new double[n];
            double[] t = new double[n];
            double[] d0 = new double[n];
            for (int j = 0; j < n; j++) {
                x[j] = rng.nextDouble() * 3 - 1.5;
                t[j] = rng.nextDouble() * 40;
                d0[j] = rng.nextDouble() - 0.5;
            }
            double g = -0.37;
            for (boolean add : new boolean[] {false, true}) {
                double[] u = new double[n];
                double[] expected = d0.clone();
                VectorLoops.offsetAndProduct(u, g, x, expected, t, n, add);
                double[] actual = d0.clone();
                VectorLoops.offsetAndProduct(null, g, x, actual, t, n, add);
                for (int j = 0; j < n; j++) {
                    assertEquals(Double.doubleToRawLongBits(expected[j]), Double.doubleToRawLongBits(actual[j]),
                            "n = " + n + ", add = " + add + ", event " + j);
                    assertEquals(add ? d0[j] + t[j] * (g + x[j]) : t[j] * (g + x[j]), actual[j], 0.0, "the plain arithmetic");
                }
            }
        }
    }

    @Test
    void blockSumsEqualTheirScalarSums() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int n : new int[] {0, 1, 3, 4, 7, 64, 203, 256}) {
            double[][] a = new double[5][n];
            for (double[] x : a) {
                for (int j = 0; j < n; j++) {
                    x[j] = rng.nextDouble() - 0.3;
                }
            }
            double dot = 0;
            double term = 0;
            double scale = 0;
            double[] product = new double[n];
            for (int j = 0; j < n; j++) {
                dot += a[0][j] * a[1][j];
                term += a[0][j] * a[1][j] - a[2][j] * a[3][j];
                scale += Math.abs(a[0][j] * a[1][j]) + Math.abs(a[2][j] * a[3][j]);
            }
            double tol = 1e-14 * (1 + scale);
            assertEquals(dot, VectorLoops.dot(a[0], a[1], n), tol, "x.y over " + n);
            assertEquals(term, PerEventHessianLoops.hessianTerm(a[0], a[1], a[2], a[3], n), tol, "s x - y z over " + n);
            VectorLoops.product(product, a[3], a[4], n);
            for (int j = 0; j < n; j++) {
                assertEquals(a[3][j] * a[4][j], product[j], 0.0, "x_j y_j, exactly");
            }
        }
    }

    @Test
    void weightedLogsEqualTheSumOfMathLogs() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 203;
        double[] w = new double[n + 3];
        double[] lam = new double[n];
        double expected = 0;
        for (int j = 0; j < n; j++) {
            w[3 + j] = 1 + rng.nextInt(3);
            lam[j] = 1e-3 + 500 * rng.nextDouble();
            expected += w[3 + j] * Math.log(lam[j]);
        }
        double[] s = new double[n];
        double[] s2 = new double[n];
        assertEquals(expected, VectorLoops.weightedLogs(w, 3, lam, s, s2, n), 1e-13 * Math.abs(expected));
        for (int j = 0; j < n; j++) {
            assertEquals(w[3 + j] / lam[j], s[j], 0.0);
            assertEquals(s[j] / lam[j], s2[j], 0.0);
        }
        lam[100] = 1e-310; // subnormal: the block falls back to Math.log
        double fallback = 0;
        for (int j = 0; j < n; j++) {
            fallback += w[3 + j] * Math.log(lam[j]);
        }
        assertEquals(fallback, VectorLoops.weightedLogs(w, 3, lam, s, s2, n), 1e-13 * Math.abs(fallback));
        lam[7] = 0;
        assertTrue(Double.isNaN(VectorLoops.weightedLogs(w, 3, lam, s, s2, n)), "a density of 0 is reported");
    }

    /**
     * The weighted Gram sums in register tiles, against plain double loops: any number of vectors (tiles at the edge),
     * blocks of any length (the scalar tail), several blocks added.
     */
    @Test
    void gramSumsEqualTheirPlainSums() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int m : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 16}) {
            GramSums gram = new GramSums(m);
            gram.clear();
            double[][] expected = new double[m][m];
            double[][] scale = new double[m][m];
            for (int len : new int[] {0, 3, 64, 203, 256}) {
                double[] w = new double[len];
                double[][] x = new double[m][len];
                for (int j = 0; j < len; j++) {
                    w[j] = rng.nextDouble();
                    for (int p = 0; p < m; p++) {
                        x[p][j] = rng.nextDouble() - 0.4;
                    }
                }
                for (int p = 0; p < m; p++) {
                    for (int q = p; q < m; q++) {
                        for (int j = 0; j < len; j++) {
                            expected[p][q] += w[j] * x[p][j] * x[q][j];
                            scale[p][q] += Math.abs(w[j] * x[p][j] * x[q][j]);
                        }
                    }
                }
                gram.add(w, x, len);
            }
            gram.finish();
            for (int p = 0; p < m; p++) {
                for (int q = p; q < m; q++) {
                    assertEquals(expected[p][q], gram.sum(p, q), 1e-14 * (1 + scale[p][q]), "entry (" + p + ", " + q
                            + ") of " + m + " vectors");
                }
            }
        }
    }

    @Test
    void curvatureTermEqualsItsScalarSum() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int n : new int[] {0, 5, 203}) {
            double[][] a = new double[3][n];
            double expected = 0;
            double scale = 0;
            for (int j = 0; j < n; j++) {
                for (double[] x : a) {
                    x[j] = rng.nextDouble() - 0.3;
                }
                expected += a[0][j] * (0.7 * a[1][j] + a[2][j]);
                scale += Math.abs(a[0][j]) * (0.7 * Math.abs(a[1][j]) + Math.abs(a[2][j]));
            }
            assertEquals(expected, VectorLoops.curvatureTerm(a[0], 0.7, a[1], a[2], n), 1e-14 * (1 + scale), "over " + n);
        }
    }
}
