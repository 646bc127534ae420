package org.nsbi.model.offshell;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Distribution tests of events against an exact rate: a 1-D marginal CDF tabulated by numerical
 * integration of the rate over the other two features (trapezoid between grid points), the
 * probability-integral transform F(x_i) tested for uniformity with Commons Math's KS test; and a
 * χ² test on (m, c) cells whose expected counts are Gauss-Legendre integrals of the rate.
 * Only the shape is tested: the expected counts are scaled to the number of events.
 */
final class ExactMarginals {

    private ExactMarginals() {
    }

    /** The KS p-value of feature {@code f} (0 = m, 1 = c, 2 = y) of the events against the rate's marginal. */
    static double ksPValue(OffshellRates rates, OffshellEvents events, int f) {
        double lo = f == 0 ? OffshellToy.M_MIN : f == 1 ? -1 : -8;
        double hi = f == 0 ? OffshellToy.M_MAX : f == 1 ? 1 : 8;
        int n = f == 0 ? 800 : f == 1 ? 200 : 320;
        double h = (hi - lo) / n;
        double[] density = new double[n + 1];
        CompositeGauss ms = new CompositeGauss(OffshellToy.M_MIN, OffshellToy.M_MAX, 20, 8);
        CompositeGauss cs = CompositeGauss.cosine();
        CompositeGauss ys = CompositeGauss.rapidity();
        for (int g = 0; g <= n; g++) {
            double v = lo + g * h;
            double s = 0;
            if (f == 0) {
                s = CompositeGauss.overCosineAndRapidity(rates, v, cs, ys);
            } else {
                CompositeGauss other = f == 1 ? ys : cs;
                for (int i = 0; i < ms.x.length; i++) {
                    for (int j = 0; j < other.x.length; j++) {
                        double w = ms.w[i] * other.w[j];
                        s += f == 1 ? w * rates.rate(ms.x[i], v, other.x[j]) : w * rates.rate(ms.x[i], other.x[j], v);
                    }
                }
            }
            density[g] = s;
        }
        double[] cdf = new double[n + 1];
        for (int g = 1; g <= n; g++) {
            cdf[g] = cdf[g - 1] + 0.5 * h * (density[g - 1] + density[g]);
        }
        double total = cdf[n];
        double[] u = new double[events.size()];
        for (int i = 0; i < u.length; i++) {
            double v = f == 0 ? events.m()[i] : f == 1 ? events.c()[i] : events.y()[i];
            double pos = (v - lo) / h;
            if (pos <= 0) {
                u[i] = 0;
            } else if (pos >= n) {
                u[i] = 1;
            } else {
                int g = (int) pos;
                double frac = pos - g;
                u[i] = (cdf[g] + frac * (cdf[g + 1] - cdf[g])) / total;
            }
        }
        return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), u);
    }

    static final double[] M_EDGES = {200, 215, 230, 245, 260, 275, 290, 310, 340, 380, 450, 550, 700, 1000};
    static final double[] C_EDGES = {-1, -0.6, -0.2, 0.2, 0.6, 1};

    /** The χ² p-value of the events in (m, c) cells against the rate's expected counts. */
    static double chiSquarePValueMassCosine(OffshellRates rates, OffshellEvents events) {
        int nm = M_EDGES.length - 1;
        int nc = C_EDGES.length - 1;
        double[] expected = new double[nm * nc];
        long[] observed = new long[nm * nc];
        CompositeGauss ys = CompositeGauss.rapidity();
        for (int a = 0; a < nm; a++) {
            CompositeGauss ms = new CompositeGauss(M_EDGES[a], M_EDGES[a + 1], 1, 10);
            for (int b = 0; b < nc; b++) {
                CompositeGauss cs = new CompositeGauss(C_EDGES[b], C_EDGES[b + 1], 1, 8);
                double s = 0;
                for (int i = 0; i < ms.x.length; i++) {
                    s += ms.w[i] * CompositeGauss.overCosineAndRapidity(rates, ms.x[i], cs, ys);
                }
                expected[a * nc + b] = s / rates.yield() * events.size();
            }
        }
        for (int i = 0; i < events.size(); i++) {
            observed[cell(M_EDGES, events.m()[i]) * nc + cell(C_EDGES, events.c()[i])]++;
        }
        // cells expected to hold fewer than 5 events (e.g. where SBI interferes destructively) are pooled
        // into one cell, which keeps the chi-square approximation valid
        List<Double> e = new ArrayList<>();
        List<Long> o = new ArrayList<>();
        double pooledE = 0;
        long pooledO = 0;
        for (int k = 0; k < expected.length; k++) {
            if (expected[k] < 5) {
                pooledE += expected[k];
                pooledO += observed[k];
            } else {
                e.add(expected[k]);
                o.add(observed[k]);
            }
        }
        if (pooledE > 0) {
            e.add(pooledE);
            o.add(pooledO);
        }
        expected = e.stream().mapToDouble(Double::doubleValue).toArray();
        observed = o.stream().mapToLong(Long::longValue).toArray();
        return new ChiSquareTest().chiSquareTest(expected, observed);
    }

    private static int cell(double[] edges, double v) {
        for (int k = 1; k < edges.length - 1; k++) {
            if (v < edges[k]) {
                return k - 1;
            }
        }
        return edges.length - 2;
    }
}
