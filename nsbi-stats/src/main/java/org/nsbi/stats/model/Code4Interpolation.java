package org.nsbi.stats.model;

/**
 * The seeds' interpolation of a factor between its values at &alpha; = &minus;1, 0, +1 (primer section 1,
 * HistFactory's interpolation code 4): a 6th-order polynomial 1 + &Sigma;&#8345; a&#8345; &alpha;&#8319; for
 * |&alpha;| &lt; 1 whose value, slope and curvature match the exponential extrapolation r&#8330;^&alpha;
 * (&alpha; &ge; 1) and r&#8331;^(&minus;&alpha;) (&alpha; &le; &minus;1) at &plusmn;1. With L&plusmn; = ln r&plusmn;:
 * <pre>
 * S0 = (r+ + r-)/2        A0 = (r+ - r-)/2
 * S1 = (r+L+ - r-L-)/2    A1 = (r+L+ + r-L-)/2
 * S2 = (r+L+² + r-L-²)/2  A2 = (r+L+² - r-L-²)/2
 * a1 = (15A0 - 7S1 + A2)/8        a2 = (-24 + 24S0 - 9A1 + S2)/8
 * a3 = (-5A0 + 5S1 - A2)/4        a4 = (12 - 12S0 + 7A1 - S2)/4
 * a5 = (3A0 - 3S1 + A2)/8         a6 = (-8 + 8S0 - 5A1 + S2)/8
 * </pre>
 * Used for yield factors (r&plusmn; = &nu;_c(&plusmn;1)/&nu;_c) and for per-event shape factors
 * (r&plusmn; = p_c(x|&plusmn;1)/p_c(x)). Ratios must be &gt; 0; {@link #MIN_RATIO} stands in for 0.
 */
public final class Code4Interpolation {

    /** The smallest ratio used: a ratio of 0 (an event the variation never produces) is read as this. */
    public static final double MIN_RATIO = 1e-12;

    private Code4Interpolation() {
    }

    /** The six polynomial coefficients a1..a6 into {@code out[offset .. offset+6)}. */
    public static void coefficients(double rUp, double rDown, double lUp, double lDown, double[] out, int offset) {
        double s0 = 0.5 * (rUp + rDown);
        double a0 = 0.5 * (rUp - rDown);
        double rlu = rUp * lUp;
        double rld = rDown * lDown;
        double s1 = 0.5 * (rlu - rld);
        double a1 = 0.5 * (rlu + rld);
        double s2 = 0.5 * (rlu * lUp + rld * lDown);
        double a2 = 0.5 * (rlu * lUp - rld * lDown);
        out[offset] = (15 * a0 - 7 * s1 + a2) / 8;
        out[offset + 1] = (-24 + 24 * s0 - 9 * a1 + s2) / 8;
        out[offset + 2] = (-5 * a0 + 5 * s1 - a2) / 4;
        out[offset + 3] = (12 - 12 * s0 + 7 * a1 - s2) / 4;
        out[offset + 4] = (3 * a0 - 3 * s1 + a2) / 8;
        out[offset + 5] = (-8 + 8 * s0 - 5 * a1 + s2) / 8;
    }

    /** ln of a ratio, with 0 (or below) read as {@link #MIN_RATIO}. */
    public static double log(double r) {
        return Math.log(Math.max(r, MIN_RATIO));
    }

    /**
     * factor(&alpha;) and its first two derivatives into {@code out[0..3)}, from precomputed coefficients
     * {@code a[off..off+6)} and logs.
     */
    public static void evaluate(double alpha, double[] a, int off, double lUp, double lDown, double[] out) {
        if (alpha >= 1) {
            double v = Math.exp(alpha * lUp);
            out[0] = v;
            out[1] = lUp * v;
            out[2] = lUp * lUp * v;
        } else if (alpha <= -1) {
            double v = Math.exp(-alpha * lDown);
            out[0] = v;
            out[1] = -lDown * v;
            out[2] = lDown * lDown * v;
        } else {
            double a1 = a[off];
            double a2 = a[off + 1];
            double a3 = a[off + 2];
            double a4 = a[off + 3];
            double a5 = a[off + 4];
            double a6 = a[off + 5];
            double x = alpha;
            out[0] = 1 + x * (a1 + x * (a2 + x * (a3 + x * (a4 + x * (a5 + x * a6)))));
            out[1] = a1 + x * (2 * a2 + x * (3 * a3 + x * (4 * a4 + x * (5 * a5 + x * 6 * a6))));
            out[2] = 2 * a2 + x * (6 * a3 + x * (12 * a4 + x * (20 * a5 + x * 30 * a6)));
        }
    }

    /** factor(&alpha;) alone, from the two ratios. */
    public static double factor(double alpha, double rUp, double rDown) {
        double[] v = new double[3];
        derivatives(alpha, rUp, rDown, v);
        return v[0];
    }

    /** factor(&alpha;), d/d&alpha; and d&sup2;/d&alpha;&sup2; into {@code out[0..3)}, from the two ratios. */
    public static void derivatives(double alpha, double rUp, double rDown, double[] out) {
        double lUp = log(rUp);
        double lDown = log(rDown);
        double[] a = new double[6];
        coefficients(Math.exp(lUp), Math.exp(lDown), lUp, lDown, a, 0);
        evaluate(alpha, a, 0, lUp, lDown, out);
    }
}
