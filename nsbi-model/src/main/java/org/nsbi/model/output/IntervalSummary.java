package org.nsbi.model.output;

/**
 * summary.json of {@code interval}.
 *
 * @param run      what ran
 * @param scored   the scored folder of the data
 * @param belts    the neyman folder of the belts
 * @param interval the scan and its intervals
 * @param provenance what the interval was made by and from (the config, the scores and the belts)
 * @param seconds  wall time of the command
 */
public record IntervalSummary(RunInfo run, String scored, String belts, IntervalResult interval, Provenance provenance,
                              double seconds)
        implements TimedSummary<IntervalSummary> {

    @Override
    public IntervalSummary withSeconds(double s) {
        return new IntervalSummary(run, scored, belts, interval, provenance, s);
    }
}
