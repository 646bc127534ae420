package org.nsbi.model.config;

import java.util.List;

/**
 * A nuisance parameter &alpha;_k with a unit Gaussian constraint, its effect on each process it acts on,
 * and the range the fits keep it in.
 *
 * @param name    unique parameter name
 * @param effects one per affected process (distinct processes)
 * @param low     the lower bound of &alpha;_k (config {@code bounds: [lo, hi]}; default &minus;5)
 * @param high    the upper bound of &alpha;_k (default 5)
 * @param normalisedShape {@code shape_normalisation: per_event}: each affected process's per-event shape factor is
 *                divided by its mean under p_c on the reference sample, so the shape moves events without changing
 *                the yield; false ({@code none}, the default) is the seeds' model
 */
public record Systematic(String name, List<SystematicEffect> effects, double low, double high, boolean normalisedShape) {

    /** The default bound, &plusmn;5 (the HistFactory/pyhf convention). */
    public static final double DEFAULT_BOUND = 5.0;

    public Systematic {
        effects = List.copyOf(effects);
    }

    /** With the default bounds [&minus;5, 5]. */
    public Systematic(String name, List<SystematicEffect> effects) {
        this(name, effects, -DEFAULT_BOUND, DEFAULT_BOUND, false);
    }

    /** True when some effect has shape ratios. */
    public boolean hasShape() {
        return effects.stream().anyMatch(SystematicEffect::hasShape);
    }
}
