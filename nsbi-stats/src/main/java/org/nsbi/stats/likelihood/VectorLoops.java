package org.nsbi.stats.likelihood;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nsbi.stats.model.Code4Interpolation;

/**
 * The loops of {@link ColumnarNll}, written with the JDK Vector API ({@code jdk.incubator.vector}, on the
 * launcher's JVM flags): each processes {@link #SPECIES} lanes at a time (8 doubles with AVX-512, 4 with AVX2)
 * and finishes with a scalar tail. Measured against the same loops in plain Java, which the JIT did not
 * vectorise (bench/stats-benchmark.sh prints both for the code-4 polynomial). Each method's contract is
 * given as its scalar loop; arrays hold at least {@code len} (from the offset where one is given).
 * Only lane-wise add, subtract, multiply, divide and max and integer operations are used, which are exact: the
 * results are the same bits whether the JIT has compiled the loops or not (a toy's t must not depend on it);
 * hence the logarithm is written out ({@link #log}) and the exponential is {@link Math#exp}.
 */
final class VectorLoops {

    static final VectorSpecies<Double> SPECIES = species();

    private VectorLoops() {
    }

    private static VectorSpecies<Double> species() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException("the NLL kernel needs the JDK Vector API: run the JVM with"
                    + " --add-modules=jdk.incubator.vector (the flags in the launcher's jvm-flags file)");
        }
        return DoubleVector.SPECIES_PREFERRED;
    }

    /**
     * The code-4 coefficients a1..a6 of every event j &lt; len into out[0..6)[j], from its ratios
     * max(up_j, {@link Code4Interpolation#MIN_RATIO}), max(down_j, MIN_RATIO) and their logs lu_j, ld_j: the
     * arithmetic of {@link Code4Interpolation#coefficients} in the same order, so the same numbers (its divisions by 8
     * and 4 as multiplications by 1/8 and 1/4: exact, so the same bits, without the division unit). {@code up} and
     * {@code down} may be out[0] and out[1] (each lane is read before it is written). The events past the last full
     * vector go through {@code scratch} (6 doubles), so that a call allocates nothing.
     */
    static void code4Coefficients(double[] up, double[] down, double[] lu, double[] ld, double[][] out, int len,
                                  double[] scratch) {
        double min = Code4Interpolation.MIN_RATIO;
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector ru = DoubleVector.fromArray(SPECIES, up, j).max(min);
            DoubleVector rd = DoubleVector.fromArray(SPECIES, down, j).max(min);
            DoubleVector lup = DoubleVector.fromArray(SPECIES, lu, j);
            DoubleVector ldn = DoubleVector.fromArray(SPECIES, ld, j);
            DoubleVector s0 = ru.add(rd).mul(0.5);
            DoubleVector a0 = ru.sub(rd).mul(0.5);
            DoubleVector rlu = ru.mul(lup);
            DoubleVector rld = rd.mul(ldn);
            DoubleVector s1 = rlu.sub(rld).mul(0.5);
            DoubleVector a1 = rlu.add(rld).mul(0.5);
            DoubleVector s2 = rlu.mul(lup).add(rld.mul(ldn)).mul(0.5);
            DoubleVector a2 = rlu.mul(lup).sub(rld.mul(ldn)).mul(0.5);
            a0.mul(15).sub(s1.mul(7)).add(a2).mul(0.125).intoArray(out[0], j);
            s0.mul(24).add(-24).sub(a1.mul(9)).add(s2).mul(0.125).intoArray(out[1], j);
            a0.mul(-5).add(s1.mul(5)).sub(a2).mul(0.25).intoArray(out[2], j);
            s0.mul(-12).add(12).add(a1.mul(7)).sub(s2).mul(0.25).intoArray(out[3], j);
            a0.mul(3).sub(s1.mul(3)).add(a2).mul(0.125).intoArray(out[4], j);
            s0.mul(8).add(-8).sub(a1.mul(5)).add(s2).mul(0.125).intoArray(out[5], j);
        }
        for (; j < len; j++) {
            Code4Interpolation.coefficients(Math.max(up[j], min), Math.max(down[j], min), lu[j], ld[j], scratch, 0);
            for (int p = 0; p < 6; p++) {
                out[p][j] = scratch[p];
            }
        }
    }

    /**
     * Code-4 factors of many (process, parameter) pairs at once, for i &lt; len with x = alpha[i] and the interpolation
     * a[0..8)[i] (a1..a6, ln &kappa;+, ln &kappa;&minus;): g[i] = G(x) (an exact 0 read as {@code tiny}), u[i] = G'(x)/g[i] and
     * v[i] = G''(x)/g[i]. The polynomial is {@link Code4Interpolation#evaluate}'s Horner scheme, operation for operation,
     * so the bits are its own; the pairs with |x| &ge; 1 (the exponential branch) are then done again by {@code evaluate}
     * itself (scratch: 6 doubles, out: 3).
     */
    static void yieldFactors(double[] alpha, double[][] a, int len, double tiny, double[] g, double[] u, double[] v,
                             double[] scratch, double[] out) {
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, alpha, j);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, a[0], j);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, a[1], j);
            DoubleVector b3 = DoubleVector.fromArray(SPECIES, a[2], j);
            DoubleVector b4 = DoubleVector.fromArray(SPECIES, a[3], j);
            DoubleVector b5 = DoubleVector.fromArray(SPECIES, a[4], j);
            DoubleVector b6 = DoubleVector.fromArray(SPECIES, a[5], j);
            // 1 + x (a1 + x (a2 + x (a3 + x (a4 + x (a5 + x a6)))))
            DoubleVector h = b5.add(x.mul(b6));
            h = b4.add(x.mul(h));
            h = b3.add(x.mul(h));
            h = b2.add(x.mul(h));
            h = b1.add(x.mul(h));
            h = x.mul(h).add(1);
            // a1 + x (2 a2 + x (3 a3 + x (4 a4 + x (5 a5 + (x 6) a6))))
            DoubleVector d = b5.mul(5).add(x.mul(6).mul(b6));
            d = b4.mul(4).add(x.mul(d));
            d = b3.mul(3).add(x.mul(d));
            d = b2.mul(2).add(x.mul(d));
            d = b1.add(x.mul(d));
            // 2 a2 + x (6 a3 + x (12 a4 + x (20 a5 + (x 30) a6)))
            DoubleVector e = b5.mul(20).add(x.mul(30).mul(b6));
            e = b4.mul(12).add(x.mul(e));
            e = b3.mul(6).add(x.mul(e));
            e = b2.mul(2).add(x.mul(e));
            DoubleVector gv = h.blend(tiny, h.compare(VectorOperators.EQ, 0));
            gv.intoArray(g, j);
            d.div(gv).intoArray(u, j);
            e.div(gv).intoArray(v, j);
            if (x.compare(VectorOperators.GE, 1).or(x.compare(VectorOperators.LE, -1)).anyTrue()) {
                for (int i = j; i < j + SPECIES.length(); i++) {
                    if (alpha[i] >= 1 || alpha[i] <= -1) {
                        yieldFactor(alpha[i], a, i, tiny, g, u, v, scratch, out);
                    }
                }
            }
        }
        for (; j < len; j++) {
            yieldFactor(alpha[j], a, j, tiny, g, u, v, scratch, out);
        }
    }

    /** {@link #yieldFactors} of pair i by {@link Code4Interpolation#evaluate}. */
    private static void yieldFactor(double x, double[][] a, int i, double tiny, double[] g, double[] u, double[] v,
                                    double[] scratch, double[] out) {
        for (int m = 0; m < 6; m++) {
            scratch[m] = a[m][i];
        }
        Code4Interpolation.evaluate(x, scratch, 0, a[6][i], a[7][i], out);
        double gi = out[0] == 0 ? tiny : out[0];
        g[i] = gi;
        u[i] = out[1] / gi;
        v[i] = out[2] / gi;
    }

    /** h_j = 1 + &Sigma;_n a_n[off+j] x^n (n = 1..6), from the powers p[0..6) = x..x&sup6;. */
    static void polynomialValue(double[][] a, double[] p, int off, int len, double[] h) {
        double[] a1 = a[0];
        double[] a2 = a[1];
        double[] a3 = a[2];
        double[] a4 = a[3];
        double[] a5 = a[4];
        double[] a6 = a[5];
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            int i = off + j;
            DoubleVector v = DoubleVector.fromArray(SPECIES, a6, i).mul(p[5])
                    .add(DoubleVector.fromArray(SPECIES, a5, i).mul(p[4]))
                    .add(DoubleVector.fromArray(SPECIES, a4, i).mul(p[3]))
                    .add(DoubleVector.fromArray(SPECIES, a3, i).mul(p[2]))
                    .add(DoubleVector.fromArray(SPECIES, a2, i).mul(p[1]))
                    .add(DoubleVector.fromArray(SPECIES, a1, i).mul(p[0]));
            v.add(1).intoArray(h, j);
        }
        for (; j < len; j++) {
            int i = off + j;
            h[j] = 1 + (a6[i] * p[5] + a5[i] * p[4] + a4[i] * p[3] + a3[i] * p[2] + a2[i] * p[1] + a1[i] * p[0]);
        }
    }

    /**
     * h_j as {@link #polynomialValue}, u_j = h'_j/h_j and (if v is not null) v_j = h''_j/h_j, with
     * d[0..5) = 2x, 3x&sup2;, 4x&sup3;, 5x&#8308;, 6x&#8309; and e[0..4) = 6x, 12x&sup2;, 20x&sup3;, 30x&#8308;. With {@code given}, h is
     * taken from h instead of computed.
     */
    static void polynomialDerivatives(double[][] a, double[] p, double[] d, double[] e, int off, int len, double[] h,
                                      double[] u, double[] v, boolean given) {
        double[] a1 = a[0];
        double[] a2 = a[1];
        double[] a3 = a[2];
        double[] a4 = a[3];
        double[] a5 = a[4];
        double[] a6 = a[5];
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            int i = off + j;
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, a1, i);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, a2, i);
            DoubleVector b3 = DoubleVector.fromArray(SPECIES, a3, i);
            DoubleVector b4 = DoubleVector.fromArray(SPECIES, a4, i);
            DoubleVector b5 = DoubleVector.fromArray(SPECIES, a5, i);
            DoubleVector b6 = DoubleVector.fromArray(SPECIES, a6, i);
            DoubleVector hv;
            if (given) {
                hv = DoubleVector.fromArray(SPECIES, h, j);
            } else {
                hv = b6.mul(p[5]).add(b5.mul(p[4])).add(b4.mul(p[3])).add(b3.mul(p[2])).add(b2.mul(p[1]))
                        .add(b1.mul(p[0])).add(1);
                hv.intoArray(h, j);
            }
            DoubleVector inv = hv.broadcast(1).div(hv);
            b6.mul(d[4]).add(b5.mul(d[3])).add(b4.mul(d[2])).add(b3.mul(d[1])).add(b2.mul(d[0])).add(b1)
                    .mul(inv).intoArray(u, j);
            if (v != null) {
                b6.mul(e[3]).add(b5.mul(e[2])).add(b4.mul(e[1])).add(b3.mul(e[0])).add(b2.mul(2))
                        .mul(inv).intoArray(v, j);
            }
        }
        for (; j < len; j++) {
            int i = off + j;
            double hj = given ? h[j]
                    : 1 + (a6[i] * p[5] + a5[i] * p[4] + a4[i] * p[3] + a3[i] * p[2] + a2[i] * p[1] + a1[i] * p[0]);
            h[j] = hj;
            double inv = 1 / hj;
            u[j] = (a6[i] * d[4] + a5[i] * d[3] + a4[i] * d[2] + a3[i] * d[1] + a2[i] * d[0] + a1[i]) * inv;
            if (v != null) {
                v[j] = (a6[i] * e[3] + a5[i] * e[2] + a4[i] * e[1] + a3[i] * e[0] + a2[i] * 2) * inv;
            }
        }
    }

    /**
     * {@link #polynomialDerivatives} at x = 0: h_j = 1, u_j = a1[off+j] and (if v is not null) v_j = 2 a2[off+j] (u and v
     * not written when null). The same numbers, except that a zero may have the other sign (which no sum of them sees).
     */
    static void atZero(double[][] a, int off, int len, double[] h, double[] u, double[] v) {
        java.util.Arrays.fill(h, 0, len, 1.0);
        if (u != null) {
            System.arraycopy(a[0], off, u, 0, len);
        }
        if (v != null) {
            double[] a2 = a[1];
            int j = 0;
            for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
                DoubleVector.fromArray(SPECIES, a2, off + j).mul(2).intoArray(v, j);
            }
            for (; j < len; j++) {
                v[j] = a2[off + j] * 2;
            }
        }
    }

    /** Whether every x_i is finite (neither infinite nor NaN). */
    static boolean allFinite(double[] x) {
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int j = 0;
        for (int bound = SPECIES.loopBound(x.length); j < bound; j += SPECIES.length()) {
            acc = acc.add(DoubleVector.fromArray(SPECIES, x, j).mul(0.0)); // +-0 when finite, NaN when not
        }
        boolean finite = !acc.compare(VectorOperators.NE, acc).anyTrue();
        for (; j < x.length; j++) {
            finite &= Double.isFinite(x[j]);
        }
        return finite;
    }

    /**
     * The exponential branch of code 4, y = |&alpha;| and l the logs of the ratios on the side of &alpha;, sign that
     * side (&plusmn;1): h_j = exp(y l[off+j]), u_j = sign &middot; l[off+j], v_j = l[off+j]&sup2;. The exponential is
     * {@link #exp} (fdlibm's, lane-wise with exact operations: the Vector API's own EXP gives other last bits in
     * compiled than in interpreted code, and a toy's result must not depend on the JIT's state), and
     * {@link StrictMath#exp} for the tail and for a vector with an argument beyond &plusmn;{@value #EXP_RANGE} or NaN. u and v are not
     * written when null (an evaluation without the gradient or without the Hessian, the scan over &mu;).
     */
    static void exponential(double y, double sign, double[] l, int off, int len, double[] h, double[] u, double[] v) {
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector lv = DoubleVector.fromArray(SPECIES, l, off + j);
            if (u != null) {
                lv.mul(sign).intoArray(u, j);
            }
            if (v != null) {
                lv.mul(lv).intoArray(v, j);
            }
            DoubleVector x = lv.mul(y);
            if (x.abs().compare(VectorOperators.LE, EXP_RANGE).allTrue()) {
                exp(x).intoArray(h, j);
            } else {
                for (int i = j; i < j + SPECIES.length(); i++) {
                    h[i] = StrictMath.exp(y * l[off + i]);
                }
            }
        }
        for (; j < len; j++) {
            double lj = l[off + j];
            if (u != null) {
                u[j] = sign * lj;
            }
            if (v != null) {
                v[j] = lj * lj;
            }
            h[j] = StrictMath.exp(y * lj);
        }
    }

    /** The arguments {@link #exp} takes: |x| up to this (2^k stays a normal number). */
    static final double EXP_RANGE = 700;
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final double EP1 = 1.66666666666666019037e-01;
    private static final double EP2 = -2.77777777770155933842e-03;
    private static final double EP3 = 6.61375632143793436117e-05;
    private static final double EP4 = -1.65339022054652515390e-06;
    private static final double EP5 = 4.13813679705723846039e-08;

    /**
     * e^x lane-wise for |x| &le; {@value #EXP_RANGE}, fdlibm's e_exp.c (x = k ln2 + r, |r| &le; ln2/2, and its rational
     * approximation in r), so {@link StrictMath#exp}'s bits, except at an exact tie of x/ln2 between two k and for
     * |x| &lt; 2^-28, where fdlibm returns 1 + x and this the rounded 1 + x + x&sup2;/2 (as {@link Math#exp}). Only exact IEEE add,
     * subtract, multiply, divide and integer operations on the bits: the same bits whether the JIT has compiled it or not.
     */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector shifted = x.mul(INV_LN2).add(MAGIC); // 2^52 + 2^51 + k, k = x/ln2 rounded to the nearest integer
        DoubleVector kd = shifted.sub(MAGIC);
        LongVector k = shifted.reinterpretAsLongs().sub(MAGIC_BITS);
        DoubleVector hi = x.sub(kd.mul(LN2_HI));
        DoubleVector lo = kd.mul(LN2_LO);
        DoubleVector r = hi.sub(lo);
        DoubleVector t = r.mul(r);
        DoubleVector c = r.sub(t.mul(t.mul(t.mul(t.mul(t.mul(EP5).add(EP4)).add(EP3)).add(EP2)).add(EP1)));
        // 1 - ((lo - r c / (2 - c)) - hi), times 2^k
        DoubleVector e = lo.sub(r.mul(c).div(c.neg().add(2))).sub(hi).neg().add(1);
        DoubleVector twoK = k.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return e.mul(twoK);
    }

    /**
     * A process's term of &lambda;: q_j = r[off+j] &middot; &Pi;_f h[factors[f]][j] (the factors multiplied in order), t_j = b q_j,
     * then lam_j += t_j.
     */
    static void processTerm(double[] q, double[] t, double[] lam, double[] r, int off, double[][] h, int[] factors,
                            double b, int len) {
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector qv = DoubleVector.fromArray(SPECIES, r, off + j);
            for (int f : factors) {
                qv = qv.mul(DoubleVector.fromArray(SPECIES, h[f], j));
            }
            qv.intoArray(q, j);
            DoubleVector tv = qv.mul(b);
            tv.intoArray(t, j);
            DoubleVector.fromArray(SPECIES, lam, j).add(tv).intoArray(lam, j);
        }
        for (; j < len; j++) {
            double qj = r[off + j];
            for (int f : factors) {
                qj *= h[f][j];
            }
            q[j] = qj;
            t[j] = qj * b;
            lam[j] += t[j];
        }
    }

    /**
     * u_j = g + x_j, then d_j += t_j u_j ({@code add}) or d_j = t_j u_j; u is not written when null (an evaluation without
     * the Hessian, which does not read it), and d has the same bits either way.
     */
    static void offsetAndProduct(double[] u, double g, double[] x, double[] d, double[] t, int len, boolean add) {
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector uv = DoubleVector.fromArray(SPECIES, x, j).add(g);
            if (u != null) {
                uv.intoArray(u, j);
            }
            DoubleVector tu = DoubleVector.fromArray(SPECIES, t, j).mul(uv);
            if (add) {
                tu.add(DoubleVector.fromArray(SPECIES, d, j)).intoArray(d, j);
            } else {
                tu.intoArray(d, j);
            }
        }
        for (; j < len; j++) {
            double uj = g + x[j];
            if (u != null) {
                u[j] = uj;
            }
            d[j] = add ? d[j] + t[j] * uj : t[j] * uj;
        }
    }

    /** dst_j = c &middot; x[off+j]. */
    static void scaled(double[] dst, double c, double[] x, int off, int len) {
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, x, off + j).mul(c).intoArray(dst, j);
        }
        for (; j < len; j++) {
            dst[j] = c * x[off + j];
        }
    }

    /** dst_j = x_j &middot; y_j. */
    static void product(double[] dst, double[] x, double[] y, int len) {
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, x, j).mul(DoubleVector.fromArray(SPECIES, y, j)).intoArray(dst, j);
        }
        for (; j < len; j++) {
            dst[j] = x[j] * y[j];
        }
    }

    /** dst_j = x_j &middot; y_j, and returns &Sigma;_j dst_j summed as {@link #dot} sums (so {@code dot(x, y, len)}'s bits). */
    static double productAndSum(double[] dst, double[] x, double[] y, int len) {
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector p = DoubleVector.fromArray(SPECIES, x, j).mul(DoubleVector.fromArray(SPECIES, y, j));
            p.intoArray(dst, j);
            acc = acc.add(p);
        }
        double sum = 0;
        for (int lane = 0; lane < SPECIES.length(); lane++) { // as in dot
            sum += acc.lane(lane);
        }
        for (; j < len; j++) {
            dst[j] = x[j] * y[j];
            sum += dst[j];
        }
        return sum;
    }

    /** dst_j *= x_j. */
    static void multiply(double[] dst, double[] x, int len) {
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, dst, j).mul(DoubleVector.fromArray(SPECIES, x, j)).intoArray(dst, j);
        }
        for (; j < len; j++) {
            dst[j] *= x[j];
        }
    }

    /** dst_j += c &middot; x_j. */
    static void addScaled(double[] dst, double c, double[] x, int len) {
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, x, j).mul(c).add(DoubleVector.fromArray(SPECIES, dst, j)).intoArray(dst, j);
        }
        for (; j < len; j++) {
            dst[j] += c * x[j];
        }
    }

    /** dst_j += x_j &middot; y_j. */
    static void addProduct(double[] dst, double[] x, double[] y, int len) {
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, x, j).mul(DoubleVector.fromArray(SPECIES, y, j))
                    .add(DoubleVector.fromArray(SPECIES, dst, j)).intoArray(dst, j);
        }
        for (; j < len; j++) {
            dst[j] += x[j] * y[j];
        }
    }

    /**
     * One tile of a weighted Gram matrix's sums over a block: for p, q &lt; 4, &Sigma;_{j &lt; len} w_j a_p[j] b_q[j] added
     * into {@code partial} lane by lane, entry (p, q) at {@code partial[at + (4p + q) L + lane]} with L the vector length
     * ({@link #SPECIES}): event j goes to lane j mod L (the scalar tail's events to lanes 0, 1, ... in order), each term
     * (w_j a_p[j]) b_q[j] multiplied, then added (no fused multiply-add: with it C2 sometimes left the Vector API's
     * boxed fallback in compiled code, HotPathAllocationTest#evaluationsAllocateNothing). Each loaded
     * vector is used four times from registers (16 accumulators): 9 loads per vector of events instead of the 48 of
     * 16 separate weighted dot products; the lanes are added only when the sums are read ({@link GramSums}).
     */
    static void gramTile(double[] w, double[] a0, double[] a1, double[] a2, double[] a3, double[] b0, double[] b1,
                         double[] b2, double[] b3, int len, double[] partial, int at) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector c00 = zero, c01 = zero, c02 = zero, c03 = zero, c10 = zero, c11 = zero, c12 = zero, c13 = zero;
        DoubleVector c20 = zero, c21 = zero, c22 = zero, c23 = zero, c30 = zero, c31 = zero, c32 = zero, c33 = zero;
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector wv = DoubleVector.fromArray(SPECIES, w, j);
            DoubleVector x0 = DoubleVector.fromArray(SPECIES, a0, j).mul(wv);
            DoubleVector x1 = DoubleVector.fromArray(SPECIES, a1, j).mul(wv);
            DoubleVector x2 = DoubleVector.fromArray(SPECIES, a2, j).mul(wv);
            DoubleVector x3 = DoubleVector.fromArray(SPECIES, a3, j).mul(wv);
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, b0, j);
            DoubleVector y1 = DoubleVector.fromArray(SPECIES, b1, j);
            DoubleVector y2 = DoubleVector.fromArray(SPECIES, b2, j);
            DoubleVector y3 = DoubleVector.fromArray(SPECIES, b3, j);
            c00 = x0.mul(y0).add(c00);
            c01 = x0.mul(y1).add(c01);
            c02 = x0.mul(y2).add(c02);
            c03 = x0.mul(y3).add(c03);
            c10 = x1.mul(y0).add(c10);
            c11 = x1.mul(y1).add(c11);
            c12 = x1.mul(y2).add(c12);
            c13 = x1.mul(y3).add(c13);
            c20 = x2.mul(y0).add(c20);
            c21 = x2.mul(y1).add(c21);
            c22 = x2.mul(y2).add(c22);
            c23 = x2.mul(y3).add(c23);
            c30 = x3.mul(y0).add(c30);
            c31 = x3.mul(y1).add(c31);
            c32 = x3.mul(y2).add(c32);
            c33 = x3.mul(y3).add(c33);
        }
        int l = SPECIES.length();
        c00.add(DoubleVector.fromArray(SPECIES, partial, at + 0 * l)).intoArray(partial, at + 0 * l);
        c01.add(DoubleVector.fromArray(SPECIES, partial, at + 1 * l)).intoArray(partial, at + 1 * l);
        c02.add(DoubleVector.fromArray(SPECIES, partial, at + 2 * l)).intoArray(partial, at + 2 * l);
        c03.add(DoubleVector.fromArray(SPECIES, partial, at + 3 * l)).intoArray(partial, at + 3 * l);
        c10.add(DoubleVector.fromArray(SPECIES, partial, at + 4 * l)).intoArray(partial, at + 4 * l);
        c11.add(DoubleVector.fromArray(SPECIES, partial, at + 5 * l)).intoArray(partial, at + 5 * l);
        c12.add(DoubleVector.fromArray(SPECIES, partial, at + 6 * l)).intoArray(partial, at + 6 * l);
        c13.add(DoubleVector.fromArray(SPECIES, partial, at + 7 * l)).intoArray(partial, at + 7 * l);
        c20.add(DoubleVector.fromArray(SPECIES, partial, at + 8 * l)).intoArray(partial, at + 8 * l);
        c21.add(DoubleVector.fromArray(SPECIES, partial, at + 9 * l)).intoArray(partial, at + 9 * l);
        c22.add(DoubleVector.fromArray(SPECIES, partial, at + 10 * l)).intoArray(partial, at + 10 * l);
        c23.add(DoubleVector.fromArray(SPECIES, partial, at + 11 * l)).intoArray(partial, at + 11 * l);
        c30.add(DoubleVector.fromArray(SPECIES, partial, at + 12 * l)).intoArray(partial, at + 12 * l);
        c31.add(DoubleVector.fromArray(SPECIES, partial, at + 13 * l)).intoArray(partial, at + 13 * l);
        c32.add(DoubleVector.fromArray(SPECIES, partial, at + 14 * l)).intoArray(partial, at + 14 * l);
        c33.add(DoubleVector.fromArray(SPECIES, partial, at + 15 * l)).intoArray(partial, at + 15 * l);
        for (int lane = 0; j < len; j++, lane++) {
            for (int p = 0; p < 4; p++) {
                double x = (p == 0 ? a0 : p == 1 ? a1 : p == 2 ? a2 : a3)[j] * w[j];
                int row = at + 4 * p * l + lane;
                partial[row] += x * b0[j];
                partial[row + l] += x * b1[j];
                partial[row + 2 * l] += x * b2[j];
                partial[row + 3 * l] += x * b3[j];
            }
        }
    }

    /**
     * {@link #gramTile} of a tile on the diagonal (b = a), its 10 entries p &le; q only (the others are left as they
     * are): 5 loads per vector of events.
     */
    static void gramTileSymmetric(double[] w, double[] a0, double[] a1, double[] a2, double[] a3, int len,
                                  double[] partial, int at) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector c00 = zero, c01 = zero, c02 = zero, c03 = zero, c11 = zero, c12 = zero, c13 = zero, c22 = zero, c23 = zero, c33 = zero;
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector wv = DoubleVector.fromArray(SPECIES, w, j);
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, a0, j);
            DoubleVector y1 = DoubleVector.fromArray(SPECIES, a1, j);
            DoubleVector y2 = DoubleVector.fromArray(SPECIES, a2, j);
            DoubleVector y3 = DoubleVector.fromArray(SPECIES, a3, j);
            DoubleVector x0 = y0.mul(wv);
            DoubleVector x1 = y1.mul(wv);
            DoubleVector x2 = y2.mul(wv);
            DoubleVector x3 = y3.mul(wv);
            c00 = x0.mul(y0).add(c00);
            c01 = x0.mul(y1).add(c01);
            c02 = x0.mul(y2).add(c02);
            c03 = x0.mul(y3).add(c03);
            c11 = x1.mul(y1).add(c11);
            c12 = x1.mul(y2).add(c12);
            c13 = x1.mul(y3).add(c13);
            c22 = x2.mul(y2).add(c22);
            c23 = x2.mul(y3).add(c23);
            c33 = x3.mul(y3).add(c33);
        }
        int l = SPECIES.length();
        c00.add(DoubleVector.fromArray(SPECIES, partial, at + 0 * l)).intoArray(partial, at + 0 * l);
        c01.add(DoubleVector.fromArray(SPECIES, partial, at + 1 * l)).intoArray(partial, at + 1 * l);
        c02.add(DoubleVector.fromArray(SPECIES, partial, at + 2 * l)).intoArray(partial, at + 2 * l);
        c03.add(DoubleVector.fromArray(SPECIES, partial, at + 3 * l)).intoArray(partial, at + 3 * l);
        c11.add(DoubleVector.fromArray(SPECIES, partial, at + 5 * l)).intoArray(partial, at + 5 * l);
        c12.add(DoubleVector.fromArray(SPECIES, partial, at + 6 * l)).intoArray(partial, at + 6 * l);
        c13.add(DoubleVector.fromArray(SPECIES, partial, at + 7 * l)).intoArray(partial, at + 7 * l);
        c22.add(DoubleVector.fromArray(SPECIES, partial, at + 10 * l)).intoArray(partial, at + 10 * l);
        c23.add(DoubleVector.fromArray(SPECIES, partial, at + 11 * l)).intoArray(partial, at + 11 * l);
        c33.add(DoubleVector.fromArray(SPECIES, partial, at + 15 * l)).intoArray(partial, at + 15 * l);
        for (int lane = 0; j < len; j++, lane++) {
            for (int p = 0; p < 4; p++) {
                double x = (p == 0 ? a0 : p == 1 ? a1 : p == 2 ? a2 : a3)[j] * w[j];
                for (int q = p; q < 4; q++) {
                    int at2 = at + (4 * p + q) * l + lane;
                    partial[at2] += x * (q == 0 ? a0 : q == 1 ? a1 : q == 2 ? a2 : a3)[j];
                }
            }
        }
    }

    /** &Sigma;_{j &lt; len} z_j (g u_j + v_j), summed as {@link #dot} sums. */
    static double curvatureTerm(double[] z, double g, double[] u, double[] v, int len) {
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector inner = DoubleVector.fromArray(SPECIES, u, j).mul(g).add(DoubleVector.fromArray(SPECIES, v, j));
            acc = acc.add(DoubleVector.fromArray(SPECIES, z, j).mul(inner));
        }
        double sum = 0;
        for (int lane = 0; lane < SPECIES.length(); lane++) { // as in dot
            sum += acc.lane(lane);
        }
        for (; j < len; j++) {
            sum += z[j] * (g * u[j] + v[j]);
        }
        return sum;
    }

    /**
     * &Sigma;_{j &lt; len} x_j y_j, summed lane-wise in registers, the lanes then added in lane order, then the tail.
     */
    static double dot(double[] x, double[] y, int len) {
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            acc = acc.add(DoubleVector.fromArray(SPECIES, x, j).mul(DoubleVector.fromArray(SPECIES, y, j)));
        }
        double sum = 0;
        // the lanes added in lane order (not reduceLanes, whose order of additions is unspecified and may differ between
        // compiled and interpreted code), here and not in a method of their own: passing the vector to a call the JIT
        // does not inline (NodeCountInliningCutoff in a large caller such as ColumnarNll.reduce) boxes it, 96 bytes
        // per call (HotPathAllocationTest#evaluationsAllocateNothing)
        for (int lane = 0; lane < SPECIES.length(); lane++) {
            sum += acc.lane(lane);
        }
        for (; j < len; j++) {
            sum += x[j] * y[j];
        }
        return sum;
    }

    /**
     * For &lambda;_j &gt; 0: s_j = w[off+j]/&lambda;_j, s2_j = s_j/&lambda;_j, and returns &Sigma;_j w[off+j] ln &lambda;_j (the
     * logarithm by {@link #log}; {@link Math#log} for the tail and for a block with a &lambda; below
     * {@link Double#MIN_NORMAL}). Returns NaN if some &lambda;_j is not &gt; 0 (the caller finds which).
     */
    static double weightedLogs(double[] w, int off, double[] lam, double[] s, double[] s2, int len) {
        boolean bad = false;
        boolean tiny = false;
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int j = 0;
        int bound = SPECIES.loopBound(len);
        for (; j < bound; j += SPECIES.length()) {
            DoubleVector l = DoubleVector.fromArray(SPECIES, lam, j);
            bad |= !l.compare(VectorOperators.GT, 0).allTrue();
            tiny |= !l.compare(VectorOperators.GE, Double.MIN_NORMAL).allTrue();
            DoubleVector wv = DoubleVector.fromArray(SPECIES, w, off + j);
            DoubleVector sv = wv.div(l);
            sv.intoArray(s, j);
            sv.div(l).intoArray(s2, j);
            acc = wv.mul(log(l)).add(acc);
        }
        double sum = 0;
        for (int lane = 0; lane < SPECIES.length(); lane++) {
            sum += acc.lane(lane);
        }
        for (; j < len; j++) {
            double l = lam[j];
            bad |= !(l > 0);
            s[j] = w[off + j] / l;
            s2[j] = s[j] / l;
            sum += w[off + j] * Math.log(l);
        }
        if (bad) {
            return Double.NaN;
        }
        if (tiny) {
            sum = 0;
            for (j = 0; j < len; j++) {
                sum += w[off + j] * Math.log(lam[j]);
            }
        }
        return sum;
    }

    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double LG1 = 6.666666666666735130e-01;
    private static final double LG2 = 3.999999999940941908e-01;
    private static final double LG3 = 2.857142874366239149e-01;
    private static final double LG4 = 2.222219843214978396e-01;
    private static final double LG5 = 1.818357216161805012e-01;
    private static final double LG6 = 1.531383769920937332e-01;
    private static final double LG7 = 1.479819860511658591e-01;
    /** 2^52 + 2^51: a small integer k added to its bits gives the double 2^52 + 2^51 + k exactly. */
    private static final long MAGIC_BITS = 0x4338000000000000L;
    private static final double MAGIC = 6755399441055744.0;

    /**
     * ln x lane-wise for normal x &gt; 0, fdlibm's e_log.c (the reduction x = 2^k (1+f), &radic;2/2 &lt; 1+f &lt; &radic;2,
     * and its degree-14 polynomial in s = f/(2+f)), within about 1 ulp of {@link Math#log}. Only integer
     * operations on the bits and exact IEEE add, subtract, multiply and divide: the same bits whether the JIT has
     * compiled it or not (the Vector API's own LOG does not promise that, and a toy's t must not depend on it).
     */
    static DoubleVector log(DoubleVector x) {
        LongVector bits = x.reinterpretAsLongs();
        LongVector high = bits.lanewise(VectorOperators.LSHR, 32);
        LongVector hm = high.and(0x000fffffL);
        LongVector i = hm.add(0x95f64L).and(0x100000L);
        LongVector k = high.lanewise(VectorOperators.LSHR, 20).sub(1023).add(i.lanewise(VectorOperators.LSHR, 20));
        LongVector reduced = hm.or(i.lanewise(VectorOperators.XOR, 0x3ff00000L)).lanewise(VectorOperators.LSHL, 32)
                .or(bits.and(0xffffffffL));
        DoubleVector f = reduced.reinterpretAsDoubles().sub(1.0);
        DoubleVector kd = k.add(MAGIC_BITS).reinterpretAsDoubles().sub(MAGIC);
        DoubleVector sv = f.div(f.add(2.0));
        DoubleVector z = sv.mul(sv);
        DoubleVector ww = z.mul(z);
        DoubleVector t1 = ww.mul(ww.mul(ww.mul(LG6).add(LG4)).add(LG2));
        DoubleVector t2 = z.mul(ww.mul(ww.mul(ww.mul(LG7).add(LG5)).add(LG3)).add(LG1));
        DoubleVector r = t2.add(t1);
        DoubleVector hfsq = f.mul(f).mul(0.5);
        // k ln2_hi - ((hfsq - (s (hfsq + R) + k ln2_lo)) - f)
        DoubleVector inner = sv.mul(hfsq.add(r)).add(kd.mul(LN2_LO));
        return kd.mul(LN2_HI).sub(hfsq.sub(inner).sub(f));
    }
}
