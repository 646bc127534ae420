package org.nsbi.model.offshell;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The toy's nuisance parameters, in the order of every α vector of this package
 * ({@code alpha[ordinal()]}).
 */
public enum OffshellNuisance {
    /** Measured m = true m · (1 + 0.01 α); the window applies to the measured m. All processes. */
    ENERGY_SCALE("energy_scale"),
    /** NI yield only: 1.10 at +1, 0.92 at −1, code-4 interpolation between and beyond. */
    NI_NORM("ni_norm"),
    /** NI shape only: σ_NI · (1 + 0.15 α (m − 600)/400), renormalised to the same yield. */
    NI_SHAPE("ni_shape");

    private final String key;

    OffshellNuisance(String key) {
        this.key = key;
    }

    /** The spec's name, e.g. {@code energy_scale}. */
    public String key() {
        return key;
    }

    /** Whether the parameter acts on the process (energy_scale on all; ni_norm, ni_shape on NI only). */
    public boolean actsOn(OffshellProcess process) {
        return this == ENERGY_SCALE || process == OffshellProcess.NI;
    }

    /** The nuisance with the spec's name {@code key}; throws naming the known ones otherwise. */
    public static OffshellNuisance byKey(String key) {
        for (OffshellNuisance n : values()) {
            if (n.key.equals(key)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown off-shell toy nuisance parameter '" + key + "'; known: "
                + Arrays.stream(values()).map(OffshellNuisance::key).collect(Collectors.joining(", ")));
    }
}
