package org.nsbi.model.output;

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
 * @param seconds   wall time of the command
 */
public record RunSummary(RunInfo run, String scored, ScoreSummary score, NeymanSummary neyman, IntervalResult observed,
                         IntervalResult asimov, Provenance provenance, double seconds) implements TimedSummary<RunSummary> {

    @Override
    public RunSummary withSeconds(double s) {
        return new RunSummary(run, scored, score, neyman, observed, asimov, provenance, s);
    }
}
