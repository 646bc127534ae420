package org.nsbi.stats.coverage;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Draws the experiments of a coverage check at one truth (&mu;_true, &alpha;_true). The stream decides everything
 * drawn, so an experiment depends only on its stream's key, whoever draws it.
 */
@FunctionalInterface
public interface ExperimentSource {

    Experiment draw(UniformRandomProvider rng);
}
