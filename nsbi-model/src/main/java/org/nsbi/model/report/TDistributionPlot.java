package org.nsbi.model.report;

import java.util.Locale;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.knowm.xchart.XYChart;
import org.nsbi.stats.belt.Belt;

/**
 * The t_&mu; distribution of the toys at one grid point against &chi;&sup2;&#8321; (Wilks), on a log scale.
 * The histogram is a density: bin i holds n_i / (N &middot; w), N all toys of the point (failed ones count as
 * t = +&infin;, beyond the last bin, as in the belt) and w the bin width, so it integrates to the fraction of toys in
 * range and overlays the &chi;&sup2;&#8321; density f(t) = e^(&minus;t/2) / &radic;(2&pi;t) directly. Empty bins are
 * not drawn (a gap in the line); the axis floor is half a toy per bin, where the &chi;&sup2;&#8321; curve stops. The belt's critical
 * values are marked.
 */
public final class TDistributionPlot {

    /** The size of one panel (the report shows one per grid point). */
    public static final int WIDTH = 480;
    public static final int HEIGHT = 360;

    /** The bin width in t. */
    static final double BIN_WIDTH = 0.5;

    /** The histogram range starts at 0 and reaches at least this far (past the 95.45 % Wilks value, 4). */
    private static final double MIN_RANGE = 10;
    private static final double MAX_RANGE = 30;

    private TDistributionPlot() {
    }

    /** The histogram of t_&mu; as densities: edges (bins + 1) and densities (bins), and the toys beyond the range. */
    record Histogram(double[] edges, double[] density, int overflow) {
    }

    /** Bins [0, w), [w, 2w), ... up to max(10, largest t) capped at 30; t beyond (and failed toys) are overflow. */
    static Histogram histogram(PointToys toys) {
        double largest = 0;
        for (double t : toys.t()) {
            largest = Math.max(largest, t);
        }
        double range = Math.min(MAX_RANGE, Math.max(MIN_RANGE, Math.ceil(largest / BIN_WIDTH) * BIN_WIDTH));
        int bins = (int) Math.round(range / BIN_WIDTH);
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = i * BIN_WIDTH;
        }
        double[] density = new double[bins];
        int overflow = toys.failed();
        double unit = 1.0 / (toys.total() * BIN_WIDTH);
        for (double t : toys.t()) {
            // t_mu >= 0 up to fit tolerance: a tiny negative value belongs to the first bin
            int i = (int) Math.floor(Math.max(t, 0) / BIN_WIDTH);
            if (i < bins) {
                density[i] += unit;
            } else {
                overflow++;
            }
        }
        return new Histogram(edges, density, overflow);
    }

    /**
     * The histogram as a step line: each bin is a flat segment from its lower to its upper edge (x, filled here),
     * joined to the next; an empty bin is NaN, a gap, so it is not drawn as data (on the log axis it has no value).
     */
    static double[] steps(Histogram h, double[] x) {
        int bins = h.density().length;
        double[] y = new double[2 * bins];
        for (int i = 0; i < bins; i++) {
            double d = h.density()[i] > 0 ? h.density()[i] : Double.NaN;
            x[2 * i] = h.edges()[i];
            x[2 * i + 1] = h.edges()[i + 1];
            y[2 * i] = d;
            y[2 * i + 1] = d;
        }
        return y;
    }

    /**
     * @param toys the toys of one grid point
     * @param belt the belts, for the critical values at that point (which must be a grid point of the belt)
     */
    public static XYChart chart(PointToys toys, Belt belt) {
        if (toys.total() == 0) {
            throw new IllegalArgumentException("no toys at mu = " + toys.mu() + "; expected at least one to histogram");
        }
        int m = java.util.Arrays.binarySearch(belt.muGrid(), toys.mu());
        if (m < 0) {
            throw new IllegalArgumentException("mu = " + toys.mu() + " is not a grid point of the belt");
        }
        Histogram h = histogram(toys);
        double[] e = h.edges();
        int bins = h.density().length;
        double floor = 0.5 / (toys.total() * BIN_WIDTH);
        double[] x = new double[2 * bins];
        double[] y = steps(h, x);
        double top = floor;
        for (double d : y) {
            top = Double.isNaN(d) ? top : Math.max(top, d);
        }

        ChiSquaredDistribution chi2 = new ChiSquaredDistribution(1);
        int n = 200;
        double[] cx = new double[n];
        double[] cy = new double[n];
        double first = 0.02;
        for (int i = 0; i < n; i++) {
            cx[i] = first + (e[bins] - first) * i / (n - 1);
            double f = chi2.density(cx[i]);
            cy[i] = f >= floor ? f : Double.NaN; // below the axis: not drawn
        }
        top = Math.max(top, cy[0]);

        String title = String.format(Locale.ROOT, "\u03bc = %s: t_\u03bc of %d toys", ChartStyle.trim(toys.mu()), toys.total());
        XYChart chart = ChartStyle.xy(title, "t_\u03bc", "density (per unit t)", WIDTH, HEIGHT);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(floor).setYAxisMax(top * 3);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(e[bins]);
        chart.getStyler().setXAxisDecimalPattern("0");
        String label = h.overflow() > 0 ? "toys (" + h.overflow() + " beyond " + ChartStyle.trim(e[bins]) + ")" : "toys";
        ChartStyle.line(chart, label, x, y, ChartStyle.OBSERVED, new java.awt.BasicStroke(1.6f));
        ChartStyle.line(chart, "\u03c7\u00b2\u2081", cx, cy, ChartStyle.MU_HAT, ChartStyle.DASHED);
        for (int c = 0; c < belt.cls().size(); c++) {
            double cl = belt.cls().get(c);
            double tc = belt.point(m, cl).tCrit();
            if (Double.isFinite(tc) && tc <= e[bins]) {
                ChartStyle.vertical(chart, "t_c " + ChartStyle.percent(cl), tc, floor, top * 3, ChartStyle.level(c),
                        ChartStyle.DASHED);
            }
        }
        return chart;
    }
}
