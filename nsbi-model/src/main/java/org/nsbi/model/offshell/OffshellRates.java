package org.nsbi.model.offshell;

import static org.nsbi.model.offshell.OffshellToy.ENERGY_SCALE_PER_UNIT;
import static org.nsbi.model.offshell.OffshellToy.INTERFERENCE_ANGULAR_INTEGRAL;
import static org.nsbi.model.offshell.OffshellToy.K_B2;
import static org.nsbi.model.offshell.OffshellToy.K_NI2;
import static org.nsbi.model.offshell.OffshellToy.K_S2;
import static org.nsbi.model.offshell.OffshellToy.M_MAX;
import static org.nsbi.model.offshell.OffshellToy.M_MIN;
import static org.nsbi.model.offshell.OffshellToy.M_UNIT;
import static org.nsbi.model.offshell.OffshellToy.NI_SHAPE_HALF_WIDTH;
import static org.nsbi.model.offshell.OffshellToy.NI_SHAPE_PIVOT;
import static org.nsbi.model.offshell.OffshellToy.NI_SHAPE_SLOPE;
import static org.nsbi.model.offshell.OffshellToy.powerLawIntegral;

/**
 * An exact event rate of the toy in <em>measured</em> x, and its yield inside the window:
 * <pre>
 *   σ_true(x) = a_S σ_S + a_I σ_I + a_B σ_B + a_NI h(m) σ_NI                 (true x)
 *   h(m)      = (1 + 0.15 α_shape (m − 600)/400) / n(α_shape)
 *   n(α)      = 1 + 0.15 α (⟨m⟩_NI − 600)/400,  ⟨m⟩_NI = mean true m of NI in the window at α = 0
 *   σ(x)      = σ_true(m / s, c, y) / s   for 200 ≤ m ≤ 1000, |c| ≤ 1, else 0;  s = 1 + 0.01 α_energy_scale
 *   ν         = ∫_window σ(x) dx = ∫_{200/s}^{1000/s} σ_true dm dc dy
 * </pre>
 * so n(α) keeps the NI yield at α_energy_scale = 0 unchanged (ni_shape is shape only). The ni_shape
 * factor acts on the true m. The processes are {@link OffshellProcess#rates}; the full model at a
 * truth (μ, α) is {@link #truth}; the reference p_ref is {@link #reference}. Coefficients must satisfy
 * a_I² ≤ a_S a_B (the rate is then |√a_S A_S ± √a_B A_B|² plus positive terms, so it is ≥ 0).
 * Yields: the S, B, NI terms in closed form (power laws), the interference by quadrature
 * ({@link OffshellToy#interferenceMassIntegral}).
 */
public final class OffshellRates {

    private final double aS;
    private final double aI;
    private final double aB;
    private final double aNI;
    private final double alphaEnergyScale;
    private final double alphaNiShape;
    private final double scale;
    private final double shapeNorm;
    private final double yield;

    private OffshellRates(double aS, double aI, double aB, double aNI, double alphaEnergyScale,
                          double alphaNiShape) {
        this.aS = aS;
        this.aI = aI;
        this.aB = aB;
        this.aNI = aNI;
        this.alphaEnergyScale = alphaEnergyScale;
        this.alphaNiShape = alphaNiShape;
        this.scale = 1.0 + ENERGY_SCALE_PER_UNIT * alphaEnergyScale;
        double meanMassNi = M_UNIT * powerLawIntegral(2, M_MIN, M_MAX) / powerLawIntegral(3, M_MIN, M_MAX);
        this.shapeNorm = 1.0 + NI_SHAPE_SLOPE * alphaNiShape * (meanMassNi - NI_SHAPE_PIVOT) / NI_SHAPE_HALF_WIDTH;
        this.yield = computeYield();
    }

