package org.nsbi.model.report;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.belt.BeltPoint;
import org.nsbi.stats.interval.IntervalInverter;

/**
 * The critical values t_c(&mu;) of each confidence level at the grid points, with their Monte Carlo band
 * [t_crit_lo, t_crit_hi] (the order statistics k &mp; &radic;(N&middot;CL&middot;(1&minus;CL)), about 68 %), against
 * Wilks' asymptotic values, the &chi;&sup2;&#8321; quantiles (1 and 4 at 68.27 % and 95.45 %). Grid points whose
 * t_c is infinite (too many failed toys) are left out of the line.
 */
public final class CriticalValuePlot {

    private CriticalValuePlot() {
    }

    public static XYChart chart(Belt belt) {
        double[] grid = belt.muGrid();
        XYChart chart = ChartStyle.xy("Critical values t_c(\u03bc) from the toys, against Wilks", "true \u03bc",
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
            XYSeries s = chart.addSeries(level + " CL: toys (band: MC error)", mu.stream().mapToDouble(Double::doubleValue).toArray(),
                    t.stream().mapToDouble(Double::doubleValue).toArray());
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(ChartStyle.level(c));
            s.setLineColor(ChartStyle.level(c));
            s.setLineStyle(ChartStyle.SOLID);
            double wilks = IntervalInverter.wilksThreshold(cl);
            yMax = Math.max(yMax, wilks);
            ChartStyle.horizontal(chart, level + " CL: Wilks, \u03c7\u00b2\u2081 quantile " + ChartStyle.num(wilks), wilks, grid[0],
                    grid[grid.length - 1], ChartStyle.level(c), ChartStyle.DASHED);
        }
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(Math.ceil(yMax * 1.4));
        chart.getStyler().setXAxisMin(grid[0]).setXAxisMax(grid[grid.length - 1]);
        return chart;
    }
}
