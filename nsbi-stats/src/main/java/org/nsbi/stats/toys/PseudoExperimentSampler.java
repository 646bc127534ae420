package org.nsbi.stats.toys;

import org.apache.commons.rng.UniformRandomProvider;

/** Draws pseudo-experiments by the Poisson bootstrap of primer section 3. */
public interface PseudoExperimentSampler {

    /** One pseudo-experiment from the given stream (the stream decides everything drawn). */
    PseudoExperiment draw(UniformRandomProvider rng);
}
