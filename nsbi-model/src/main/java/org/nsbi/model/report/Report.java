package org.nsbi.model.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report of a run: every figure (PNG and SVG) and report.html, which shows them inlined with the run's
 * settings, timings, intervals, Asimov closure, failed fits and coverage.
 *
 * @param figures the figures, in the order the report shows them
 * @param html    report.html, self-contained (the PNGs inlined as data URIs)
 */
public record Report(List<Figure> figures, String html) {

    public Report {
        figures = List.copyOf(figures);
    }

    /** The figure of a name; throws when the report has none of that name. */
    public Figure figure(String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure '" + name + "' in the report"));
    }

    /** Renders every figure of the run and composes report.html. */
    public static Report of(RunData run) {
        List<Figure> figures = new ArrayList<>();
        Scan observed = run.scans().stream().filter(s -> s.label().equals("observed")).findFirst().orElse(null);
        Double muHat = observed != null ? observed.muHat() : null;
        figures.add(Figure.render("belt", "The confidence belt: acceptance regions in \u03bc\u0302 of the toys at each true \u03bc"
                + (muHat != null ? ", with the observed \u03bc\u0302 and its Neyman interval endpoints" : "") + ".",
                BeltPlot.chart(run.belt(), muHat, observed != null ? observed.intervals("neyman") : List.of())));
        figures.add(Figure.render("critical-values", run.criticalValues() == null
                ? "Critical values t_c(\u03bc) of the toys with their Monte Carlo band, against Wilks' \u03c7\u00b2\u2081 quantiles."
                : "Smooth critical values t_c(\u03bc) (" + run.criticalValues().form() + ", quantile regression across the grid)"
                + " against each point's own order statistic with its Monte Carlo band, and Wilks' \u03c7\u00b2\u2081 quantiles.",
                CriticalValuePlot.chart(run.belt(), run.criticalValues())));
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < run.scans().size(); i++) {
            Scan s = run.scans().get(i);
            String name = used.add(scanName(s, i)) ? scanName(s, i) : scanName(s, i) + "-" + i;
            figures.add(Figure.render(name, ScanPlot.title(s.label()) + ": t(\u03bc) with the Neyman and Wilks intervals.",
                    ScanPlot.chart(s)));
        }
        for (int m = 0; m < run.toys().size(); m++) {
            PointToys p = run.toys().get(m);
            figures.add(Figure.render(String.format(Locale.ROOT, "t-mu-%02d", m), String.format(Locale.ROOT,
                    "t_\u03bc of the toys at \u03bc = %s against \u03c7\u00b2\u2081.", ChartStyle.trim(p.mu())),
                    TDistributionPlot.chart(p, run.belt())));
        }
        if (!run.closure().isEmpty()) {
            figures.add(Figure.render("asimov-closure", "Asimov closure \u03a3 w_A / \u03bd at each grid point.",
                    ClosurePlot.chart(run.closure())));
        }
        if (failedFits(run) > 0) {
            figures.add(Figure.render("failed-fits", "Failed fits at each grid point.", FailedFitsPlot.chart(run.belt())));
        }
        if (run.coverage() != null) {
            figures.add(coverageFigure(run.coverage()));
        }
        return new Report(figures, ReportHtml.of(run, figures));
    }

    /** The toys whose fits failed, over the grid (none: no plot of zeros, a line of text instead). */
    static int failedFits(RunData run) {
        int n = 0;
        for (int m = 0; m < run.belt().muGrid().length; m++) {
            n += run.belt().failedAt(m);
        }
        return n;
    }

    /** The coverage figure (coverage.png/.svg), as the coverage command writes it beside coverage.json. */
    public static Figure coverageFigure(org.nsbi.model.output.CoverageSummary coverage) {
        return Figure.render("coverage", "Coverage of the Neyman and Wilks intervals against \u03bc_true (" + coverage.source()
                + (coverage.source().equals("bootstrap") ? ": a closure test of the machinery only" : "")
                + "), with errors including the belt's Monte Carlo noise, and the band of exact coverage.",
                CoveragePlot.chart(coverage));
    }

    /** Writes the figures and report.html into the output folder under {@code prefix} ("" or "report/"). */
    public void write(ReportFiles out, String prefix) {
        for (Figure f : figures) {
            f.write(out, prefix);
        }
        out.writeBytes(prefix + "report.html", html.getBytes(StandardCharsets.UTF_8));
    }

    /** The file stem of a scan's figures: scan-observed, scan-asimov-mu-1, or scan-&lt;i&gt; for other labels. */
    static String scanName(Scan s, int index) {
        String slug = s.label().toLowerCase(Locale.ROOT).replace("at mu =", "mu").replaceAll("\\.0\\b", "")
                .replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "scan-" + index : "scan-" + slug;
    }
}
