package org.nsbi.model.offshell;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;

/**
 * The constants and the true-x rates of the off-shell toy ({@code shared/spec/offshell-toy.md}), with
 * t = m/200 and φ(m) = (π/2)(1 + tanh((m − 260)/40)):
 * <pre>
 *   σ_S  = k_S²  t^-2   · 1/2          · N(y; 0, 1)
 *   σ_B  = k_B²  t^-3   · 3(1+c²)/8    · N(y; 0, 1)
 *   σ_I  = 2 k_S k_B t^-2.5 cos φ(m) · sqrt(1/2) sqrt(3(1+c²)/8) · N(y; 0, 1)
 *   σ_NI = k_NI² t^-3   · 3(1+c²)/8    · N(y; 0, 1.6)
 * </pre>
 * The k's follow from ν_S = 35, ν_B = 150, ν_NI = 400 over the window m ∈ [200, 1000], c ∈ [−1, 1],
 * y ∈ ℝ: the c and y factors integrate to 1, so k_c² = ν_c / ∫ t^-n dm (n = 2 for S, 3 for B and NI).
 * The rates here are per unit <em>true</em> phase space; {@link OffshellRates} adds the energy scale
 * and the window.
 */
public final class OffshellToy {

    /** Lower edge of the window on the measured m, GeV. */
    public static final double M_MIN = 200.0;
    /** Upper edge of the window on the measured m, GeV. */
    public static final double M_MAX = 1000.0;
    /** The mass unit of t = m / 200. */
    public static final double M_UNIT = 200.0;
    public static final double NU_S = 35.0;
    public static final double NU_B = 150.0;
    public static final double NU_NI = 400.0;
    /** Standard deviation of y in the NI process (1 for S, B and the interference). */
    public static final double NI_Y_SIGMA = 1.6;
    /** energy_scale: measured m = true m · (1 + ENERGY_SCALE_PER_UNIT · α). */
    public static final double ENERGY_SCALE_PER_UNIT = 0.01;
    /** ni_norm: ν_NI(+1)/ν_NI. */
    public static final double NI_NORM_UP = 1.10;
    /** ni_norm: ν_NI(−1)/ν_NI. */
    public static final double NI_NORM_DOWN = 0.92;
    /** ni_shape: σ_NI · (1 + NI_SHAPE_SLOPE · α · (m − NI_SHAPE_PIVOT)/NI_SHAPE_HALF_WIDTH), renormalised. */
    public static final double NI_SHAPE_SLOPE = 0.15;
    public static final double NI_SHAPE_PIVOT = 600.0;
    public static final double NI_SHAPE_HALF_WIDTH = 400.0;

    /** k_S² = ν_S / ∫_200^1000 t^-2 dm = 35/160. */
    public static final double K_S2 = NU_S / powerLawIntegral(2, M_MIN, M_MAX);
    /** k_B² = ν_B / ∫_200^1000 t^-3 dm = 150/96. */
    public static final double K_B2 = NU_B / powerLawIntegral(3, M_MIN, M_MAX);
    /** k_NI² = ν_NI / ∫_200^1000 t^-3 dm = 400/96. */
    public static final double K_NI2 = NU_NI / powerLawIntegral(3, M_MIN, M_MAX);

    /**
     * ∫_{-1}^{1} sqrt(1/2)·sqrt(3(1+c²)/8) dc = (√3/4)(√2 + asinh 1), the c-factor of the interference
     * (closed form; {@code OffshellRatesTest} checks it against quadrature).
     */
    public static final double INTERFERENCE_ANGULAR_INTEGRAL =
            Math.sqrt(3.0) / 4.0 * (Math.sqrt(2.0) + Math.log(1.0 + Math.sqrt(2.0)));

    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private OffshellToy() {
    }

    /** φ(m) = (π/2)(1 + tanh((m − 260)/40)), the phase of A_S. */
    public static double phase(double m) {
        return 0.5 * Math.PI * (1.0 + Math.tanh((m - 260.0) / 40.0));
    }

    /** ∫_lo^hi (m/200)^-n dm in closed form (n ≠ 1). */
    public static double powerLawIntegral(double n, double lo, double hi) {
        double e = 1.0 - n;
        return M_UNIT / e * (Math.pow(hi / M_UNIT, e) - Math.pow(lo / M_UNIT, e));
    }

    /**
     * ∫_lo^hi t^-2.5 cos φ(m) dm by iterative Legendre-Gauss quadrature (Commons Math), relative and
     * absolute accuracy 1e-13.
     */
    public static double interferenceMassIntegral(double lo, double hi) {
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(32, 1e-13, 1e-13);
        return integrator.integrate(1_000_000, m -> Math.pow(m / M_UNIT, -2.5) * Math.cos(phase(m)), lo, hi);
    }

    /** N(y; 0, s), the normal density. */
    static double normal(double y, double s) {
        double z = y / s;
        return INV_SQRT_2PI / s * Math.exp(-0.5 * z * z);
    }

    /** σ_S at true x. */
    public static double rateS(double m, double c, double y) {
        double t = m / M_UNIT;
        return K_S2 / (t * t) * 0.5 * normal(y, 1.0);
    }

    /** σ_B at true x. */
    public static double rateB(double m, double c, double y) {
        double t = m / M_UNIT;
        return K_B2 / (t * t * t) * 0.375 * (1.0 + c * c) * normal(y, 1.0);
    }

    /** σ_I = 2 Re(A_S A_B*) at true x (negative where cos φ &lt; 0). */
    public static double rateI(double m, double c, double y) {
        double t = m / M_UNIT;
        return 2.0 * Math.sqrt(K_S2 * K_B2) * Math.pow(t, -2.5) * Math.cos(phase(m))
                * Math.sqrt(0.5 * 0.375 * (1.0 + c * c)) * normal(y, 1.0);
    }

    /** σ_NI at true x. */
    public static double rateNI(double m, double c, double y) {
        double t = m / M_UNIT;
        return K_NI2 / (t * t * t) * 0.375 * (1.0 + c * c) * normal(y, NI_Y_SIGMA);
    }
}
