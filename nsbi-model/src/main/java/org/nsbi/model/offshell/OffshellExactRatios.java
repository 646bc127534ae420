package org.nsbi.model.offshell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsbi.model.ratio.FeatureBlock;
import org.nsbi.model.ratio.RatioFunction;

/**
 * The toy's exact ratios as {@link RatioFunction}s, named like the fixture networks
 * ({@code shared/fixtures/offshell-toy/README.md}):
 * <ul>
 *   <li>{@code ratio_<c>} = p_c(x) / p_ref(x), c in S, B, SBI, NI, with
 *       p_ref = (35 p_S + 150 p_B + 400 p_NI)/585 = (σ_S + σ_B + σ_NI)/585 at nominal;</li>
 *   <li>{@code syst_<c>_energy_scale_up|down} = p_c(x | α = ±1) / p_c(x | 0), c in S, B, SBI, NI, and
 *       {@code syst_NI_ni_shape_up|down}: normalised densities of measured x in the window, so shape only
 *       (exactly 1 for the power-law processes S, B, NI under energy_scale).</li>
 * </ul>
 * Yields are not in the ratios: {@link #yieldFactor} gives ν_c(α_k = ±1)/ν_c. For the interpolation
 * error at any α, {@link #shapeRatio} gives the exact p_c(x | α)/p_c(x | 0).
 */
public final class OffshellExactRatios {

    private static final Map<String, RatioFunction> BY_NAME = build();

    private OffshellExactRatios() {
    }

    /** The 14 names, in the fixture README's order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** The exact ratio called {@code name}; throws naming it and listing the known names otherwise. */
    public static RatioFunction byName(String name) {
        RatioFunction r = BY_NAME.get(name);
        if (r == null) {
            throw new IllegalArgumentException("unknown off-shell toy ratio '" + name + "'; known: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return r;
    }

    /**
     * ν_c(α_k = direction)/ν_c: the energy_scale acceptance change, 1.10 / 0.92 for ni_norm, 1 for
     * ni_shape; 1 for a parameter that does not act on the process.
     */
    public static double yieldFactor(OffshellProcess process, OffshellNuisance nuisance, int direction) {
        if (!nuisance.actsOn(process)) {
            return 1.0;
        }
        return OffshellSample.varied(process, nuisance, direction).yield() / process.nominalYield();
    }

    /**
     * The exact shape ratio p_c(x | α_energy_scale, α_ni_shape) / p_c(x | 0, 0) of normalised measured
     * densities, at any α (for measuring the interpolation error).
     */
    public static RatioFunction shapeRatio(OffshellProcess process, double alphaEnergyScale, double alphaNiShape) {
        String name = "exact_" + process + "_energy_scale_" + alphaEnergyScale + "_ni_shape_" + alphaNiShape;
        return new DensityRatio(name, process.rates(alphaEnergyScale, alphaNiShape), process.rates());
    }

    private static Map<String, RatioFunction> build() {
        Map<String, RatioFunction> m = new LinkedHashMap<>();
        OffshellRates reference = OffshellRates.reference();
        for (OffshellProcess p : OffshellProcess.values()) {
            m.put("ratio_" + p, new DensityRatio("ratio_" + p, p.rates(), reference));
        }
        List<OffshellSample> shapeVariations = new ArrayList<>();
        for (OffshellSample s : OffshellSample.all()) {
            if (s.nuisance() == OffshellNuisance.ENERGY_SCALE || s.nuisance() == OffshellNuisance.NI_SHAPE) {
                shapeVariations.add(s);
            }
        }
        for (OffshellSample s : shapeVariations) {
            String name = "syst_" + s.name();
            m.put(name, new DensityRatio(name, s.rates(), s.process().rates()));
        }
        return m;
    }

    /** r(x) = (σ_num(x)/ν_num) / (σ_den(x)/ν_den) on measured x inside the window. */
    private record DensityRatio(String name, OffshellRates numerator, OffshellRates denominator)
            implements RatioFunction {

        @Override
        public void evaluate(FeatureBlock block, double[] out) {
            if (!Arrays.equals(block.featureNames(), OffshellEvents.FEATURES)) {
                throw new IllegalArgumentException(name + ": features are " + Arrays.toString(block.featureNames())
                        + "; expected " + Arrays.toString(OffshellEvents.FEATURES));
            }
            if (out.length < block.size()) {
                throw new IllegalArgumentException(name + ": output has length " + out.length
                        + "; expected at least " + block.size());
            }
            double norm = denominator.yield() / numerator.yield();
            for (int i = 0; i < block.size(); i++) {
                double m = block.value(i, 0);
                double c = block.value(i, 1);
                double y = block.value(i, 2);
                double den = denominator.rate(m, c, y);
                if (!(den > 0)) {
                    throw new IllegalArgumentException(name + ": event " + i + " at (m, c, y) = (" + m + ", " + c
                            + ", " + y + ") is outside the toy's phase space (m in [200, 1000], c in [-1, 1],"
                            + " finite y) or has zero reference density");
                }
                out[i] = numerator.rate(m, c, y) / den * norm;
            }
        }
    }
}
