package org.nsbi.model.offshell;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nsbi.model.UserError;

/**
 * A simulated sample of the toy: a process at nominal, or varied by one nuisance parameter to α = ±1.
 * Names: {@code S}, {@code SBI_energy_scale_up}, {@code NI_ni_shape_down}, ... (process, then
 * {@code _<nuisance>_up|down}). Its expected yield is ν_c(α) (energy_scale changes the acceptance,
 * ni_norm multiplies by 1.10 / 0.92, ni_shape keeps the yield).
 *
 * @param process   the process
 * @param nuisance  the varied parameter, or null for the nominal sample
 * @param direction +1 or −1 for a variation, 0 for nominal
 */
public record OffshellSample(OffshellProcess process, OffshellNuisance nuisance, int direction) {

    public OffshellSample {
        Objects.requireNonNull(process, "process");
        if (nuisance == null ? direction != 0 : (direction != 1 && direction != -1)) {
            throw new IllegalArgumentException("direction = " + direction + " for nuisance " + nuisance
                    + "; expected 0 for the nominal sample (null nuisance) and +1 or -1 for a variation");
        }
        if (nuisance != null && !nuisance.actsOn(process)) {
            throw new IllegalArgumentException("nuisance parameter " + nuisance.key() + " does not act on process "
                    + process + "; it acts on NI only");
        }
    }

    /** The nominal sample of a process. */
    public static OffshellSample nominal(OffshellProcess process) {
        return new OffshellSample(process, null, 0);
    }

    /** The sample of a process with one nuisance parameter at +1 (direction 1) or −1 (direction −1). */
    public static OffshellSample varied(OffshellProcess process, OffshellNuisance nuisance, int direction) {
        return new OffshellSample(process, Objects.requireNonNull(nuisance, "nuisance"), direction);
    }

    /** All samples: 4 nominal, 4 × energy_scale ±1, NI × ni_norm ±1 and ni_shape ±1 (16 in all). */
    public static List<OffshellSample> all() {
        List<OffshellSample> all = new ArrayList<>();
        for (OffshellProcess p : OffshellProcess.values()) {
            all.add(nominal(p));
        }
        for (OffshellNuisance n : OffshellNuisance.values()) {
            for (OffshellProcess p : OffshellProcess.values()) {
                if (n.actsOn(p)) {
                    all.add(varied(p, n, 1));
                    all.add(varied(p, n, -1));
                }
            }
        }
        return List.copyOf(all);
    }

    /** The sample named {@code name} (see the class comment); throws listing the known names otherwise. */
    public static OffshellSample byName(String name) {
        for (OffshellSample s : all()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new UserError("unknown off-shell toy sample '" + name + "'; known: "
                + String.join(", ", all().stream().map(OffshellSample::name).toList()));
    }

    /** The sample's name, e.g. {@code SBI_energy_scale_up}. */
    public String name() {
        return nuisance == null ? process.name()
                : process.name() + "_" + nuisance.key() + (direction > 0 ? "_up" : "_down");
    }

    /** The α of this sample's nuisance parameter (0 if it is not the varied one). */
    public double alpha(OffshellNuisance k) {
        return k == nuisance ? direction : 0.0;
    }

    /** The exact rates the sample's events follow (the ni_norm factor is in the yield only). */
    public OffshellRates rates() {
        return process.rates(alpha(OffshellNuisance.ENERGY_SCALE), alpha(OffshellNuisance.NI_SHAPE));
    }

    /** ν_sample: the window yield of {@link #rates()} times the ni_norm factor (1.10 / 0.92) if varied. */
    public double yield() {
        double norm = nuisance == OffshellNuisance.NI_NORM
                ? (direction > 0 ? OffshellToy.NI_NORM_UP : OffshellToy.NI_NORM_DOWN) : 1.0;
        return norm * rates().yield();
    }
}
