package org.nsbi.spark.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.belt.Coverage;
import org.nsbi.stats.interval.ConfidenceInterval;

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
public record RunData(String run, Map<String, Object> summary, Belt belt, List<PointToys> toys, List<Scan> scans,
                      List<Coverage> coverage, String coverageSource) {

    public RunData {
        summary = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        toys = List.copyOf(toys);
        scans = List.copyOf(scans);
        coverage = List.copyOf(coverage);
        if (toys.size() != belt.muGrid().length) {
            throw new IllegalArgumentException(run + ": toys at " + toys.size() + " grid points, but the belt has "
                    + belt.muGrid().length);
        }
    }

    /** The Asimov closure &Sigma; w_A / &nu; at one grid point. */
    public record Closure(double mu, double sumOfWeights, double yield) {
        public double ratio() {
            return sumOfWeights / yield;
        }
    }

    /** The summary's {@code asimov_closure}, one entry per grid point (empty when the summary has none). */
    @SuppressWarnings("unchecked")
    public List<Closure> closure() {
        List<Closure> out = new ArrayList<>();
        Object list = summary.get("asimov_closure");
        if (list instanceof List<?> l) {
            for (Object o : l) {
                Map<String, Object> m = (Map<String, Object>) o;
                out.add(new Closure(number(m, "mu", "asimov_closure"), number(m, "sum_w_asimov", "asimov_closure"),
                        number(m, "nu", "asimov_closure")));
            }
        }
        return out;
    }

    /** The intervals of a summary.json {@code intervals} list. */
    @SuppressWarnings("unchecked")
    static List<ConfidenceInterval> intervals(Object json, String source) {
        if (!(json instanceof List<?> list)) {
            throw new IllegalArgumentException(source + ": 'intervals' is " + json + "; expected a list of {cl, method, pieces, at_grid_edge}");
        }
        List<ConfidenceInterval> out = new ArrayList<>();
        for (Object o : list) {
            Map<String, Object> m = (Map<String, Object>) o;
            List<double[]> pieces = new ArrayList<>();
            for (Object p : (List<Object>) m.get("pieces")) {
                List<Number> pair = (List<Number>) p;
                pieces.add(new double[] {pair.get(0).doubleValue(), pair.get(1).doubleValue()});
            }
            out.add(new ConfidenceInterval(number(m, "cl", source), (String) m.get("method"), pieces,
                    Boolean.TRUE.equals(m.get("at_grid_edge")), Boolean.TRUE.equals(m.get("at_poi_bound"))));
        }
        return out;
    }

    /** The rows of coverage.json's {@code coverage} list. */
    @SuppressWarnings("unchecked")
    static List<Coverage> coverage(Map<String, Object> json, String source) {
        if (!(json.get("coverage") instanceof List<?> rows)) {
            throw new IllegalArgumentException(source + ": no 'coverage' list; expected the coverage.json of 'nsbi coverage'");
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
            throw new IllegalArgumentException(source + ": '" + key + "' is " + m.get(key) + "; expected a number");
        }
        return n.doubleValue();
    }
}
