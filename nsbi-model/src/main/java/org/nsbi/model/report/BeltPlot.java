package org.nsbi.model.report;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.belt.BeltPoint;
import org.nsbi.stats.interval.ConfidenceInterval;

/**
 * The confidence belt in the (&mu;&#770;, &mu;_true) plane: at each grid point &mu;_true, the acceptance region in
 * &mu;&#770; (from the smallest to the largest &mu;&#770; of the toys with t_&mu; &le; t_c), joined between grid points
 * into one band per confidence level; the wider levels are drawn first. A vertical line marks the observed
 * &mu;&#770;: the &mu;_true whose band it crosses are, approximately, the Neyman interval (which is read from t, not
 * from &mu;&#770;, when nuisance parameters are profiled). The endpoints of the observed Neyman intervals are marked
 * on that line, one marker series per confidence level.
 */
public final class BeltPlot {

    private BeltPlot() {
    }

    /**
     * @param belt  the belts
     * @param muHat the observed &mu;&#770;, or null for none
     * @param intervals the observed Neyman intervals whose endpoints are marked at &mu;&#770; (empty for none)
     */
    public static XYChart chart(Belt belt, Double muHat, List<ConfidenceInterval> intervals) {
        double[] grid = belt.muGrid();
        XYChart chart = ChartStyle.xy("Confidence belt: acceptance regions in \u03bc\u0302 at each \u03bc", "fitted \u03bc\u0302",
                "true \u03bc", ChartStyle.WIDTH, ChartStyle.HEIGHT);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        List<Double> cls = belt.cls();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        for (int c = cls.size() - 1; c >= 0; c--) {
            double cl = cls.get(c);
            List<double[]> lower = new ArrayList<>();
            List<double[]> upper = new ArrayList<>();
            for (int m = 0; m < grid.length; m++) {
                BeltPoint p = belt.point(m, cl);
                if (Double.isFinite(p.muhatLo()) && Double.isFinite(p.muhatHi())) {
                    lower.add(new double[] {p.muhatLo(), grid[m]});
                    upper.add(0, new double[] {p.muhatHi(), grid[m]});
                    xMin = Math.min(xMin, p.muhatLo());
                    xMax = Math.max(xMax, p.muhatHi());
                }
            }
            if (lower.isEmpty()) {
                continue;
            }
            lower.addAll(upper);
            double[] x = lower.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = lower.stream().mapToDouble(p -> p[1]).toArray();
            ChartStyle.band(chart, ChartStyle.percent(cl) + " CL acceptance", x, y,
                    ChartStyle.pastel(ChartStyle.level(c), c == 0 ? 0.6 : 0.35));
        }
        double lo = grid[0];
        double hi = grid[grid.length - 1];
        ChartStyle.line(chart, "\u03bc\u0302 = \u03bc", new double[] {lo, hi}, new double[] {lo, hi}, ChartStyle.OBSERVED,
                ChartStyle.DOTTED);
        if (muHat != null) {
            ChartStyle.vertical(chart, "observed \u03bc\u0302 = " + ChartStyle.num(muHat), muHat, lo, hi, ChartStyle.MU_HAT,
                    ChartStyle.SOLID);
            for (int c = 0; c < intervals.size(); c++) {
                ConfidenceInterval ci = intervals.get(c);
                double[] ends = ci.pieces().stream().flatMapToDouble(java.util.Arrays::stream).toArray();
                if (ends.length > 0) {
                    double[] at = new double[ends.length];
                    java.util.Arrays.fill(at, muHat);
                    ChartStyle.markers(chart, ChartStyle.percent(ci.cl()) + " CL interval endpoints", at, ends,
                            ChartStyle.level(belt.cls().indexOf(ci.cl()) < 0 ? c : belt.cls().indexOf(ci.cl())));
                }
            }
            xMin = Math.min(xMin, muHat);
            xMax = Math.max(xMax, muHat);
        }
        chart.getStyler().setYAxisMin(lo).setYAxisMax(hi);
        if (Double.isFinite(xMin)) {
            chart.getStyler().setXAxisMin(Math.min(xMin, lo)).setXAxisMax(Math.max(xMax, hi));
        }
        return chart;
    }
}
