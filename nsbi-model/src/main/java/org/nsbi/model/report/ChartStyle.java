package org.nsbi.model.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look shared by the report's charts: white background, light grid, DejaVu Sans (it has &mu;, &chi;, the
 * combining hat and the sub/superscript digits), a colour per confidence level, and helpers for the shapes the
 * plots are made of (lines, bands, vertical and horizontal markers).
 */
final class ChartStyle {

    /** The main charts' size in pixels. */
    static final int WIDTH = 800;
    static final int HEIGHT = 600;

    static final Color OBSERVED = new Color(0x20, 0x20, 0x20);
    static final Color MU_HAT = new Color(0xC0, 0x30, 0x30);
    static final Color GREY = new Color(0x80, 0x80, 0x80);
    static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {7f, 5f}, 0f);
    static final BasicStroke DOTTED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {2f, 4f}, 0f);
    static final BasicStroke SOLID = new BasicStroke(2.2f);

    private static final String FONT = "DejaVu Sans";
    private static final Color[] LEVEL_COLOURS = {new Color(0x1F, 0x5F, 0xB4), new Color(0xE0, 0x7B, 0x10),
            new Color(0x2C, 0x9A, 0x3C), new Color(0x8E, 0x3B, 0xB0)};

    private ChartStyle() {
    }

    /** An XY chart with the report's look, {@code width} &times; {@code height} pixels. */
    static XYChart xy(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        boolean small = width < 600;
        apply(s, small);
        s.setMarkerSize(small ? 5 : 7);
        s.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
        return chart;
    }

    /** The report's look on any chart with axes; {@code small} for the panels. */
    static void apply(AxesChartStyler s, boolean small) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(GREY);
        s.setPlotGridLinesColor(new Color(0xE4, 0xE4, 0xE4));
        s.setChartFontColor(Color.BLACK);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(FONT, Font.BOLD, small ? 13 : 16));
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, small ? 12 : 15));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, small ? 11 : 13));
        s.setLegendFont(new Font(FONT, Font.PLAIN, small ? 10 : 13));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        s.setLegendBorderColor(new Color(0xC0, 0xC0, 0xC0));
        s.setLegendSeriesLineLength(small ? 18 : 28);
        s.setAntiAlias(true);
    }

    /** The colour of the c-th confidence level (in the order the belt lists them). */
    static Color level(int c) {
        return LEVEL_COLOURS[c % LEVEL_COLOURS.length];
    }

    /**
     * The colour mixed with white, opaque: {@code strength} 0 is white, 1 the colour. Nested regions drawn in pastels,
     * widest first, keep their own colours where a see-through fill would mix them.
     */
    static Color pastel(Color c, double strength) {
        return new Color(mix(c.getRed(), strength), mix(c.getGreen(), strength), mix(c.getBlue(), strength));
    }

    private static int mix(int channel, double strength) {
        return (int) Math.round(255 - strength * (255 - channel));
    }

    /** The same colour, see-through (alpha 0..255), for bands. */
    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /**
     * A line without markers; a non-finite y leaves a gap (XChart draws no segment to a null value). XChart clips
     * the line to the plot area, so values beyond the axis range need no care.
     */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color colour, BasicStroke stroke) {
        java.util.List<Double> xs = new java.util.ArrayList<>();
        java.util.List<Double> ys = new java.util.ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            xs.add(x[i]);
            ys.add(Double.isFinite(y[i]) ? y[i] : null);
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(stroke);
        return s;
    }

    /** Markers (diamonds) at the given points, without a line. */
    static XYSeries markers(XYChart chart, String name, double[] x, double[] y, Color colour) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setMarkerColor(colour);
        return s;
    }

    /** A filled polygon through the given corners (closed back to the first). */
    static XYSeries band(XYChart chart, String name, double[] x, double[] y, Color fill) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(fill);
        s.setLineColor(fill);
        s.setLineStyle(new BasicStroke(0.5f));
        return s;
    }

    /** The rectangle [x0, x1] &times; [y0, y1] as a band. */
    static XYSeries box(XYChart chart, String name, double x0, double x1, double y0, double y1, Color fill) {
        return band(chart, name, new double[] {x0, x1, x1, x0}, new double[] {y0, y0, y1, y1}, fill);
    }

    /** A vertical line at x from y0 to y1. */
    static XYSeries vertical(XYChart chart, String name, double x, double y0, double y1, Color colour, BasicStroke stroke) {
        return line(chart, name, new double[] {x, x}, new double[] {y0, y1}, colour, stroke);
    }

    /** A horizontal line at y from x0 to x1. */
    static XYSeries horizontal(XYChart chart, String name, double y, double x0, double x1, Color colour, BasicStroke stroke) {
        return line(chart, name, new double[] {x0, x1}, new double[] {y, y}, colour, stroke);
    }

    /** A confidence level as a percentage, e.g. 68.27%. */
    static String percent(double cl) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * cl);
    }

    /** A number for a label, three decimals. */
    static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** A number with at most four decimals and no trailing zeros, for tick and title labels: 0.25, 1, 3.5. */
    static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
