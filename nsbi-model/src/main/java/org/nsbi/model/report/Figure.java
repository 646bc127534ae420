package org.nsbi.model.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A rendered chart: PNG (XChart's BitmapEncoder) and SVG (its VectorGraphicsEncoder) at the chart's own size,
 * with the file name they are saved under and a caption for the report.
 *
 * @param name    the file name without extension (name.png, name.svg)
 * @param caption what the figure shows, one sentence
 * @param width   pixels
 * @param height  pixels
 * @param png     the PNG file
 * @param svg     the SVG file
 */
public record Figure(String name, String caption, int width, int height, byte[] png, byte[] svg) {

    /** Renders a chart (headless: java.awt.headless=true is set by submit/nsbi and by the tests). */
    public static Figure render(String name, String caption, Chart<?, ?> chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return new Figure(name, caption, chart.getWidth(), chart.getHeight(), png, svg.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the figure " + name + ": " + e.getMessage(), e);
        }
    }

    /** Saves name.png and name.svg into the output folder under {@code prefix} ("" or "report/"). */
    public void write(ReportFiles out, String prefix) {
        out.writeBytes(prefix + name + ".png", png);
        out.writeBytes(prefix + name + ".svg", svg);
    }
}
