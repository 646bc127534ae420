package org.nsbi.stats.coverage;

import java.util.ArrayList;
import java.util.List;
import org.nsbi.stats.fit.TestStatistic;
import org.nsbi.stats.model.MixtureModel;
import org.nsbi.stats.random.ToyRandom;
import org.nsbi.stats.toys.ProfileLikelihoodFit;
import org.nsbi.stats.toys.ToyFit;
import org.nsbi.stats.toys.ToyOutcome;

/**
 * Runs experiments [from, to) of one &mu;_true of a coverage check: experiment i draws from
 * {@link ToyRandom#of}(seed, purpose, {@link ToyRandom#muKey}(&mu;_true), i), is fitted as observed data at the canonical
 * &mu;_true ({@link ToyRandom#canonicalMu}) and gives t(&mu;_true). The key is &mu;_true's value (as for the belt's toys), not its
 * position in a list, so adding &mu; values leaves the others' experiments as they were;
 * an experiment depends only on (seed, purpose, &mu;_true, i), whatever block, thread or executor runs it.
 */
public final class ExperimentRunner {

    private ExperimentRunner() {
    }

    /**
     * @param purpose  the streams' purpose, one per kind of source (never "toy": the belt's streams)
     * @param muIndex  the index of &mu;_true in the check's list, recorded in the outcomes
     */
    public static List<ToyOutcome> run(long seed, String purpose, int muIndex, double muTrue, int from, int to,
                                       ExperimentSource source, MixtureModel model) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("experiments " + from + ".." + to + "; expected 0 <= from <= to");
        }
        if ("toy".equals(purpose)) {
            throw new IllegalArgumentException("the purpose 'toy' names the belt's streams; coverage experiments need their own");
        }
        TestStatistic statistic = TestStatistic.withDefaults();
        double mu = ToyRandom.canonicalMu(muTrue);
        long key = ToyRandom.muKey(mu);
        List<ToyOutcome> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            Experiment e = source.draw(ToyRandom.of(seed, purpose, key, i));
            ToyFit f = ProfileLikelihoodFit.fit(model, statistic, e.events(), e.weights(), e.aux(), mu);
            out.add(ToyOutcome.of(muIndex, mu, i, f, e.count()));
        }
        return out;
    }
}
