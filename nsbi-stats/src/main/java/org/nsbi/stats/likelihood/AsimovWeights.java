package org.nsbi.stats.likelihood;

import org.nsbi.stats.model.Code4Interpolation;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * Asimov weights on a reference sample (primer section 3):
 * <pre>
 * w_A,i(&mu;, &alpha;) = &#373;_i &Sigma;_c F_c(&mu;, &alpha;) g_c(x_i | &alpha;) r_c(x_i),   &#373;_i = w_ref,i / &Sigma; w_ref
 * </pre>
 * with g_c divided by N_c(&alpha;) where the model normalises c's shapes ({@link org.nsbi.stats.model.ShapeNormalisation}).
 * so that &Sigma;_i w_A,i &asymp; &nu;(&mu;, &alpha;) when the ratios are calibrated. The closure
 * &Sigma;_i w_A,i / &nu;(&mu;, &alpha;) is reported with the weights.
 *
 * @param weights the Asimov weights, one per reference event
 * @param sum     &Sigma;_i w_A,i
 * @param yield   &nu;(&mu;, &alpha;)
 */
public record AsimovWeights(double[] weights, double sum, double yield) {

    /** &Sigma;_i w_A,i / &nu;(&mu;, &alpha;), 1 for calibrated ratios. */
    public double closure() {
        return sum / yield;
    }

    /**
     * The Asimov weights of {@code reference} at (&mu;, &alpha;).
     *
     * @throws IllegalArgumentException if the reference weights sum to 0, or a weight comes out negative
     *                                  or not finite (naming the event)
     */
    public static AsimovWeights compute(MixtureModel model, EventTable reference, double mu, double[] alpha) {
        double total = reference.sumOfWeights();
        if (!(total > 0)) {
            throw new IllegalArgumentException("the reference sample's weights sum to " + total
                    + "; expected a positive total (is the reference sample empty?)");
        }
        AsimovWeights a = compute(model, reference, total, mu, alpha);
        if (!(a.sum > 0)) {
            throw new IllegalArgumentException("the total Asimov weight is " + a.sum + " at mu = " + mu + ", alpha = "
                    + java.util.Arrays.toString(alpha) + "; expected > 0 (no event can be drawn)");
        }
        return a;
    }

    /**
     * The Asimov weights of {@code reference}, one part of a reference sample whose weights sum to
     * {@code total} (&#373;_i = w_ref,i / total): the parts' weights together are the whole
     * sample's. A part's sum may be 0; {@code sum} and {@link #closure()} are the part's.
     *
     * @throws IllegalArgumentException if a weight comes out negative or not finite (naming the event)
     */
    public static AsimovWeights compute(MixtureModel model, EventTable reference, double total, double mu,
                                        double[] alpha) {
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        double[] norm = model.processNormalisations(mu, alpha);
        org.nsbi.stats.model.ShapeNormalisation shapes = model.shapeNormalisation();
        for (int c = 0; c < nc && shapes != null; c++) {
            if (shapes.normalises(c)) {
                norm[c] /= shapes.value(c, alpha); // g_c / N_c(alpha): the shapes move events, the yield stays
            }
        }
        double[] a = new double[6];
        double[] h = new double[3];
        double[] w = new double[reference.size()];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            double lam = 0;
            for (int c = 0; c < nc; c++) {
                double v = norm[c] * reference.ratio(c, i);
                if (v == 0) {
                    continue;
                }
                for (int k = 0; k < nk; k++) {
                    if (reference.hasShape(c, k) && alpha[k] != 0) {
                        double lu = reference.logUp(c, k, i);
                        double ld = reference.logDown(c, k, i);
                        Code4Interpolation.coefficients(Math.max(reference.up(c, k, i), Code4Interpolation.MIN_RATIO),
                                Math.max(reference.down(c, k, i), Code4Interpolation.MIN_RATIO), lu, ld, a, 0);
                        Code4Interpolation.evaluate(alpha[k], a, 0, lu, ld, h);
                        v *= h[0];
                    }
                }
                lam += v;
            }
            double wi = reference.weight(i) / total * lam;
            if (!(wi >= 0) || Double.isInfinite(wi)) {
                throw new IllegalArgumentException("Asimov weight of reference event " + i + " is " + wi + " at mu = " + mu
                        + ", alpha = " + java.util.Arrays.toString(alpha) + "; expected a finite weight >= 0");
            }
            w[i] = wi;
            sum += wi;
        }
        return new AsimovWeights(w, sum, model.expectedYield(mu, alpha));
    }
}
