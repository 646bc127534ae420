package org.nsbi.stats.coverage;

import org.apache.commons.rng.UniformRandomProvider;
import org.nsbi.stats.likelihood.AsimovWeights;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.toys.PseudoExperiment;
import org.nsbi.stats.toys.SparsePoissonSampler;

/**
 * Experiments Poisson-bootstrapped from a weighted sample with the model's weights at the truth: w_A,i =
 * w_i &Sigma;_c F_c(&mu;_true, &alpha;_true) g_c(x_i|&alpha;_true) r_c(x_i) ({@link AsimovWeights}), N ~ Poisson(&Sigma; w_A)
 * events drawn in proportion to w_A, aux ~ N(&alpha;_true, 1) ({@link SparsePoissonSampler}). On an independent MC
 * sample this is a coverage check of the analysis; on the belt's own reference sample it is exchangeable with the
 * belt's toys and only a closure test of the machinery.
 */
public final class BootstrapExperiments implements ExperimentSource {

    private final EventTable sample;
    private final SparsePoissonSampler sampler;

    private BootstrapExperiments(EventTable sample, SparsePoissonSampler sampler) {
        this.sample = sample;
        this.sampler = sampler;
    }

    /** The bootstrap of {@code sample} at (&mu;_true, &alpha;_true) under {@code model}. */
    public static BootstrapExperiments of(MixtureModel model, EventTable sample, double muTrue, double[] alphaTrue) {
        return new BootstrapExperiments(sample, SparsePoissonSampler.of(
                AsimovWeights.compute(model, sample, muTrue, alphaTrue).weights(), alphaTrue));
    }

    @Override
    public Experiment draw(UniformRandomProvider rng) {
        PseudoExperiment pe = sampler.draw(rng);
        double[] weights = new double[pe.count().length];
        for (int j = 0; j < weights.length; j++) {
            weights[j] = pe.count()[j];
        }
        return new Experiment(sample.gather(pe.eventIndex()), weights, pe.aux());
    }
}