    /**
     * The rate a_S σ_S + a_I σ_I + a_B σ_B + a_NI h σ_NI at (energy_scale, ni_shape); checks that the
     * coefficients give a rate ≥ 0 and that the energy scale and the ni_shape factor are valid.
     */
    public static OffshellRates of(double aS, double aI, double aB, double aNI, double alphaEnergyScale,
                                   double alphaNiShape) {
        double[] all = {aS, aI, aB, aNI, alphaEnergyScale, alphaNiShape};
        for (double v : all) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("off-shell rate coefficients and alphas must be finite; got "
                        + java.util.Arrays.toString(all));
            }
        }
        if (aS < 0 || aB < 0 || aNI < 0) {
            throw new IllegalArgumentException("a_S = " + aS + ", a_B = " + aB + ", a_NI = " + aNI
                    + "; expected all >= 0");
        }
        if (aI * aI > aS * aB * (1.0 + 1e-12)) {
            throw new IllegalArgumentException("a_I = " + aI + " with a_S = " + aS + ", a_B = " + aB
                    + "; expected a_I^2 <= a_S * a_B so that the rate is >= 0");
        }
        if (1.0 + ENERGY_SCALE_PER_UNIT * alphaEnergyScale <= 0) {
            throw new IllegalArgumentException("energy_scale alpha = " + alphaEnergyScale
                    + "; expected 1 + 0.01 * alpha > 0");
        }
        OffshellRates r = new OffshellRates(aS, aI, aB, aNI, alphaEnergyScale, alphaNiShape);
        if (aNI > 0 && (r.shapeNorm <= 0 || r.niShapeFactor(r.trueMassMin()) < 0
                || r.niShapeFactor(r.trueMassMax()) < 0)) {
            throw new IllegalArgumentException("ni_shape alpha = " + alphaNiShape
                    + "; expected 1 + 0.15 * alpha * (m - 600)/400 >= 0 over the true masses ["
                    + r.trueMassMin() + ", " + r.trueMassMax() + "]");
        }
        if (!(r.yield > 0)) {
            throw new IllegalArgumentException("the rate " + r + " has no events in the window; expected a yield > 0");
        }
        return r;
    }

    /** The reference rate σ_S + σ_B + σ_NI at nominal: p_ref = σ / 585, the spec's (35 p_S + 150 p_B + 400 p_NI)/585. */
    public static OffshellRates reference() {
        return of(1, 0, 1, 1, 0, 0);
    }

    /**
     * The full model σ(x | μ, α) = μ σ_S + √μ σ_I + σ_B + G_norm(α_ni_norm) σ_NI (with energy_scale and
     * ni_shape applied), α in {@link OffshellNuisance} order. G_norm is the code-4 interpolation of the
     * spec's ni_norm factors 1.10 / 0.92 ({@link #niNormFactor}).
     */
    public static OffshellRates truth(double mu, double[] alpha) {
        if (!(mu >= 0) || Double.isInfinite(mu)) {
            throw new IllegalArgumentException("mu = " + mu + "; expected a finite mu >= 0");
        }
        if (alpha == null || alpha.length != OffshellNuisance.values().length) {
            throw new IllegalArgumentException("alpha has " + (alpha == null ? "no" : alpha.length)
                    + " entries; expected " + OffshellNuisance.values().length
                    + " (energy_scale, ni_norm, ni_shape)");
        }
        return of(mu, Math.sqrt(mu), 1.0, niNormFactor(alpha[OffshellNuisance.NI_NORM.ordinal()]),
                alpha[OffshellNuisance.ENERGY_SCALE.ordinal()], alpha[OffshellNuisance.NI_SHAPE.ordinal()]);
    }

    /**
     * The ni_norm yield factor at α: HistFactory interpolation code 4 between κ₋ = 0.92 (α = −1),
     * 1 (α = 0) and κ₊ = 1.10 (α = +1), as written in the primer §1: 1 + Σ_{n=1..6} a_n αⁿ for |α| &lt; 1,
     * κ₊^α for α ≥ 1, κ₋^(−α) for α ≤ −1.
     */
    public static double niNormFactor(double alpha) {
        return org.nsbi.stats.model.Code4Interpolation.factor(alpha, OffshellToy.NI_NORM_UP, OffshellToy.NI_NORM_DOWN);
    }

    /** s = 1 + 0.01 α_energy_scale: measured m = s · true m. */
    public double scale() {
        return scale;
    }

    /** 200 / s: the lowest true m that is measured inside the window. */
    public double trueMassMin() {
        return M_MIN / scale;
    }

    /** 1000 / s: the highest true m that is measured inside the window. */
    public double trueMassMax() {
        return M_MAX / scale;
    }

    /** h(m) = (1 + 0.15 α_shape (m − 600)/400) / n(α_shape), the renormalised ni_shape factor at true m. */
    public double niShapeFactor(double trueMass) {
        return (1.0 + NI_SHAPE_SLOPE * alphaNiShape * (trueMass - NI_SHAPE_PIVOT) / NI_SHAPE_HALF_WIDTH) / shapeNorm;
    }

    /** σ_true(x) = a_S σ_S + a_I σ_I + a_B σ_B + a_NI h(m) σ_NI at true x (no window). */
    public double trueRate(double m, double c, double y) {
        double r = 0;
        if (aS != 0) {
            r += aS * OffshellToy.rateS(m, c, y);
        }
        if (aI != 0) {
            r += aI * OffshellToy.rateI(m, c, y);
        }
        if (aB != 0) {
            r += aB * OffshellToy.rateB(m, c, y);
        }
        if (aNI != 0) {
            r += aNI * niShapeFactor(m) * OffshellToy.rateNI(m, c, y);
        }
        return r;
    }

    /** σ(x) = σ_true(m/s, c, y)/s for measured x inside the window (200 ≤ m ≤ 1000, |c| ≤ 1), else 0. */
    public double rate(double m, double c, double y) {
        if (!(m >= M_MIN && m <= M_MAX && c >= -1 && c <= 1)) {
            return 0.0;
        }
        return Math.max(0.0, trueRate(m / scale, c, y)) / scale;
    }

    /** p(x) = σ(x) / ν, the normalised density of measured x. */
    public double density(double m, double c, double y) {
        return rate(m, c, y) / yield;
    }

    /** ν = ∫_window σ(x) dx. */
    public double yield() {
        return yield;
    }

    private double computeYield() {
        double lo = trueMassMin();
        double hi = trueMassMax();
        double nu = 0;
        if (aS != 0) {
            nu += aS * K_S2 * powerLawIntegral(2, lo, hi);
        }
        if (aI != 0) {
            nu += aI * 2.0 * Math.sqrt(K_S2 * K_B2) * INTERFERENCE_ANGULAR_INTEGRAL
                    * OffshellToy.interferenceMassIntegral(lo, hi);
        }
        if (aB != 0) {
            nu += aB * K_B2 * powerLawIntegral(3, lo, hi);
        }
        if (aNI != 0) {
            // ∫ t^-3 (1 + k (m - 600)/400) dm = P3 + k/400 (200 P2 - 600 P3), k = 0.15 α_shape
            double p3 = powerLawIntegral(3, lo, hi);
            double p2 = powerLawIntegral(2, lo, hi);
            double k = NI_SHAPE_SLOPE * alphaNiShape;
            nu += aNI * K_NI2 * (p3 + k / NI_SHAPE_HALF_WIDTH * (M_UNIT * p2 - NI_SHAPE_PIVOT * p3)) / shapeNorm;
        }
        return nu;
    }

    double aS() {
        return aS;
    }

    double aI() {
        return aI;
    }

    double aB() {
        return aB;
    }

    double aNI() {
        return aNI;
    }

    public double alphaEnergyScale() {
        return alphaEnergyScale;
    }

    public double alphaNiShape() {
        return alphaNiShape;
    }

    @Override
    public String toString() {
        return "OffshellRates[" + aS + " S + " + aI + " I + " + aB + " B + " + aNI + " NI; energy_scale = "
                + alphaEnergyScale + ", ni_shape = " + alphaNiShape + ", yield = " + yield + "]";
    }
}
