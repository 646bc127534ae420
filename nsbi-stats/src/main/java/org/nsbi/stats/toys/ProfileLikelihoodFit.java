package org.nsbi.stats.toys;

import org.nsbi.stats.fit.FailureReason;
import org.nsbi.stats.fit.FitResult;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.likelihood.ColumnarNll;
import org.nsbi.stats.likelihood.Nll;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * Fits a pseudo-experiment drawn from a reference sample with the full NSBI likelihood: the
 * experiment's events are loaded into a per-thread {@link ColumnarNll} workspace (so a fit touches N_pe
 * events, not the whole reference sample, and a thread allocates no event arrays per toy once they have
 * grown), their counts are the weights, its aux values the constraints' centres, and t_&mu; comes from
 * {@link TestStatistic}. A non-positive density or a failed fit becomes a failed {@link ToyFit} with the
 * reason. Thread-safe: one instance can serve many toys on many threads.
 */
public final class ProfileLikelihoodFit implements PseudoExperimentFit {

    private final MixtureModel model;
    private final EventTable reference;
    private final TestStatistic statistic;
    private final ThreadLocal<ColumnarNll> workspace;

    public ProfileLikelihoodFit(MixtureModel model, EventTable reference, TestStatistic statistic) {
        this.model = model;
        this.reference = reference;
        this.statistic = statistic;
        this.workspace = ThreadLocal.withInitial(() -> new ColumnarNll(model));
    }

    public ProfileLikelihoodFit(MixtureModel model, EventTable reference) {
        this(model, reference, TestStatistic.withDefaults());
    }

    @Override
    public ToyFit fit(PseudoExperiment experiment, double muTested) {
        return fit(experiment.eventIndex(), experiment.count(), experiment.eventIndex().length, experiment.aux(), muTested);
    }

    /** The same fit, the experiment's events loaded from the buffer's arrays. */
    @Override
    public ToyFit fit(ExperimentBuffer experiment, double muTested) {
        return fit(experiment.eventIndex(), experiment.count(), experiment.size(), experiment.aux(), muTested);
    }

    private ToyFit fit(int[] eventIndex, int[] count, int events, double[] aux, double muTested) {
        TestStatistic.Result t;
        try {
            ColumnarNll nll = workspace.get().loadCounts(reference, eventIndex, count, events, aux);
            t = statistic.at(nll, muTested);
        } catch (ArithmeticException | IllegalArgumentException e) {
            return ToyFit.failed(FailureReason.ERROR, e.getMessage(), 0);
        }
        return toyFit(t);
    }

    /**
     * t_&mu; of any weighted data set (events with their ratios, weights, aux measurements) at {@code muTested}: a
     * pseudo-experiment of the bootstrap, or an experiment drawn elsewhere and scored with the analysis's ratios.
     */
    public static ToyFit fit(MixtureModel model, TestStatistic statistic, EventTable events, double[] weights, double[] aux,
                             double muTested) {
        TestStatistic.Result t;
        try {
            Nll nll = Nll.of(model, events, weights, aux);
            t = statistic.at(nll, muTested);
        } catch (ArithmeticException | IllegalArgumentException e) {
            return ToyFit.failed(FailureReason.ERROR, e.getMessage(), 0);
        }
        return toyFit(t);
    }

    private static ToyFit toyFit(TestStatistic.Result t) {
        FitResult g = t.global();
        if (!t.converged()) {
            return new ToyFit(Double.NaN, g.converged() ? g.mu() : Double.NaN, g.converged() ? g.alpha() : new double[0],
                    false, t.iterations(), t.failure(), t.reason(), t.atBound());
        }
        return new ToyFit(t.t(), g.mu(), g.alpha(), true, t.iterations(), null, null, t.atBound());
    }
}
