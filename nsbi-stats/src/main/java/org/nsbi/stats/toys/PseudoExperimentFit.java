package org.nsbi.stats.toys;

/**
 * Fits a pseudo-experiment at a tested &mu;. The toy machinery (sampling, belts) needs nothing else
 * of a model, so it can be run on a closed-form counting experiment as well as on the full
 * NSBI likelihood. Implementations must be deterministic: the same experiment gives the same result.
 */
@FunctionalInterface
public interface PseudoExperimentFit {

    ToyFit fit(PseudoExperiment experiment, double muTested);

    /** The same fit of an experiment in a buffer; by default of its copy ({@link ExperimentBuffer#toExperiment()}). */
    default ToyFit fit(ExperimentBuffer experiment, double muTested) {
        return fit(experiment.toExperiment(), muTested);
    }
}
