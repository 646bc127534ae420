package org.nsbi.spark.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.nsbi.stats.belt.Belt;

/** The failed fits at each grid point of the belt (toys kept with converged = false, counted as t = +&infin;). */
public final class FailedFitsPlot {

    private FailedFitsPlot() {
    }

    public static CategoryChart chart(Belt belt) {
        double[] grid = belt.muGrid();
        List<String> mu = new ArrayList<>();
        List<Integer> failed = new ArrayList<>();
        int total = 0;
        int toys = 0;
        int most = 0;
        for (int m = 0; m < grid.length; m++) {
            mu.add(ChartStyle.trim(grid[m]));
            failed.add(belt.failedAt(m));
            total += belt.failedAt(m);
            toys += belt.point(m, belt.cls().get(0)).nToys();
            most = Math.max(most, belt.failedAt(m));
        }
        CategoryChart chart = new CategoryChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(String.format(Locale.ROOT, "Failed fits per grid point: %d of %d toys", total, toys))
                .xAxisTitle("true \u03bc").yAxisTitle("failed toys").build();
        CategoryStyler s = chart.getStyler();
        ChartStyle.apply(s, false);
        s.setLegendVisible(false);
        s.setYAxisMin(0.0).setYAxisMax(Math.max(4.0, Math.ceil(most * 1.2)));
        s.setYAxisTickMarkSpacingHint(40);
        s.setYAxisDecimalPattern("0");
        s.setXAxisLabelRotation(grid.length > 12 ? 45 : 0);
        CategorySeries series = chart.addSeries("failed fits", mu, failed);
        series.setFillColor(ChartStyle.MU_HAT);
        return chart;
    }
}
