package org.nsbi.spark.report;

import java.util.List;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nsbi.model.UserError;
import org.nsbi.stats.belt.Coverage;

/**
 * Coverage against &mu;_true: the fraction of independent experiments whose interval contains &mu;_true, with its
 * binomial error &radic;(p(1&minus;p)/n), for the Neyman (filled circles) and Wilks (light diamonds, shifted right a
 * little so the bars do not overlap) intervals at each level, and the nominal level as a dashed line.
 */
public final class CoveragePlot {

    private CoveragePlot() {
    }

    public static XYChart chart(List<Coverage> rows) {
        if (rows.isEmpty()) {
            throw new UserError("no coverage rows; expected the coverage list of coverage.json");
        }
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
        XYChart chart = ChartStyle.xy("Coverage of the intervals (experiments drawn at \u03bc_true)", "true \u03bc",
                "fraction of intervals containing \u03bc_true", ChartStyle.WIDTH, ChartStyle.HEIGHT);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        double yMin = 1;
        int c = 0;
        for (double cl : cls) {
            String level = ChartStyle.percent(cl);
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
