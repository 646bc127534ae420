package org.nsbi.spark.report;

import java.util.ArrayList;
import java.util.List;
import org.nsbi.stats.interval.ConfidenceInterval;

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
 */
public record Scan(String label, double muHat, double[] mu, double[] tObs, List<Double> cls, double[][] tCrit,
                   List<ConfidenceInterval> intervals) {

    private static final String T_CRIT = "t_crit_";

    public Scan {
        if (mu.length != tObs.length) {
            throw new IllegalArgumentException("scan of " + label + ": " + mu.length + " mu values but " + tObs.length + " t values");
        }
        cls = List.copyOf(cls);
        intervals = List.copyOf(intervals);
    }

    /** The intervals by one method ("neyman" or "wilks"). */
    public List<ConfidenceInterval> intervals(String method) {
        return intervals.stream().filter(i -> i.method().equals(method)).toList();
    }

    /**
     * Reads scan.csv ({@code mu,t_obs,t_crit_<cl>...}, as {@code ObservedScan.Result#scanCsv} writes it);
     * {@code source} names the file in messages.
     */
    public static Scan fromCsv(String label, double muHat, List<ConfidenceInterval> intervals, String csv, String source) {
        String[] lines = csv.strip().split("\r?\n");
        String[] header = lines[0].strip().split(",");
        if (header.length < 2 || !header[0].equals("mu") || !header[1].equals("t_obs")) {
            throw new IllegalArgumentException(source + ": expected the header mu,t_obs,t_crit_<cl>..., found '" + lines[0] + "'");
        }
        List<Double> cls = new ArrayList<>();
        for (int c = 2; c < header.length; c++) {
            if (!header[c].startsWith(T_CRIT)) {
                throw new IllegalArgumentException(source + ": column " + (c + 1) + " is '" + header[c]
                        + "'; expected t_crit_<cl> after mu,t_obs");
            }
            cls.add(number(header[c].substring(T_CRIT.length()), source, 1, c));
        }
        int n = lines.length - 1;
        double[] mu = new double[n];
        double[] t = new double[n];
        double[][] tCrit = new double[cls.size()][n];
        for (int i = 0; i < n; i++) {
            String[] f = lines[i + 1].strip().split(",");
            if (f.length != header.length) {
                throw new IllegalArgumentException(source + ": line " + (i + 2) + " has " + f.length + " fields; expected "
                        + header.length + " as in the header");
            }
            mu[i] = number(f[0], source, i + 2, 0);
            t[i] = number(f[1], source, i + 2, 1);
            for (int c = 0; c < cls.size(); c++) {
                tCrit[c][i] = number(f[c + 2], source, i + 2, c + 2);
            }
        }
        return new Scan(label, muHat, mu, t, cls, tCrit, intervals);
    }

    private static double number(String s, String source, int line, int column) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": line " + line + ", column " + (column + 1) + " is '" + s
                    + "'; expected a number", e);
        }
    }
}
