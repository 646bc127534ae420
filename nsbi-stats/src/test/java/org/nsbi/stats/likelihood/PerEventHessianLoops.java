package org.nsbi.stats.likelihood;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loops that only {@link PerEventHessianNll} (the kernel before the tiled Hessian sums, kept as a reference) uses,
 * moved out of {@link VectorLoops} with it: written in the same way (each method's contract is its scalar loop).
 */
final class PerEventHessianLoops {

    private static final VectorSpecies<Double> SPECIES = VectorLoops.SPECIES;

    private PerEventHessianLoops() {
    }

    /** t_j = c &middot; q_j, then sum_j += t_j. */
    static void scaledAndAdded(double[] t, double[] sum, double c, double[] q, int len) {
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector tv = DoubleVector.fromArray(SPECIES, q, j).mul(c);
            tv.intoArray(t, j);
            DoubleVector.fromArray(SPECIES, sum, j).add(tv).intoArray(sum, j);
        }
        for (; j < len; j++) {
            t[j] = c * q[j];
            sum[j] += t[j];
        }
    }

    /** dst_j += c &middot; x_j &middot; y_j. */
    static void addScaledProduct(double[] dst, double c, double[] x, double[] y, int len) {
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, x, j).mul(c).mul(DoubleVector.fromArray(SPECIES, y, j))
                    .add(DoubleVector.fromArray(SPECIES, dst, j)).intoArray(dst, j);
        }
        for (; j < len; j++) {
            dst[j] += c * x[j] * y[j];
        }
    }

    /** dst_j += x_j &middot; y_j &middot; z_j. */
    static void addProduct(double[] dst, double[] x, double[] y, double[] z, int len) {
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, x, j).mul(DoubleVector.fromArray(SPECIES, y, j))
                    .mul(DoubleVector.fromArray(SPECIES, z, j))
                    .add(DoubleVector.fromArray(SPECIES, dst, j)).intoArray(dst, j);
        }
        for (; j < len; j++) {
            dst[j] += x[j] * y[j] * z[j];
        }
    }

    /** dst_j = g + x_j. */
    static void offset(double[] dst, double g, double[] x, int len) {
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, x, j).add(g).intoArray(dst, j);
        }
        for (; j < len; j++) {
            dst[j] = g + x[j];
        }
    }

    /** dst_j += t_j (gg + g2 u_j + v_j). */
    static void addCurvature(double[] dst, double[] t, double gg, double g2, double[] u, double[] v, int len) {
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector inner = DoubleVector.fromArray(SPECIES, u, j).mul(g2).add(gg)
                    .add(DoubleVector.fromArray(SPECIES, v, j));
            DoubleVector.fromArray(SPECIES, t, j).mul(inner).add(DoubleVector.fromArray(SPECIES, dst, j)).intoArray(dst, j);
        }
        for (; j < len; j++) {
            dst[j] += t[j] * (gg + g2 * u[j] + v[j]);
        }
    }

    /**
     * &Sigma;_{j &lt; len} (s_j x_j &minus; y_j z_j): a Hessian entry's terms over a block (y = s2 &middot; &part;&lambda;), summed
     * lane-wise in registers, the lanes then added in lane order, then the tail.
     */
    static double hessianTerm(double[] s, double[] x, double[] y, double[] z, int len) {
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            DoubleVector a = DoubleVector.fromArray(SPECIES, s, j).mul(DoubleVector.fromArray(SPECIES, x, j));
            DoubleVector b = DoubleVector.fromArray(SPECIES, y, j).mul(DoubleVector.fromArray(SPECIES, z, j));
            acc = acc.add(a.sub(b));
        }
        // the lanes added in lane order (not reduceLanes, whose order of additions is unspecified and may differ between
        // compiled and interpreted code), here and not in a method of their own: passing the vector to a call the JIT
        // does not inline (NodeCountInliningCutoff in a large caller such as ColumnarNll.reduce) boxes it, 96 bytes
        // per call (HotPathAllocationTest#evaluationsAllocateNothing)
        double sum = 0;
        for (int lane = 0; lane < SPECIES.length(); lane++) {
            sum += acc.lane(lane);
        }
        for (; j < len; j++) {
            sum += s[j] * x[j] - y[j] * z[j];
        }
        return sum;
    }
}
