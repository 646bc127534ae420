package org.nsbi.stats.toys;

import org.nsbi.stats.fit.FailureReason;
import org.nsbi.stats.fit.FitResult;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * Fits a pseudo-experiment drawn from a reference sample with the full NSBI likelihood: the
 * experiment's events are gathered into a compact table (so a fit touches N_pe events, not the whole
 * reference sample), their counts are the weights, its aux values the constraints' centres, and
 * t_&mu; comes from {@link TestStatistic}. A non-positive density or a failed fit becomes a failed
 * {@link ToyFit} with the reason. Not thread-safe only in that it holds no state; one instance can
 * serve many toys.
 */
public final class ProfileLikelihoodFit implements PseudoExperimentFit {

    private final MixtureModel model;
    private final EventTable reference;
    private final TestStatistic statistic;

    public ProfileLikelihoodFit(MixtureModel model, EventTable reference, TestStatistic statistic) {
        this.model = model;
        this.reference = reference;
        this.statistic = statistic;
    }

    public ProfileLikelihoodFit(MixtureModel model, EventTable reference) {
        this(model, reference, TestStatistic.withDefaults());
    }

    @Override
    public ToyFit fit(PseudoExperiment experiment, double muTested) {
        int[] counts = experiment.count();
        double[] weights = new double[counts.length];
        for (int j = 0; j < counts.length; j++) {
            weights[j] = counts[j];
        }
        EventTable events;
        try {
            events = reference.gather(experiment.eventIndex());
        } catch (IllegalArgumentException e) {
            return ToyFit.failed(FailureReason.ERROR, e.getMessage(), 0);
        }
        return fit(model, statistic, events, weights, experiment.aux(), muTested);
    }

    /**
     * t_&mu; of any weighted data set (events with their ratios, weights, aux measurements) at {@code muTested}: a
     * pseudo-experiment of the bootstrap, or an experiment drawn elsewhere and scored with the analysis's ratios.
     */
    public static ToyFit fit(MixtureModel model, TestStatistic statistic, EventTable events, double[] weights, double[] aux,
                             double muTested) {
        Nll nll;
        TestStatistic.Result t;
        try {
            nll = Nll.of(model, events, weights, aux);
            t = statistic.at(nll, muTested);
        } catch (ArithmeticException | IllegalArgumentException e) {
            return ToyFit.failed(FailureReason.ERROR, e.getMessage(), 0);
        }
        FitResult g = t.global();
        if (!t.converged()) {
            return new ToyFit(Double.NaN, g.converged() ? g.mu() : Double.NaN, g.converged() ? g.alpha() : new double[0],
                    false, t.iterations(), t.failure(), t.reason(), t.atBound());
        }
        return new ToyFit(t.t(), g.mu(), g.alpha(), true, t.iterations(), null, null, t.atBound());
    }
}
