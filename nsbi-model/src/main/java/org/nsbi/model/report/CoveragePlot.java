package org.nsbi.model.report;

import java.util.List;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nsbi.model.output.CoverageSummary;
import org.nsbi.stats.coverage.Coverage;

/**
 * Coverage against &mu;_true: the fraction of experiments whose interval contains &mu;_true with its error (binomial and,
 * for Neyman, the belt's Monte Carlo noise; {@link Coverage#error()}), for the Neyman (filled circles) and Wilks (light
 * diamonds, shifted right a little so the bars do not overlap) intervals at each level; the nominal level as a dashed
 * line and, shaded around it, the &plusmn;2&sigma; band in which exact Neyman coverage would scatter with these numbers
 * of experiments and toys, &radic;(CL(1&minus;CL)/n + CL(1&minus;CL)/N_toys). The title names the experiments' source
 * (a bootstrap is labelled a closure test).
 */
public final class CoveragePlot {

    private CoveragePlot() {
    }

    public static XYChart chart(CoverageSummary coverage) {
        List<Coverage> rows = coverage.rows();
        TreeSet<Double> cls = new TreeSet<>();
        TreeSet<Double> mus = new TreeSet<>();
        for (Coverage c : rows) {
            cls.add(c.cl());
            mus.add(c.mu());
        }
        double lo = mus.first();
        double hi = mus.last();
        double pad = Math.max(0.1, 0.08 * (hi - lo));
        double shift = 0.15 * pad;
        String title = "bootstrap".equals(coverage.source())
                ? "Coverage, bootstrap of the reference: a closure test of the machinery only"
                : "Coverage of the intervals, experiments from the " + coverage.source() + " at \u03bc_true";
        XYChart chart = ChartStyle.xy(title, "true \u03bc", "fraction of intervals containing \u03bc_true", ChartStyle.WIDTH,
                ChartStyle.HEIGHT);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        double yMin = 1;
        int c = 0;
        for (double cl : cls) {
            String level = ChartStyle.percent(cl);
            List<Coverage> neyman = rows.stream().filter(r -> r.cl() == cl && r.method().equals("neyman")).toList();
            if (!neyman.isEmpty()) {
                int n = neyman.size();
                double[] bx = new double[2 * n];
                double[] by = new double[2 * n];
                for (int i = 0; i < n; i++) {
                    Coverage r = neyman.get(i);
                    double sigma = Math.sqrt(cl * (1 - cl) / r.n() + (r.beltToys() > 0 ? cl * (1 - cl) / r.beltToys() : 0));
                    bx[i] = r.mu();
                    by[i] = Math.min(1, cl + 2 * sigma);
                    bx[2 * n - 1 - i] = r.mu();
                    by[2 * n - 1 - i] = cl - 2 * sigma;
                    yMin = Math.min(yMin, cl - 2 * sigma);
                }
                if (n == 1) {
                    bx = new double[] {bx[0] - shift, bx[0] + shift, bx[1] + shift, bx[1] - shift};
                    by = new double[] {by[0], by[0], by[1], by[1]};
                }
                ChartStyle.band(chart, level + " exact \u00b12\u03c3", bx, by, ChartStyle.translucent(ChartStyle.level(c), 40));
            }
            ChartStyle.horizontal(chart, level + " nominal", cl, lo - pad, hi + pad, ChartStyle.level(c), ChartStyle.DASHED);
            for (String method : List.of("neyman", "wilks")) {
                List<Coverage> at = rows.stream().filter(r -> r.cl() == cl && r.method().equals(method)).toList();
                if (at.isEmpty()) {
                    continue;
                }
                double dx = method.equals("wilks") ? shift : -shift;
                double[] x = at.stream().mapToDouble(r -> r.mu() + dx).toArray();
                double[] y = at.stream().mapToDouble(Coverage::fraction).toArray();
                double[] e = at.stream().mapToDouble(Coverage::error).toArray();
                for (int i = 0; i < y.length; i++) {
                    yMin = Math.min(yMin, y[i] - e[i]);
                }
                XYSeries s = chart.addSeries(level + (method.equals("neyman") ? " Neyman" : " Wilks"), x, y, e);
                s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                s.setMarker(method.equals("neyman") ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
                java.awt.Color colour = method.equals("neyman") ? ChartStyle.level(c) : ChartStyle.pastel(ChartStyle.level(c), 0.55);
                s.setMarkerColor(colour);
                s.setLineColor(colour); // the error bars take the series' line colour
            }
            yMin = Math.min(yMin, cl);
            c++;
        }
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setXAxisMin(lo - pad).setXAxisMax(hi + pad);
        chart.getStyler().setYAxisMin(Math.max(0, Math.floor((yMin - 0.05) * 20) / 20)).setYAxisMax(1.0);
        return chart;
    }
}
