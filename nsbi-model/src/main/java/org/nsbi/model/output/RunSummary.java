package org.nsbi.model.output;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * summary.json of {@code neyman} and {@code demo}.
 *
 * @param run       what ran
 * @param scored    the scored folder the toys came from (neyman; null in demo, which scores into its own folder)
 * @param score     the scoring stage (demo; null in neyman)
 * @param neyman    the construction
 * @param observed  the observed interval (demo; null in neyman)
 * @param asimovMu1 the Asimov interval at &mu; = 1 (demo; null in neyman)
 * @param seconds   wall time of the command
 */
public record RunSummary(RunInfo run, String scored, ScoreSummary score, NeymanSummary neyman, IntervalResult observed,
                         @JsonProperty("asimov_mu_1") IntervalResult asimovMu1, double seconds) implements TimedSummary {

    @Override
    public RunSummary withSeconds(double s) {
        return new RunSummary(run, scored, score, neyman, observed, asimovMu1, s);
    }
}
