package org.nsbi.model.config;

import java.util.List;

/**
 * A nuisance parameter &alpha;_k with a unit Gaussian constraint, and its effect on each process it acts on.
 *
 * @param name    unique parameter name
 * @param effects one per affected process (distinct processes)
 */
public record Systematic(String name, List<SystematicEffect> effects) {
    public Systematic {
        effects = List.copyOf(effects);
    }
}
