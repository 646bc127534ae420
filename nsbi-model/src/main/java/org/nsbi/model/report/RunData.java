package org.nsbi.model.report;

import java.util.List;
import org.nsbi.model.UserError;
import org.nsbi.model.output.AsimovClosure;
import org.nsbi.model.output.RunSummary;
import org.nsbi.model.output.CoverageSummary;
import org.nsbi.model.output.CriticalValuesFit;
import org.nsbi.stats.belt.Belt;

/**
 * What the report shows of a run, as plain Java data: the run's summary.json, its belts, the toys' t_&mu; per
 * grid point, the t(&mu;) scans (observed, Asimov) and, when there is one, a coverage check.
 *
 * @param run            the run folder (for the report's heading)
 * @param summary        the run's summary.json
 * @param belt           belts.csv
 * @param toys           the toys of each grid point, in grid order
 * @param scans          the t(&mu;) scans with their intervals (may be empty: a neyman folder has none)
 * @param coverage       coverage.json (null when there is none)
 * @param coverageSource where coverage.json was read from (null when there is none)
 * @param criticalValues critical-values.json, the smooth critical values' fit (null when the belt has the per-point ones)
 */
public record RunData(String run, RunSummary summary, Belt belt, List<PointToys> toys, List<Scan> scans,
                      CoverageSummary coverage, String coverageSource, CriticalValuesFit criticalValues) {

    /** A run whose belt has the per-point critical values. */
    public RunData(String run, RunSummary summary, Belt belt, List<PointToys> toys, List<Scan> scans,
                   CoverageSummary coverage, String coverageSource) {
        this(run, summary, belt, toys, scans, coverage, coverageSource, null);
    }

    public RunData {
        toys = List.copyOf(toys);
        scans = List.copyOf(scans);
        if (toys.size() != belt.muGrid().length) {
            throw new UserError(run + ": toys at " + toys.size() + " grid points, but the belt has "
                    + belt.muGrid().length);
        }
    }

    /** The summary's Asimov closure, one entry per grid point. */
    public List<AsimovClosure> closure() {
        return summary.neyman().asimovClosure();
    }
}
