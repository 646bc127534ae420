package org.nsbi.model.offshell;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * A composite Gauss-Legendre rule (Commons Math's nodes and weights) on [lo, hi]: {@code pieces}
 * equal sub-intervals with {@code points} nodes each, flattened to arrays so that rules can be nested
 * for 2-D and 3-D integrals of the toy's rates.
 */
final class CompositeGauss {

    final double[] x;
    final double[] w;

    CompositeGauss(double lo, double hi, int pieces, int points) {
        x = new double[pieces * points];
        w = new double[pieces * points];
        GaussIntegratorFactory factory = new GaussIntegratorFactory();
        double h = (hi - lo) / pieces;
        for (int p = 0; p < pieces; p++) {
            GaussIntegrator g = factory.legendre(points, lo + p * h, lo + (p + 1) * h);
            for (int i = 0; i < points; i++) {
                x[p * points + i] = g.getPoint(i);
                w[p * points + i] = g.getWeight(i);
            }
        }
    }

    /** Rules for c on [−1, 1] and y on [−12, 12] (7.5 σ of NI's y), fine enough for 1e-9 relative. */
    static CompositeGauss cosine() {
        return new CompositeGauss(-1, 1, 2, 12);
    }

    static CompositeGauss rapidity() {
        return new CompositeGauss(-12, 12, 12, 10);
    }

    static CompositeGauss mass(double lo, double hi) {
        return new CompositeGauss(lo, hi, 40, 10);
    }

    /** ∫∫ rate(m, c, y) dc dy at fixed measured m. */
    static double overCosineAndRapidity(OffshellRates rates, double m, CompositeGauss cs, CompositeGauss ys) {
        double s = 0;
        for (int i = 0; i < cs.x.length; i++) {
            for (int j = 0; j < ys.x.length; j++) {
                s += cs.w[i] * ys.w[j] * rates.rate(m, cs.x[i], ys.x[j]);
            }
        }
        return s;
    }

    /** ∫ rate over the measured window [200, 1000] × [−1, 1] × [−12, 12]. */
    static double overWindow(OffshellRates rates) {
        CompositeGauss ms = mass(OffshellToy.M_MIN, OffshellToy.M_MAX);
        CompositeGauss cs = cosine();
        CompositeGauss ys = rapidity();
        double s = 0;
        for (int i = 0; i < ms.x.length; i++) {
            s += ms.w[i] * overCosineAndRapidity(rates, ms.x[i], cs, ys);
        }
        return s;
    }
}
