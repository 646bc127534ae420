package org.nsbi.model.output;

import java.util.ArrayList;
import java.util.List;

/**
 * summary.json of {@code neyman}, {@code run} and {@code demo}.
 *
 * @param run       what ran
 * @param scored    the scored folder the toys came from (neyman; null in demo, which scores into its own folder)
 * @param score     the scoring stage (demo; null in neyman)
 * @param neyman    the construction
 * @param observed  the observed interval (demo; null in neyman)
 * @param asimov     the Asimov interval at the injected &mu; of {@code --asimov} (run, demo; null in neyman)
 * @param provenance what the run was made by and from
 * @param stageSeconds the wall time of each stage, in the order they ran (the report's included, which
 *                   {@link #seconds} is not)
 * @param seconds   wall time of the command up to the summary (the report is written after it)
 */
public record RunSummary(RunInfo run, String scored, ScoreSummary score, NeymanSummary neyman, IntervalResult observed,
                         IntervalResult asimov, Provenance provenance, List<StageTime> stageSeconds, double seconds)
        implements TimedSummary<RunSummary> {

    public RunSummary {
        stageSeconds = List.copyOf(stageSeconds);
    }

    @Override
    public RunSummary withSeconds(double s) {
        return new RunSummary(run, scored, score, neyman, observed, asimov, provenance, stageSeconds, s);
    }

    /** This summary with one more stage timed (e.g. the report, written after the summary). */
    public RunSummary withStage(StageTime stage) {
        List<StageTime> more = new ArrayList<>(stageSeconds);
        more.add(stage);
        return new RunSummary(run, scored, score, neyman, observed, asimov, provenance, more, seconds);
    }
}
