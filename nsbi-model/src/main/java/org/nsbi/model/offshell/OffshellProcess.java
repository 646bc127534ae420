package org.nsbi.model.offshell;

/**
 * The toy's simulated processes (samples with positive densities). Each is a combination of the
 * rates of {@link OffshellToy}: S = σ_S, B = σ_B, SBI = σ_S + σ_I + σ_B = |A_S + A_B|², NI = σ_NI.
 */
public enum OffshellProcess {
    S(1, 0, 0, 0),
    B(0, 0, 1, 0),
    SBI(1, 1, 1, 0),
    NI(0, 0, 0, 1);

    private final double aS;
    private final double aI;
    private final double aB;
    private final double aNI;

    OffshellProcess(double aS, double aI, double aB, double aNI) {
        this.aS = aS;
        this.aI = aI;
        this.aB = aB;
        this.aNI = aNI;
    }

    /** The nominal rates of the process (α = 0). */
    public OffshellRates rates() {
        return rates(0.0, 0.0);
    }

    /** The rates of the process at energy_scale = alphaEnergyScale and ni_shape = alphaNiShape. */
    public OffshellRates rates(double alphaEnergyScale, double alphaNiShape) {
        return OffshellRates.of(aS, aI, aB, aNI, alphaEnergyScale, alphaNiShape);
    }

    /** ν_c, the nominal yield inside the window (by quadrature for SBI). */
    public double nominalYield() {
        return rates().yield();
    }
}
