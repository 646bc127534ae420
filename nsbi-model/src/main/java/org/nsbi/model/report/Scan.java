package org.nsbi.model.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsbi.model.UserError;
import org.nsbi.model.output.IntervalResult;
import org.nsbi.stats.interval.ConfidenceInterval;
import org.nsbi.stats.interval.ScanColumns;

/**
 * A t(&mu;) scan of one data set (scan.csv) with the intervals and &mu;&#770; the run found on it.
 *
 * @param label     what the data are ("observed", "asimov at mu = 1.0")
 * @param muHat     the global fit's &mu;&#770;
 * @param mu        the scanned &mu;, ascending
 * @param tObs      t(&mu;) of the data at each scanned &mu;
 * @param cls       the belt's confidence levels
 * @param tCrit     t_c(&mu;) at each level (interpolated between grid points): tCrit[c][i] at cls[c], mu[i]
 * @param intervals the Neyman and Wilks intervals at each level
 * @param alphaHat  the global fit's &alpha;&#770; by name (empty when not known)
 * @param alphaHatError their post-fit errors &sigma; by name, null where there is none
 */
public record Scan(String label, double muHat, double[] mu, double[] tObs, List<Double> cls, double[][] tCrit,
                   List<ConfidenceInterval> intervals, Map<String, Double> alphaHat, Map<String, Double> alphaHatError) {

    public Scan {
        if (mu.length != tObs.length) {
            throw new IllegalArgumentException("scan of " + label + ": " + mu.length + " mu values but " + tObs.length + " t values");
        }
        cls = List.copyOf(cls);
        intervals = List.copyOf(intervals);
        alphaHat = Collections.unmodifiableMap(new LinkedHashMap<>(alphaHat));
        alphaHatError = Collections.unmodifiableMap(new LinkedHashMap<>(alphaHatError));
    }

    /** scan.csv of the data set whose interval result is {@code result}, with its fit's pulls. */
    public static Scan fromCsv(IntervalResult result, String csv, String source) {
        Scan s = fromCsv(result.data(), result.muHat(), result.intervals(), csv, source);
        return new Scan(s.label, s.muHat, s.mu, s.tObs, s.cls, s.tCrit, s.intervals, result.alphaHat(), result.alphaHatError());
    }

    /** The intervals by one method ("neyman" or "wilks"). */
    public List<ConfidenceInterval> intervals(String method) {
        return intervals.stream().filter(i -> i.method().equals(method)).toList();
    }

    /**
     * Reads scan.csv ({@link ScanColumns}: {@code mu,t_obs,t_crit_<percent>...}, as {@code ObservedScan.Result#scanCsv}
     * writes it) of the scan whose intervals are given: its confidence levels are theirs, in their order;
     * {@code source} names the file in messages.
     */
    public static Scan fromCsv(String label, double muHat, List<ConfidenceInterval> intervals, String csv, String source) {
        String[] lines = csv.strip().split("\r?\n");
        List<Double> cls = intervals.stream().map(ConfidenceInterval::cl).distinct().toList();
        List<String> expected = ScanColumns.header(cls);
        String[] header = lines[0].strip().split(",");
        if (!List.of(header).equals(expected)) {
            throw new UserError(source + ": expected the header " + String.join(",", expected)
                    + " (the confidence levels " + cls + " of its intervals), found '" + lines[0] + "'");
        }
        int n = lines.length - 1;
        double[] mu = new double[n];
        double[] t = new double[n];
        double[][] tCrit = new double[cls.size()][n];
        for (int i = 0; i < n; i++) {
            String[] f = lines[i + 1].strip().split(",");
            if (f.length != header.length) {
                throw new UserError(source + ": line " + (i + 2) + " has " + f.length + " fields; expected "
                        + header.length + " as in the header");
            }
            mu[i] = number(f[0], source, i + 2, 0);
            t[i] = number(f[1], source, i + 2, 1);
            for (int c = 0; c < cls.size(); c++) {
                tCrit[c][i] = number(f[c + 2], source, i + 2, c + 2);
            }
        }
        return new Scan(label, muHat, mu, t, cls, tCrit, intervals, Map.of(), Map.of());
    }

    private static double number(String s, String source, int line, int column) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new UserError(source + ": line " + line + ", column " + (column + 1) + " is '" + s
                    + "'; expected a number", e);
        }
    }
}
