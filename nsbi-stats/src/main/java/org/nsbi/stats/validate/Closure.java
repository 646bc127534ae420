package org.nsbi.stats.validate;

/**
 * The closure of a ratio r = p_num / p_den on a sample of the denominator (primer, section 3): with the weights
 * normalised, &#375;_i = w_i / &Sigma; w,
 * <pre>
 *   C = &Sigma;_i &#375;_i r(x_i)            (&asymp; 1 when r is calibrated: E_den[r] = &int; p_num = 1)
 *   &sigma;_C = sqrt( &Sigma;_i &#375;_i&sup2; (r(x_i) &minus; C)&sup2; )   (the Monte Carlo error of a weighted mean)
 * </pre>
 *
 * @param value   C
 * @param mcError &sigma;_C
 * @param events  the number of events summed
 */
public record Closure(double value, double mcError, int events) {

    /** C and &sigma;_C of the ratios {@code r} on events of weights {@code w}. */
    public static Closure of(double[] w, double[] r) {
        Checks.sameLength("weights", w, "ratios", r);
        Checks.finite("ratios", r);
        double total = Checks.weights("weights", w);
        double c = 0;
        for (int i = 0; i < w.length; i++) {
            c += w[i] * r[i];
        }
        c /= total;
        double var = 0;
        for (int i = 0; i < w.length; i++) {
            double d = w[i] / total * (r[i] - c);
            var += d * d;
        }
        return new Closure(c, Math.sqrt(var), w.length);
    }

    /** (C &minus; 1) / &sigma;_C: how many Monte Carlo errors the closure is away from 1. */
    public double pull() {
        return (value - 1) / mcError;
    }
}
