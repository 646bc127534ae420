package org.nsbi.spark.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nsbi.model.UserError;
import org.nsbi.model.output.AsimovClosure;
import org.nsbi.model.output.RunSummary;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.belt.Coverage;

/**
 * What the report shows of a run, as plain Java data: the run's summary.json, its belts, the toys' t_&mu; per
 * grid point, the t(&mu;) scans (observed, Asimov) and, when there is one, a coverage check.
 *
 * @param run            the run folder (for the report's heading)
 * @param summary        the run's summary.json
 * @param belt           belts.csv
 * @param toys           the toys of each grid point, in grid order
 * @param scans          the t(&mu;) scans with their intervals (may be empty: a neyman folder has none)
 * @param coverage       the coverage rows of coverage.json (empty when there is none)
 * @param coverageSource where coverage.json was read from (null when there is none)
 */
public record RunData(String run, RunSummary summary, Belt belt, List<PointToys> toys, List<Scan> scans,
                      List<Coverage> coverage, String coverageSource) {

    public RunData {
        toys = List.copyOf(toys);
        scans = List.copyOf(scans);
        coverage = List.copyOf(coverage);
        if (toys.size() != belt.muGrid().length) {
            throw new UserError(run + ": toys at " + toys.size() + " grid points, but the belt has "
                    + belt.muGrid().length);
        }
    }

    /** The summary's Asimov closure, one entry per grid point. */
    public List<AsimovClosure> closure() {
        return summary.neyman().asimovClosure();
    }

    /** The rows of coverage.json's {@code coverage} list. */
    @SuppressWarnings("unchecked")
    static List<Coverage> coverage(Map<String, Object> json, String source) {
        if (!(json.get("coverage") instanceof List<?> rows)) {
            throw new UserError(source + ": no 'coverage' list; expected the coverage.json of 'nsbi coverage'");
        }
        List<Coverage> out = new ArrayList<>();
        for (Object o : rows) {
            Map<String, Object> m = (Map<String, Object>) o;
            out.add(new Coverage(number(m, "mu", source), number(m, "cl", source), (String) m.get("method"),
                    (int) number(m, "covered", source), (int) number(m, "n", source), (int) number(m, "failed", source)));
        }
        return out;
    }

    static double number(Map<String, Object> m, String key, String source) {
        if (!(m.get(key) instanceof Number n)) {
            throw new UserError(source + ": '" + key + "' is " + m.get(key) + "; expected a number");
        }
        return n.doubleValue();
    }
}
