package org.nsbi.stats.likelihood;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The code-4 polynomial loop (h, h'/h, h''/h over a block of events) in plain Java, left to the JIT's
 * auto-vectorisation, against {@link VectorLoops#polynomialDerivatives}: the measurement behind keeping the Vector
 * API in the kernel. For StatsBenchmark.
 */
public final class PolynomialLoops {

    private PolynomialLoops() {
    }

    /** The Vector API's shape used, e.g. 8 doubles (512 bits). */
    public static String species() {
        return VectorLoops.SPECIES.length() + " doubles per vector, " + VectorLoops.SPECIES.vectorBitSize() + " bits";
    }

    /** The plain loop: the same arithmetic as the Vector API one, one event at a time. */
    static void plain(double[][] a, double[] p, double[] d, double[] e, int off, int len, double[] h, double[] u, double[] v) {
        double[] a1 = a[0];
        double[] a2 = a[1];
        double[] a3 = a[2];
        double[] a4 = a[3];
        double[] a5 = a[4];
        double[] a6 = a[5];
        for (int j = 0; j < len; j++) {
            int i = off + j;
            double hj = 1 + (a6[i] * p[5] + a5[i] * p[4] + a4[i] * p[3] + a3[i] * p[2] + a2[i] * p[1] + a1[i] * p[0]);
            double inv = 1 / hj;
            h[j] = hj;
            u[j] = (a6[i] * d[4] + a5[i] * d[3] + a4[i] * d[2] + a3[i] * d[1] + a2[i] * d[0] + a1[i]) * inv;
            v[j] = (a6[i] * e[3] + a5[i] * e[2] + a4[i] * e[1] + a3[i] * e[0] + a2[i] * 2) * inv;
        }
    }

    /**
     * ns per event of each loop over {@code events} events in blocks of {@link ColumnarNll#BLOCK}, timed by
     * {@code clock} (nanoseconds), median of {@code repeats}: {plain, Vector API}. Also checks that both give
     * the same numbers to 1e-12 relative.
     */
    public static double[] nsPerEvent(int events, int repeats, LongSupplier clock) {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] a = new double[6][events];
        for (double[] c : a) {
            for (int i = 0; i < events; i++) {
                c[i] = 0.02 * (rng.nextDouble() - 0.5);
            }
        }
        double x = 0.4;
        double[] p = {x, x * x, x * x * x, x * x * x * x, x * x * x * x * x, x * x * x * x * x * x};
        double[] d = {2 * x, 3 * p[1], 4 * p[2], 5 * p[3], 6 * p[4]};
        double[] e = {6 * x, 12 * p[1], 20 * p[2], 30 * p[3]};
        int b = ColumnarNll.BLOCK;
        double[][] out = new double[6][b];
        plain(a, p, d, e, 0, Math.min(b, events), out[0], out[1], out[2]);
        VectorLoops.polynomialDerivatives(a, p, d, e, 0, Math.min(b, events), out[3], out[4], out[5], false);
        for (int j = 0; j < Math.min(b, events); j++) {
            for (int q = 0; q < 3; q++) {
                if (Math.abs(out[q][j] - out[q + 3][j]) > 1e-12 * Math.max(1, Math.abs(out[q][j]))) {
                    throw new IllegalStateException("the plain and the Vector API loop differ at event " + j);
                }
            }
        }
        double[][] times = new double[2][repeats];
        int passes = Math.max(1, 20_000_000 / events);
        for (int r = -2; r < repeats; r++) {
            for (int kind = 0; kind < 2; kind++) {
                long t0 = clock.getAsLong();
                for (int pass = 0; pass < passes; pass++) {
                    for (int start = 0; start < events; start += b) {
                        int len = Math.min(b, events - start);
                        if (kind == 0) {
                            plain(a, p, d, e, start, len, out[0], out[1], out[2]);
                        } else {
                            VectorLoops.polynomialDerivatives(a, p, d, e, start, len, out[0], out[1], out[2], false);
                        }
                    }
                }
                if (r >= 0) {
                    times[kind][r] = (clock.getAsLong() - t0) / (double) passes / events;
                }
            }
        }
        java.util.Arrays.sort(times[0]);
        java.util.Arrays.sort(times[1]);
        return new double[] {times[0][repeats / 2], times[1][repeats / 2]};
    }
}
