package org.nsbi.model.report;

import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.nsbi.stats.interval.ConfidenceInterval;
import org.nsbi.stats.interval.IntervalInverter;

/**
 * The t(&mu;) scan of a data set with its Neyman and Wilks intervals on one chart: t_c(&mu;) of each level
 * (interpolated between grid points, dashed) with the Neyman interval pieces {&mu; : t(&mu;) &le; t_c(&mu;)} shaded,
 * and the &chi;&sup2;&#8321; quantiles (dotted) with the Wilks pieces {&mu; : t(&mu;) &le; q} drawn as thick bars on
 * their quantile line; &mu;&#770; is marked. The legend sits outside the data area, on the right. The t axis is cut at
 * 2.5 times the largest threshold so that the crossings are readable.
 */
public final class ScanPlot {

    /** The stroke of a Wilks interval bar. */
    private static final java.awt.BasicStroke BAR = new java.awt.BasicStroke(6f);

    private ScanPlot() {
    }

    /** The chart of a scan with both methods' intervals. */
    public static XYChart chart(Scan scan) {
        double[] mu = scan.mu();
        double lo = mu[0];
        double hi = mu[mu.length - 1];
        double yMax = 0;
        for (int c = 0; c < scan.cls().size(); c++) {
            yMax = Math.max(yMax, IntervalInverter.wilksThreshold(scan.cls().get(c)));
            for (double t : scan.tCrit()[c]) {
                if (Double.isFinite(t)) {
                    yMax = Math.max(yMax, t);
                }
            }
        }
        yMax = Math.ceil(2.5 * yMax);
        XYChart chart = ChartStyle.xy(title(scan.label()) + ": t(\u03bc), Neyman and Wilks",
                "\u03bc", "t(\u03bc) = \u22122 ln \u03bb(\u03bc)", ChartStyle.WIDTH, ChartStyle.HEIGHT);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(yMax);
        chart.getStyler().setXAxisMin(lo).setXAxisMax(hi);
        for (int c = scan.cls().size() - 1; c >= 0; c--) {
            double cl = scan.cls().get(c);
            for (ConfidenceInterval ci : scan.intervals("neyman").stream().filter(i -> i.cl() == cl).toList()) {
                boolean first = true;
                for (double[] piece : ci.pieces()) {
                    XYSeries s = ChartStyle.box(chart, first ? "Neyman " + ChartStyle.percent(cl) + ": " + pieces(ci)
                                    : "piece " + chart.getSeriesMap().size(), piece[0], piece[1], 0, yMax,
                            ChartStyle.pastel(ChartStyle.level(c), c == 0 ? 0.35 : 0.25));
                    s.setShowInLegend(first);
                    first = false;
                }
            }
        }
        for (int c = 0; c < scan.cls().size(); c++) {
            double cl = scan.cls().get(c);
            String level = ChartStyle.percent(cl);
            double q = IntervalInverter.wilksThreshold(cl);
            ChartStyle.line(chart, "t_c(\u03bc) " + level, mu, scan.tCrit()[c], ChartStyle.level(c), ChartStyle.DASHED);
            ChartStyle.horizontal(chart, "\u03c7\u00b2\u2081 " + level + ": " + ChartStyle.num(q), q, lo, hi,
                    ChartStyle.level(c), ChartStyle.DOTTED);
            for (ConfidenceInterval ci : scan.intervals("wilks").stream().filter(i -> i.cl() == cl).toList()) {
                boolean first = true;
                for (double[] piece : ci.pieces()) {
                    XYSeries s = ChartStyle.horizontal(chart, first ? "Wilks " + level + ": " + pieces(ci)
                            : "piece " + chart.getSeriesMap().size(), q, piece[0], piece[1], ChartStyle.level(c), BAR);
                    s.setShowInLegend(first);
                    first = false;
                }
            }
        }
        ChartStyle.line(chart, "t(\u03bc) of the data", mu, scan.tObs(), ChartStyle.OBSERVED, ChartStyle.SOLID);
        if (scan.muHat() >= lo && scan.muHat() <= hi) {
            ChartStyle.vertical(chart, "\u03bc\u0302 = " + ChartStyle.num(scan.muHat()), scan.muHat(), 0, yMax,
                    ChartStyle.MU_HAT, ChartStyle.DOTTED);
        }
        return chart;
    }

    /** The pieces as text: [0.204, 1.140] &cup; ..., with "(at the grid edge)" when the set may go on beyond the scan. */
    public static String pieces(ConfidenceInterval ci) {
        return org.nsbi.stats.interval.ResultTable.pieces(ci);
    }

    /** "observed" as "Observed data", "asimov at mu = 1.0" as "Asimov data at \u03bc = 1". */
    static String title(String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("asimov at mu = (\\S+)").matcher(label);
        if (m.matches()) {
            try {
                return "Asimov data at \u03bc = " + ChartStyle.trim(Double.parseDouble(m.group(1)));
            } catch (NumberFormatException e) {
                return "Asimov data at \u03bc = " + m.group(1);
            }
        }
        return label.isEmpty() ? label : Character.toUpperCase(label.charAt(0)) + label.substring(1) + " data";
    }
}
