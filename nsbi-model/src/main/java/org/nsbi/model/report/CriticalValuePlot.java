package org.nsbi.model.report;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nsbi.model.output.CriticalValuesFit;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.belt.BeltPoint;
import org.nsbi.stats.interval.IntervalInverter;

/**
 * The critical values t_c(&mu;) of each confidence level at the grid points, with their Monte Carlo band
 * [t_crit_lo, t_crit_hi] (the order statistics k &mp; &radic;(N&middot;CL&middot;(1&minus;CL)), about 68 %), against
 * Wilks' asymptotic values, the &chi;&sup2;&#8321; quantiles (1 and 4 at 68.27 % and 95.45 %). Grid points whose
 * t_c is infinite (too many failed toys) are left out of the line. With smooth critical values (critical-values.json),
 * the fitted curve is drawn as a line and each point's own order statistic as a marker, with its band.
 */
public final class CriticalValuePlot {

    private CriticalValuePlot() {
    }

    public static XYChart chart(Belt belt) {
        return chart(belt, null);
    }

    /** @param fit the smooth critical values' fit, or null for a belt of per-point critical values */
    public static XYChart chart(Belt belt, CriticalValuesFit fit) {
        double[] grid = belt.muGrid();
        XYChart chart = ChartStyle.xy(fit == null ? "Critical values t_c(\u03bc) from the toys, against Wilks"
                : "Smooth critical values t_c(\u03bc) against the per-point ones and Wilks", "true \u03bc",
                "critical value t_c", ChartStyle.WIDTH, ChartStyle.HEIGHT);
        double yMax = 0;
        List<Double> cls = belt.cls();
        for (int c = 0; c < cls.size(); c++) {
            double cl = cls.get(c);
            List<Double> mu = new ArrayList<>();
            List<Double> t = new ArrayList<>();
            List<Double> lo = new ArrayList<>();
            List<Double> hi = new ArrayList<>();
            for (int m = 0; m < grid.length; m++) {
                BeltPoint p = belt.point(m, cl);
                if (Double.isFinite(p.tCrit()) && Double.isFinite(p.tCritLo()) && Double.isFinite(p.tCritHi())) {
                    mu.add(grid[m]);
                    t.add(p.tCrit());
                    lo.add(p.tCritLo());
                    hi.add(p.tCritHi());
                    yMax = Math.max(yMax, p.tCritHi());
                }
            }
            if (mu.isEmpty()) {
                continue;
            }
            int n = mu.size();
            double[] bx = new double[2 * n];
            double[] by = new double[2 * n];
            for (int i = 0; i < n; i++) {
                bx[i] = mu.get(i);
                by[i] = lo.get(i);
                bx[2 * n - 1 - i] = mu.get(i);
                by[2 * n - 1 - i] = hi.get(i);
            }
            String level = ChartStyle.percent(cl);
            ChartStyle.band(chart, level + " MC band", bx, by, ChartStyle.translucent(ChartStyle.level(c), 60))
                    .setShowInLegend(false);
            if (fit == null) {
                XYSeries s = chart.addSeries(level + " CL: toys (band: MC error)", mu.stream().mapToDouble(Double::doubleValue).toArray(),
                        t.stream().mapToDouble(Double::doubleValue).toArray());
                s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(ChartStyle.level(c));
                s.setLineColor(ChartStyle.level(c));
                s.setLineStyle(ChartStyle.SOLID);
            } else {
                yMax = Math.max(yMax, smooth(chart, fit, cl, level, ChartStyle.level(c), grid));
            }
            double wilks = IntervalInverter.wilksThreshold(cl);
            yMax = Math.max(yMax, wilks);
            ChartStyle.horizontal(chart, level + " CL: Wilks, \u03c7\u00b2\u2081 quantile " + ChartStyle.num(wilks), wilks, grid[0],
                    grid[grid.length - 1], ChartStyle.level(c), ChartStyle.DASHED);
        }
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(Math.ceil(yMax * 1.4));
        chart.getStyler().setXAxisMin(grid[0]).setXAxisMax(grid[grid.length - 1]);
        return chart;
    }

    /** The local form's curve at &mu;: its points' fitted t_c, linear between them. */
    private static double linear(List<CriticalValuesFit.Point> points, double mu) {
        for (int i = 1; i < points.size(); i++) {
            CriticalValuesFit.Point lo = points.get(i - 1);
            CriticalValuesFit.Point hi = points.get(i);
            if (mu <= hi.mu()) {
                return lo.tCritFit() + (mu - lo.mu()) / (hi.mu() - lo.mu()) * (hi.tCritFit() - lo.tCritFit());
            }
        }
        return points.get(points.size() - 1).tCritFit();
    }

    /** The fitted curve of one level (200 steps over the grid) and the per-point order statistics; returns the largest value drawn. */
    private static double smooth(XYChart chart, CriticalValuesFit fit, double cl, String level, java.awt.Color color,
                                 double[] grid) {
        CriticalValuesFit.Level f = fit.levels().stream().filter(l -> l.cl() == cl).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("critical-values.json has no fit at CL " + cl));
        int steps = 200;
        double[] x = new double[steps + 1];
        double[] y = new double[steps + 1];
        double max = 0;
        for (int i = 0; i <= steps; i++) {
            x[i] = grid[0] + (grid[grid.length - 1] - grid[0]) * i / steps;
            y[i] = f.a() != null ? f.a() + f.b() * Math.sqrt(x[i]) + f.c() * x[i] : linear(f.points(), x[i]);
            max = Math.max(max, y[i]);
        }
        ChartStyle.line(chart, level + " CL: smooth fit", x, y, color, ChartStyle.SOLID);
        List<CriticalValuesFit.Point> finite = f.points().stream().filter(p -> Double.isFinite(p.tCritPoint())).toList();
        if (!finite.isEmpty()) {
            ChartStyle.markers(chart, level + " CL: per point (band: MC error)",
                    finite.stream().mapToDouble(CriticalValuesFit.Point::mu).toArray(),
                    finite.stream().mapToDouble(CriticalValuesFit.Point::tCritPoint).toArray(), color);
            for (CriticalValuesFit.Point p : finite) {
                max = Math.max(max, p.tCritPoint());
            }
        }
        return max;
    }
}
