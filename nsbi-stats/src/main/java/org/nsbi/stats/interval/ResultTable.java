package org.nsbi.stats.interval;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.belt.BeltPoint;

/**
 * The results of a data set's scan as a short table for the terminal, the way a physicist reads them: &mu;&#770;,
 * the named &alpha;&#770; (pulls: the nuisance parameters have unit Gaussian constraints), and the Neyman and Wilks
 * intervals at each confidence level; then the warnings about what the numbers cannot be trusted for.
 *
 * @param data       what was fitted: "observed" or "asimov at mu = 1.0"
 * @param muHat      the global fit's &mu;
 * @param nuisances  the nuisance parameters' names
 * @param alphaHat   their fitted values, in the same order
 * @param alphaError their post-fit errors ({@link org.nsbi.stats.fit.HessianErrors}), NaN where there is none
 * @param atBound    per nuisance parameter, whether its fitted value lies on a bound of the config's {@code bounds}
 *                   ({@link org.nsbi.stats.fit.FitResult#alphaAtBound()})
 * @param intervals  Neyman and Wilks at each level
 */
public record ResultTable(String data, double muHat, List<String> nuisances, double[] alphaHat, double[] alphaError,
                          boolean[] atBound, List<ConfidenceInterval> intervals) {

    /** The pieces as text: [0.204, 1.140] &cup; ..., "empty (no scanned mu accepted)", with the edge noted. */
    public static String pieces(ConfidenceInterval ci) {
        StringBuilder sb = new StringBuilder();
        for (double[] p : ci.pieces()) {
            if (sb.length() > 0) {
                sb.append(" \u222a ");
            }
            sb.append(String.format(Locale.ROOT, "[%.3f, %.3f]", p[0], p[1]));
        }
        if (ci.empty()) {
            sb.append("empty (no scanned \u03bc accepted)");
        }
        if (ci.atGridEdge()) {
            sb.append(" (at the grid edge)");
        }
        return sb.toString();
    }

    /** The table, one line per row, without warnings. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add((data.startsWith("asimov") ? "Asimov data" + data.substring("asimov".length()) : "Observed data")
                + ":  \u03bc\u0302 = " + String.format(Locale.ROOT, "%.4f", muHat));
        StringBuilder pulls = new StringBuilder("  \u03b1\u0302 \u00b1 \u03c3 (pulls):");
        for (int k = 0; k < nuisances.size(); k++) {
            pulls.append(k == 0 ? " " : ", ").append(nuisances.get(k)).append(" = ")
                    .append(String.format(Locale.ROOT, "%+.3f", alphaHat[k]))
                    .append(Double.isNaN(alphaError[k]) ? "" : String.format(Locale.ROOT, " \u00b1 %.3f", alphaError[k]))
                    .append(atBound[k] ? " (at bound)" : "");
        }
        if (nuisances.isEmpty()) {
            pulls.append(" none (no nuisance parameters)");
        }
        out.add(pulls.toString());
        TreeMap<Double, String[]> byCl = new TreeMap<>();
        for (ConfidenceInterval ci : intervals) {
            String[] row = byCl.computeIfAbsent(ci.cl(), c -> new String[2]);
            row["wilks".equals(ci.method()) ? 1 : 0] = pieces(ci);
        }
        int width = Math.max(32, byCl.values().stream().mapToInt(r -> r[0] == null ? 0 : r[0].length() + 2).max().orElse(0));
        out.add(String.format(Locale.ROOT, "  %-8s %-" + width + "s %s", "CL", "Neyman", "Wilks"));
        byCl.forEach((cl, row) -> out.add(String.format(Locale.ROOT, "  %-8s %-" + width + "s %s",
                String.format(Locale.ROOT, "%.2f%%", 100 * cl), row[0] == null ? "-" : row[0], row[1] == null ? "-" : row[1])));
        return out;
    }

    /**
     * What the reader must know before trusting the table: intervals at the end of the scan, empty intervals, an
     * Asimov &mu; outside the grid, and grid points with too few toys beyond the critical value for a level.
     *
     * @param belt     the belt the Neyman intervals were read from
     * @param asimovMu the injected &mu; of an Asimov data set, or null for observed data
     */
    public List<String> warnings(Belt belt, Double asimovMu) {
        return warnings(belt, asimovMu, false);
    }

    /**
     * As {@link #warnings(Belt, Double)}, for a belt whose critical values are either each point's own order statistic
     * or, {@code pooled}, a fit across the grid over every toy (smooth critical values): then a level has too few toys
     * only when all the grid's toys together leave fewer than 10 beyond its critical values.
     */
    public List<String> warnings(Belt belt, Double asimovMu, boolean pooled) {
        List<String> w = new ArrayList<>();
        double[] grid = belt.muGrid();
        List<String> onBound = new ArrayList<>();
        for (int k = 0; k < nuisances.size(); k++) {
            if (atBound[k]) {
                onBound.add(nuisances.get(k) + " = " + num(alphaHat[k]));
            }
        }
        if (!onBound.isEmpty()) {
            w.add("the fit of the data ended on a bound of " + String.join(", ", onBound) + " (the config's bounds): there"
                    + " alpha-hat is not a minimum of the likelihood; widen the bounds, or look at the model");
        }
        String range = String.format(Locale.ROOT, "[%s, %s]", num(grid[0]), num(grid[grid.length - 1]));
        for (ConfidenceInterval ci : intervals) {
            String name = String.format(Locale.ROOT, "the %s %.2f%% interval", ci.method(), 100 * ci.cl());
            if (ci.empty()) {
                w.add(name + " is empty: no \u03bc of the scan " + range + " is accepted"
                        + (ci.atGridEdge() ? "; t(\u03bc) falls towards the end of the scan, so the interval may lie beyond it:"
                                + " extend neyman.mu_grid" : ""));
            } else if (ci.atGridEdge()) {
                w.add(name + " reaches the end of the scan " + range + " and may go on beyond it: extend neyman.mu_grid");
            }
        }
        asimovBias(asimovMu).ifPresent(w::add);
        if (asimovMu != null && (asimovMu < grid[0] || asimovMu > grid[grid.length - 1])) {
            w.add("--asimov " + num(asimovMu) + " lies outside the grid " + range + ": the intervals cannot contain it;"
                    + " extend neyman.mu_grid");
        }
        for (double cl : belt.cls()) {
            if (pooled) {
                long all = 0;
                for (BeltPoint p : belt.points()) {
                    all += p.cl() == cl ? p.nToys() : 0;
                }
                if (all * (1 - cl) < 10) {
                    w.add(String.format(Locale.ROOT, "at CL %.2f%%, the smooth critical values rest on %d toys over the"
                            + " grid, fewer than 10 beyond them: raise neyman.toys_per_point", 100 * cl, all));
                }
                continue;
            }
            List<String> few = new ArrayList<>();
            int least = Integer.MAX_VALUE;
            for (BeltPoint p : belt.points()) {
                if (p.cl() == cl && p.nToys() * (1 - cl) < 10) {
                    few.add(num(p.mu()));
                    least = Math.min(least, p.nToys());
                }
            }
            if (!few.isEmpty()) {
                w.add(String.format(Locale.ROOT, "at CL %.2f%%, %d of %d grid points (mu = %s) have N(1-CL) < 10 (N = %d toys):"
                                + " their critical values rest on fewer than 10 toys beyond them; raise neyman.toys_per_point to"
                                + " at least %d", 100 * cl, few.size(), grid.length, String.join(", ", few), least,
                        (int) Math.ceil(10 / (1 - cl) - 1e-9)));
            }
        }
        return w;
    }

    /**
     * An Asimov &mu;&#770; further from the injected &mu; than a tenth of the 68.27 % interval's half-width (Wilks, else
     * Neyman): the data set is the model's own expectation, so the distance is the ratios' failure to close.
     */
    private java.util.Optional<String> asimovBias(Double asimovMu) {
        if (asimovMu == null) {
            return java.util.Optional.empty();
        }
        double halfWidth = Double.NaN;
        for (ConfidenceInterval ci : intervals) {
            if (!ci.empty() && Math.abs(ci.cl() - 0.6827) < 1e-3 && (Double.isNaN(halfWidth) || "wilks".equals(ci.method()))) {
                halfWidth = (ci.pieces().get(ci.pieces().size() - 1)[1] - ci.pieces().get(0)[0]) / 2;
            }
        }
        double distance = Math.abs(muHat - asimovMu);
        if (!(halfWidth > 0) || distance <= 0.1 * halfWidth) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "the Asimov fit's mu-hat = %.4f is %.4f from the injected"
                + " mu = %s, %.0f%% of the 68.27%% interval's half-width: on its own expectation the model should return mu;"
                + " the ratios do not close exactly on the reference sample (process_closure in scored.json, with errors and"
                + " pulls) or a shape systematic's per-event factor does not average to 1; normalise_ratios: true in the"
                + " config divides each process ratio by its closure", muHat, distance, num(asimovMu), 100 * distance / halfWidth));
    }

    /** Prints the table and the warnings. */
    public void print(PrintWriter out, List<String> warnings) {
        for (String line : lines()) {
            out.println(line);
        }
        for (String w : warnings) {
            out.println("warning: " + w);
        }
        out.flush();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
