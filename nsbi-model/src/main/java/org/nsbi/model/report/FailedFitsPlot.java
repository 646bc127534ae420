package org.nsbi.model.report;

import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nsbi.stats.belt.Belt;

/**
 * The failed fits at each grid point of the belt (toys kept with converged = false, counted as t = +&infin;), as
 * points so that a run without failures shows its zeros.
 */
public final class FailedFitsPlot {

    private FailedFitsPlot() {
    }

    public static XYChart chart(Belt belt) {
        double[] grid = belt.muGrid();
        double[] failed = new double[grid.length];
        int total = 0;
        int toys = 0;
        int most = 0;
        for (int m = 0; m < grid.length; m++) {
            failed[m] = belt.failedAt(m);
            total += belt.failedAt(m);
            toys += belt.point(m, belt.cls().get(0)).nToys();
            most = Math.max(most, belt.failedAt(m));
        }
        XYChart chart = ChartStyle.xy(String.format(Locale.ROOT, "Failed fits per grid point: %d of %d toys", total, toys),
                "true \u03bc", "failed toys", ChartStyle.WIDTH, ChartStyle.HEIGHT);
        chart.getStyler().setLegendVisible(false);
        double pad = grid.length > 1 ? 0.03 * (grid[grid.length - 1] - grid[0]) : 0.5;
        chart.getStyler().setXAxisMin(grid[0] - pad).setXAxisMax(grid[grid.length - 1] + pad);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(Math.max(4.0, Math.ceil(most * 1.2)));
        chart.getStyler().setYAxisDecimalPattern("0");
        XYSeries s = ChartStyle.line(chart, "failed fits", grid, failed, ChartStyle.MU_HAT, ChartStyle.SOLID);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(ChartStyle.MU_HAT);
        return chart;
    }
}
