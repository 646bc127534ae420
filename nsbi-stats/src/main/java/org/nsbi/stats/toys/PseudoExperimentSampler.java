package org.nsbi.stats.toys;

import org.apache.commons.rng.UniformRandomProvider;

/** Draws pseudo-experiments by the Poisson bootstrap of primer section 3. */
public interface PseudoExperimentSampler {

    /** One pseudo-experiment from the given stream (the stream decides everything drawn). */
    PseudoExperiment draw(UniformRandomProvider rng);

    /**
     * The same pseudo-experiment as {@link #draw} into {@code into}'s arrays (the same draws from the stream); by
     * default a copy of {@link #draw}'s. {@link SparsePoissonSampler} allocates nothing per toy here.
     */
    default void drawInto(UniformRandomProvider rng, ExperimentBuffer into) {
        into.set(draw(rng));
    }
}
