package org.nsbi.model.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nsbi.model.output.AsimovClosure;
import org.nsbi.model.output.IntervalResult;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.ProcessClosure;
import org.nsbi.model.output.RunSummary;
import org.nsbi.model.output.ScoreSummary;
import org.nsbi.model.output.RunInfo;
import org.nsbi.stats.belt.Belt;
import org.nsbi.model.output.CoverageSummary;
import org.nsbi.stats.coverage.Coverage;
import org.nsbi.stats.interval.ConfidenceInterval;

/**
 * report.html: one self-contained page (the PNGs inlined as base64 data URIs, the style inline, no scripts) with
 * the intervals, the figures in sections, the Asimov closure and failed fits, coverage, and the run's settings and
 * timings from summary.json.
 */
final class ReportHtml {

    private ReportHtml() {
    }

    static String of(RunData run, List<Figure> figures) {
        Map<String, Figure> byName = new LinkedHashMap<>();
        for (Figure f : figures) {
            byName.put(f.name(), f);
        }
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>nsbi report: ")
                .append(esc(run.run())).append("</title>\n<style>\n")
                .append("body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em;max-width:1700px;color:#222}\n")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}\n")
                .append("th{background:#f0f0f0}td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append("figure{display:inline-block;margin:0.5em;vertical-align:top}img{max-width:100%;height:auto}figcaption{font-size:0.9em;color:#444;max-width:800px}\n")
                .append(".grid{display:flex;flex-wrap:wrap}\n</style>\n</head>\n<body>\n");
        RunInfo info = run.summary().run();
        h.append("<h1>nsbi report</h1>\n<p>Run folder: <code>").append(esc(run.run())).append("</code>");
        h.append(", written by <code>nsbi ").append(esc(info.command())).append("</code>");
        h.append(", config <code>").append(esc(info.config())).append("</code>");
        h.append(".</p>\n");

        h.append("<h2>Intervals</h2>\n");
        if (run.scans().isEmpty()) {
            h.append("<p>The run folder holds no t(\u03bc) scan (scan.csv): run <code>nsbi interval</code> on it and pass its"
                    + " folder with <code>--interval</code>.</p>\n");
        } else {
            h.append("<table>\n<tr><th>data</th><th>\u03bc\u0302</th><th>CL</th><th>method</th><th>interval</th>"
                    + "<th>at the grid edge</th></tr>\n");
            for (Scan scan : run.scans()) {
                for (ConfidenceInterval ci : scan.intervals()) {
                    h.append("<tr><td>").append(esc(ScanPlot.title(scan.label()))).append("</td><td class=\"n\">").append(ChartStyle.num(scan.muHat()))
                            .append("</td><td class=\"n\">").append(ChartStyle.percent(ci.cl())).append("</td><td>")
                            .append(esc(ci.method())).append("</td><td class=\"n\">").append(esc(ScanPlot.pieces(ci)
                                    .replace(" (at the grid edge)", ""))).append("</td><td>").append(ci.atGridEdge() ? "yes" : "no")
                            .append("</td></tr>\n");
                }
            }
            h.append("</table>\n");
        }

        pulls(h, run.scans());
        warnings(h, run.summary());
        processClosure(h, run.summary().score());

        section(h, "Confidence belt", byName, List.of("belt"));
        section(h, "Critical values", byName, List.of("critical-values"));
        List<String> scans = byName.keySet().stream().filter(n -> n.startsWith("scan-")).toList();
        if (!scans.isEmpty()) {
            h.append("<h2>t(\u03bc) scans: Neyman and Wilks</h2>\n");
            for (String n : scans) {
                figure(h, byName.get(n));
                h.append("<br>\n");
            }
        }
        h.append("<h2>t_\u03bc distributions of the toys against \u03c7\u00b2\u2081</h2>\n<p>Densities: bins of width ")
                .append(TDistributionPlot.BIN_WIDTH).append(" in t, count / (all toys of the point &times; width); failed toys"
                        + " count as t = +&infin;. Vertical lines: the belt's critical values.</p>\n<div class=\"grid\">\n");
        for (String n : byName.keySet()) {
            if (n.startsWith("t-mu-")) {
                figure(h, byName.get(n));
            }
        }
        h.append("</div>\n");

        section(h, "Asimov closure and failed fits", byName, List.of("asimov-closure", "failed-fits"));
        if (Report.failedFits(run) == 0) {
            h.append("<p>No fit failed: every toy's fits converged.</p>\n");
        }
        pointTable(h, run);

        if (run.coverage() != null) {
            section(h, "Coverage", byName, List.of("coverage"));
            h.append("<p>From <code>").append(esc(run.coverageSource())).append("</code>: experiments from <b>")
                    .append(esc(run.coverage().source())).append("</b>, ").append(esc(run.coverage().tests()))
                    .append(". Nuisance truth: ").append(esc(run.coverage().nuisanceTruth())).append(". ")
                    .append(esc(CoverageSummary.ERRORS)).append(".</p>\n");
            coverageTable(h, run.coverage().rows());
        }

        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", Json.tree(run.summary()), flat);
        table(h, "Timings", flat, true);
        table(h, "Settings", flat, false);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /**
     * The pulls table: each nuisance parameter's &alpha;&#770; &plusmn; &sigma; in the global fit of each data set, by name; a
     * dash where a data set has no &sigma; for it (on a bound of its range, or the Hessian not positive definite).
     */
    static void pulls(StringBuilder h, List<Scan> scans) {
        List<Scan> fitted = scans.stream().filter(s -> !s.alphaHat().isEmpty()).toList();
        if (fitted.isEmpty()) {
            return;
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        fitted.forEach(s -> names.addAll(s.alphaHat().keySet()));
        h.append("<h2>Pulls</h2>\n<p>\u03b1\u0302 \u00b1 \u03c3 of each nuisance parameter in the global fit of the data."
                + " Each has a unit Gaussian constraint around its auxiliary measurement a (0 for Asimov data, observed_aux"
                + " in scored.json for the observed data): \u03b1\u0302 \u2212 a is its pull in units of its prior width, and"
                + " \u03c3 &lt; 1 says the data constrain it beyond the prior. \u03c3 = \u221a(H\u207b\u00b9)_kk, H the"
                + " Hessian of the NLL at the global minimum with \u03bc fitted too; \u2014 where there is none: the"
                + " parameter ended on a bound of its range (held there), or H was not positive definite.</p>\n<table>\n"
                + "<tr><th>parameter</th>");
        for (Scan s : fitted) {
            h.append("<th>").append(esc(ScanPlot.title(s.label()))).append("</th>");
        }
        h.append("</tr>\n");
        for (String name : names) {
            h.append("<tr><td>").append(esc(name)).append("</td>");
            for (Scan s : fitted) {
                Double a = s.alphaHat().get(name);
                Double e = s.alphaHatError().get(name);
                h.append("<td class=\"n\">").append(a == null ? "" : String.format(java.util.Locale.ROOT, "%+.3f", a)
                        + (e == null ? " \u00b1 \u2014" : String.format(java.util.Locale.ROOT, " \u00b1 %.3f", e))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** The warnings of the observed and Asimov intervals (the lines the terminal showed), if any. */
    private static void warnings(StringBuilder h, RunSummary s) {
        List<String> all = new ArrayList<>();
        for (IntervalResult r : java.util.Arrays.asList(s.observed(), s.asimov())) {
            if (r != null) {
                all.addAll(r.warnings());
            }
        }
        if (all.isEmpty()) {
            return;
        }
        h.append("<h2>Warnings</h2>\n<ul>\n");
        for (String w : all) {
            h.append("<li>").append(esc(w)).append("</li>\n");
        }
        h.append("</ul>\n");
    }

    /** Each process ratio's closure on the reference sample with its Monte Carlo error and pull (run and demo). */
    private static void processClosure(StringBuilder h, ScoreSummary score) {
        if (score == null || score.processClosure().isEmpty()) {
            return;
        }
        h.append("<h2>Closure of the process ratios on the reference sample</h2>\n<p>C_c = \u03a3 \u0175 r_c, which is 1 for a"
                + " calibrated ratio up to its Monte Carlo error \u03c3; a pull (C_c \u2212 1)/\u03c3 far from 0 moves \u03bc\u0302"
                + " of an Asimov data set away from the injected \u03bc. <code>normalise_ratios: true</code> "
                + (score.normaliseRatios() ? "is on: each r_c is divided by C_c." : "divides each r_c by C_c.")
                + "</p>\n<table>\n<tr><th>process</th><th>C_c</th><th>\u03c3</th><th>pull</th></tr>\n");
        for (ProcessClosure c : score.processClosure()) {
            h.append("<tr><td>").append(esc(c.process())).append("</td><td class=\"n\">").append(esc(value(c.closure())))
                    .append("</td><td class=\"n\">").append(esc(value(c.mcError()))).append("</td><td class=\"n\">")
                    .append(esc(value(c.pull()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void section(StringBuilder h, String title, Map<String, Figure> byName, List<String> names) {
        List<Figure> present = names.stream().filter(byName::containsKey).map(byName::get).toList();
        if (present.isEmpty()) {
            return;
        }
        h.append("<h2>").append(esc(title)).append("</h2>\n");
        for (Figure f : present) {
            figure(h, f);
        }
        h.append('\n');
    }

    private static void figure(StringBuilder h, Figure f) {
        h.append("<figure id=\"").append(esc(f.name())).append("\"><img src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(f.png())).append("\" width=\"").append(f.width())
                .append("\" height=\"").append(f.height()).append("\" alt=\"").append(esc(f.caption()))
                .append("\"><figcaption>").append(esc(f.caption())).append(" <a href=\"").append(esc(f.name()))
                .append(".svg\">SVG</a></figcaption></figure>\n");
    }

    private static void pointTable(StringBuilder h, RunData run) {
        Belt belt = run.belt();
        double[] grid = belt.muGrid();
        List<AsimovClosure> closure = run.closure();
        h.append("<table>\n<tr><th>\u03bc</th><th>toys</th><th>failed fits (by reason)</th><th>fits on a bound</th>");
        for (double cl : belt.cls()) {
            h.append("<th>t_c ").append(ChartStyle.percent(cl)).append(" [MC band]</th>");
        }
        h.append("<th>\u03a3 w_A</th><th>\u03bd</th><th>\u03a3 w_A / \u03bd</th></tr>\n");
        for (int m = 0; m < grid.length; m++) {
            h.append("<tr><td class=\"n\">").append(ChartStyle.num(grid[m])).append("</td><td class=\"n\">")
                    .append(belt.point(m, belt.cls().get(0)).nToys()).append("</td><td class=\"n\">").append(belt.failedAt(m))
                    .append(esc(byReason(run, grid[m]))).append("</td><td class=\"n\">").append(belt.atBoundAt(m))
                    .append("</td>");
            for (double cl : belt.cls()) {
                var p = belt.point(m, cl);
                if (p.tooFewToys()) {
                    h.append("<td class=\"n\">+\u221e (too few toys)</td>");
                    continue;
                }
                h.append("<td class=\"n\">").append(ChartStyle.num(p.tCrit())).append(" [").append(ChartStyle.num(p.tCritLo()))
                        .append(", ").append(ChartStyle.num(p.tCritHi())).append("]</td>");
            }
            double mu = grid[m];
            AsimovClosure c = closure.stream().filter(x -> x.mu() == mu).findFirst().orElse(null);
            if (c == null) {
                h.append("<td></td><td></td><td></td>");
            } else {
                h.append("<td class=\"n\">").append(ChartStyle.num(c.sumWAsimov())).append("</td><td class=\"n\">")
                        .append(ChartStyle.num(c.nu())).append("</td><td class=\"n\">")
                        .append(String.format(Locale.ROOT, "%.5f", c.closure())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** " (iteration_limit 2, no_descent 1)" from the summary's failed fits at mu, or "" when none failed. */
    private static String byReason(RunData run, double mu) {
        return run.summary().neyman().failedFits().stream().filter(f -> f.mu() == mu && !f.failedByReason().isEmpty())
                .findFirst().map(f -> " (" + String.join(", ", f.failedByReason().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).toList()) + ")").orElse("");
    }

    private static void coverageTable(StringBuilder h, List<Coverage> rows) {
        h.append("<table>\n<tr><th>\u03bc_true</th><th>CL</th><th>method</th><th>covered</th><th>experiments</th>"
                + "<th>failed</th><th>coverage</th><th>pull</th></tr>\n");
        for (Coverage c : rows) {
            h.append("<tr><td class=\"n\">").append(ChartStyle.num(c.mu())).append("</td><td class=\"n\">")
                    .append(ChartStyle.percent(c.cl())).append("</td><td>").append(esc(c.method())).append("</td><td class=\"n\">")
                    .append(c.covered()).append("</td><td class=\"n\">").append(c.n()).append("</td><td class=\"n\">")
                    .append(c.failed()).append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%.4f &plusmn; %.4f", c.fraction(), c.error())).append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%+.1f&sigma;", c.pull())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /**
     * Nested objects become dotted keys; lists of plain values are kept; lists of objects (intervals, Asimov closure,
     * failed fits) have their own tables; nulls (parts the run does not have) are left out.
     */
    private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equals("warnings")) {
                continue; // their own section
            }
            String key = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(key + ".", v, out);
            } else if (v.isArray()) {
                List<Object> values = new ArrayList<>();
                v.forEach(x -> values.add(x.isContainerNode() ? null : plain(x)));
                if (!values.contains(null)) {
                    out.put(key, values);
                }
            } else if (!v.isNull()) {
                out.put(key, plain(v));
            }
        }
    }

    private static Object plain(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return v.isTextual() ? v.textValue() : v.toString();
    }

    private static boolean isTiming(String key) {
        return key.endsWith("seconds") || key.endsWith("per_second");
    }

    private static void table(StringBuilder h, String title, Map<String, Object> flat, boolean timings) {
        List<Map.Entry<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Object> e : flat.entrySet()) {
            if (isTiming(e.getKey()) == timings) {
                rows.add(e);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        h.append("<h2>").append(title).append("</h2>\n<table>\n");
        for (Map.Entry<String, Object> e : rows) {
            h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(value(e.getValue()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String value(Object v) {
        if (v instanceof Double d) {
            if (!Double.isFinite(d)) {
                return d.toString();
            }
            // six significant digits, no trailing zeros: 0.25, 585.000019 -> 585, 176.613
            return new java.math.BigDecimal(d).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        }
        if (v instanceof List<?> l) {
            return String.join(", ", l.stream().map(ReportHtml::value).toList());
        }
        return String.valueOf(v);
    }

    static String esc(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
