package org.nsbi.model.report;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nsbi.model.output.AsimovClosure;

/**
 * The Asimov closure at each grid point: &Sigma; w_A / &nu;(&mu;, &alpha;), the Asimov weights' sum over the expected
 * yield, which is 1 when the ratio networks reproduce the reference sample's normalisation (primer, Asimov weights).
 */
public final class ClosurePlot {

    private ClosurePlot() {
    }

    public static XYChart chart(List<AsimovClosure> closure) {
        if (closure.isEmpty()) {
            throw new IllegalArgumentException("no Asimov closure values; expected one per grid point (summary.json asimov_closure)");
        }
        double[] mu = closure.stream().mapToDouble(AsimovClosure::mu).toArray();
        double[] r = closure.stream().mapToDouble(AsimovClosure::closure).toArray();
        XYChart chart = ChartStyle.xy("Asimov closure \u03a3 w_A / \u03bd at each grid point", "true \u03bc",
                "\u03a3 w_A / \u03bd(\u03bc)", ChartStyle.WIDTH, ChartStyle.HEIGHT);
        double dev = 0;
        for (double v : r) {
            dev = Math.max(dev, Math.abs(v - 1));
        }
        double half = Math.max(1e-3, 1.3 * dev);
        chart.getStyler().setYAxisMin(1 - half).setYAxisMax(1 + half);
        chart.getStyler().setYAxisDecimalPattern(half < 0.01 ? "0.0000" : "0.000");
        ChartStyle.horizontal(chart, "perfect closure", 1.0, mu[0], mu[mu.length - 1], ChartStyle.GREY, ChartStyle.DASHED);
        XYSeries s = ChartStyle.line(chart, "\u03a3 w_A / \u03bd", mu, r, ChartStyle.level(0), ChartStyle.SOLID);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(ChartStyle.level(0));
        return chart;
    }
}
