package org.nsbi.model.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nsbi.stats.validate.Calibration;

/** The validation's plots as PNG bytes (XChart, headless). */
public final class ValidationPlots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ValidationPlots() {
    }

    /**
     * The calibration of one ratio: per bin, the histogram ratio h_B divided by the mean predicted ratio r&#772;_B,
     * with its error, against r&#772;_B (1 for a calibrated ratio).
     */
    public static byte[] calibration(String ratio, Calibration c) {
        return png(calibrationChart(ratio, c));
    }

    /**
     * The calibration chart. Only {@link Calibration#usable} bins are drawn: a bin without numerator events, or whose
     * error exceeds its value, would be a point at 0 or an error bar that sets the scale while saying nothing; the title
     * says how many were left out.
     */
    static XYChart calibrationChart(String ratio, Calibration c) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        for (int b = 0; b < c.bins(); b++) {
            if (c.usable(b)) {
                x.add(c.predicted()[b]);
                y.add(c.observed()[b] / c.predicted()[b]);
                e.add(c.error()[b] / c.predicted()[b]);
            }
        }
        int left = c.bins() - x.size();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(ratio + ": calibration (chi2 = " + fmt(c.chi2()) + " / " + c.filledBins() + " bins"
                        + (left == 0 ? ")" : "; " + left + " of " + c.bins() + " bins not drawn: no events or error > "
                        + Math.round(100 * Calibration.MAX_USABLE_RELATIVE_ERROR) + "%)"))
                .xAxisTitle("mean predicted ratio in the bin").yAxisTitle("histogram ratio / mean predicted ratio").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        double lo = x.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double hi = x.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        chart.getStyler().setXAxisLogarithmic(lo > 0 && hi / lo > 20);
        if (!x.isEmpty()) {
            XYSeries s = chart.addSeries("numerator / denominator histograms", x, y, e);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        XYSeries one = chart.addSeries("calibrated", new double[] {lo, hi}, new double[] {1, 1});
        one.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        one.setMarker(SeriesMarkers.NONE);
        return chart;
    }

    /** A weighted histogram of {@code values}, normalised to unit area, as a step line. */
    public static byte[] histogram(String title, String xTitle, double[] values, double[] weights, int bins) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        // the range holds all but the outer 0.5% of events on each side, so a few outliers do not squash the plot
        double lo = sorted[(int) Math.floor(0.005 * (sorted.length - 1))];
        double hi = sorted[(int) Math.ceil(0.995 * (sorted.length - 1))];
        if (!(hi - lo > 1e-9 * Math.max(1, Math.abs(lo)))) {
            // (nearly) one value, e.g. an exact ratio against itself: a unit range around it (XChart's tick
            // calculation does not end on a range of 1e-9)
            lo -= 0.5;
            hi += 0.5;
        }
        double width = (hi - lo) / bins;
        double[] h = new double[bins];
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            total += weights[i];
            int b = (int) Math.floor((values[i] - lo) / width);
            if (b >= 0 && b < bins) {
                h[b] += weights[i];
            }
        }
        double[] x = new double[2 * bins];
        double[] y = new double[2 * bins];
        for (int b = 0; b < bins; b++) {
            x[2 * b] = lo + b * width;
            x[2 * b + 1] = lo + (b + 1) * width;
            y[2 * b] = h[b] / (total * width);
            y[2 * b + 1] = y[2 * b];
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle("density (weighted; central 99% of events shown)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisDecimalPattern(decimalPattern(hi - lo));
        XYSeries s = chart.addSeries("events", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        return png(chart);
    }

    /** One value per ratio with an error bar, as bars (e.g. closure &minus; 1, AUC &minus; 0.5). */
    public static byte[] perRatio(String title, String yTitle, List<String> ratios, List<Double> values,
                                  List<Double> errors) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("ratio")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setErrorBarsColorSeriesColor(false);
        chart.addSeries("value", ratios, values, errors);
        return png(chart);
    }

    /**
     * A tick label pattern with enough decimals for about ten distinct ticks over {@code range} (XChart's own choice
     * prints every digit of a double; a pattern with too few decimals makes its tick spacing search run on).
     */
    static String decimalPattern(double range) {
        int decimals = (int) Math.max(0, Math.min(15, Math.ceil(-Math.log10(range / 10)) + 1));
        return decimals == 0 ? "#0" : "#0." + "#".repeat(decimals);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart '" + chart.getTitle() + "': " + e.getMessage(), e);
        }
    }
}
