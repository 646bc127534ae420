package org.nsbi.stats.toys;

import java.util.ArrayList;
import java.util.List;
import org.nsbi.stats.fit.FailureReason;
import org.nsbi.stats.random.ToyRandom;

/**
 * Runs toys [from, to) of one grid point: toy i draws from {@link ToyRandom#of}(seed, purpose,
 * {@link ToyRandom#muKey}(&mu;_true), i) and is fitted at &mu;_true. A toy's result therefore depends only on
 * (seed, &mu;_true, i), whatever block, thread or executor runs it, and whatever the point's index in the grid
 * (the index is only recorded in the outcome). A fit that throws is recorded as a failed toy with the message.
 */
public final class ToyBlockRunner {

    private ToyBlockRunner() {
    }

    public static List<ToyOutcome> run(long runSeed, int muIndex, double muTrue, int fromToy, int toToy,
                                       PseudoExperimentSampler sampler, PseudoExperimentFit fit) {
        return run(runSeed, "toy", muIndex, muTrue, fromToy, toToy, sampler, fit);
    }

    /**
     * The same with the streams of another purpose ({@link ToyRandom#of}(seed, purpose, muKey(&mu;_true), i)), e.g. the
     * "coverage" experiments, which must be independent of the toys that built the belt.
     */
    public static List<ToyOutcome> run(long runSeed, String purpose, int muIndex, double muTrue, int fromToy, int toToy,
                                       PseudoExperimentSampler sampler, PseudoExperimentFit fit) {
        if (fromToy < 0 || toToy < fromToy) {
            throw new IllegalArgumentException("toys " + fromToy + ".." + toToy + "; expected 0 <= from <= to");
        }
        List<ToyOutcome> out = new ArrayList<>(toToy - fromToy);
        long muKey = ToyRandom.muKey(muTrue);
        ExperimentBuffer pe = new ExperimentBuffer(); // one per block: a toy's data allocate nothing once it has grown
        for (int i = fromToy; i < toToy; i++) {
            sampler.drawInto(ToyRandom.of(runSeed, purpose, muKey, i), pe);
            ToyFit f;
            try {
                f = fit.fit(pe, muTrue);
            } catch (RuntimeException e) {
                f = ToyFit.failed(FailureReason.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(), 0);
            }
            out.add(ToyOutcome.of(muIndex, muTrue, i, f, pe.totalCount()));
        }
        return out;
    }
}
