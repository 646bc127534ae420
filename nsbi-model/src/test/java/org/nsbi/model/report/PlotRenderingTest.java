package org.nsbi.model.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nsbi.model.UserError;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.interval.ConfidenceInterval;
import org.w3c.dom.Document;

/**
 * Every figure of the report, rendered from a small run made in memory: a PNG that ImageIO reads, of the size
 * asked for, with data drawn on it (coloured pixels: every chart's data series are coloured, its frame, grid and
 * text are grey or black), and an SVG that is well-formed XML with an svg root.
 */
class PlotRenderingTest {

    static Report report;

    @BeforeAll
    static void render() {
        report = Report.of(SmallRun.runData(SmallRun.coverage()));
    }

    @Test
    void theReportHasEveryFigure() {
        List<String> names = report.figures().stream().map(Figure::name).toList();
        assertEquals(List.of("belt", "critical-values", "scan-observed", "t-mu-00", "t-mu-01",
                "t-mu-02", "t-mu-03", "t-mu-04", "asimov-closure", "failed-fits", "coverage"), names);
    }

    @Test
    void everyFigureIsAValidNonBlankPngOfItsSize() throws Exception {
        for (Figure f : report.figures()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(f.png()));
            assertNotNull(image, f.name() + ": ImageIO reads the PNG");
            boolean panel = f.name().startsWith("t-mu-");
            assertEquals(panel ? TDistributionPlot.WIDTH : ChartStyle.WIDTH, image.getWidth(), f.name() + " width");
            assertEquals(panel ? TDistributionPlot.HEIGHT : ChartStyle.HEIGHT, image.getHeight(), f.name() + " height");
            assertEquals(image.getWidth(), f.width(), f.name());
            Set<Integer> colours = new HashSet<>();
            int coloured = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    colours.add(rgb);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                        coloured++;
                    }
                }
            }
            double fraction = coloured / (double) (image.getWidth() * image.getHeight());
            assertTrue(colours.size() > 30, f.name() + ": " + colours.size() + " distinct colours, expected a drawn chart");
            assertTrue(fraction > 0.002, f.name() + ": " + fraction + " of the pixels are coloured, expected data drawn");
        }
    }

    @Test
    void everySvgIsWellFormedWithAnSvgRoot() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (Figure f : report.figures()) {
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(f.svg()));
            assertEquals("svg", doc.getDocumentElement().getLocalName(), f.name());
            assertTrue(doc.getDocumentElement().getElementsByTagNameNS("*", "path").getLength() > 10,
                    f.name() + ": the SVG draws paths");
        }
    }

    @Test
    void theHistogramIsADensityOverAllToysOfThePoint() {
        // 5 converged toys and 1 failed: N = 6; 40 is beyond the 30 cap, the failed one counts as +infinity
        PointToys toys = new PointToys(1.0, new double[] {0.1, 0.2, 0.7, 3.2, 40}, 1);
        TDistributionPlot.Histogram h = TDistributionPlot.histogram(toys);
        assertEquals(61, h.edges().length, "bins of 0.5 up to the 30 cap");
        assertEquals(2 / (6 * 0.5), h.density()[0], 1e-12, "[0, 0.5) holds 2 of 6 toys");
        assertEquals(1 / (6 * 0.5), h.density()[1], 1e-12, "[0.5, 1) holds 1");
        assertEquals(1 / (6 * 0.5), h.density()[6], 1e-12, "[3, 3.5) holds 1");
        assertEquals(2, h.overflow(), "t = 40 and the failed toy");
        double integral = 0;
        for (double d : h.density()) {
            integral += d * TDistributionPlot.BIN_WIDTH;
        }
        assertEquals(4 / 6.0, integral, 1e-12, "the density integrates to the fraction of toys in range");
    }

    @Test
    void emptyHistogramBinsAreNotDrawnAsData() {
        // toys in [0, 0.5) and [3, 3.5) only: every other bin is empty and must be a gap, not a value at the floor
        PointToys toys = new PointToys(SmallRun.belt().muGrid()[0], new double[] {0.1, 0.2, 3.2}, 0);
        org.knowm.xchart.XYChart chart = TDistributionPlot.chart(toys, SmallRun.belt());
        org.knowm.xchart.XYSeries s = chart.getSeriesMap().get("toys");
        double[] x = s.getXData();
        double[] y = s.getYData();
        int drawn = 0;
        for (int i = 0; i < x.length; i++) {
            double centre = (x[i - i % 2] + x[i - i % 2 + 1]) / 2; // points 2k, 2k+1 are bin k's edges
            boolean occupied = centre < 0.5 || (centre > 3 && centre < 3.5);
            if (occupied) {
                assertTrue(y[i] > 0, "x = " + x[i] + " is in an occupied bin: " + y[i]);
                drawn++;
            } else {
                assertTrue(Double.isNaN(y[i]), "x = " + x[i] + " is in an empty bin, drawn at " + y[i]);
            }
        }
        assertTrue(drawn >= 4, "both occupied bins are drawn");
    }

    @Test
    void theBeltMarksTheObservedNeymanEndpoints() {
        Belt belt = SmallRun.belt();
        List<ConfidenceInterval> neyman = SmallRun.intervals(belt).stream().filter(i -> i.method().equals("neyman")).toList();
        assertTrue(!neyman.isEmpty());
        org.knowm.xchart.XYChart chart = BeltPlot.chart(belt, SmallRun.MU_HAT, neyman);
        for (ConfidenceInterval ci : neyman) {
            org.knowm.xchart.XYSeries s = chart.getSeriesMap().get(ChartStyle.percent(ci.cl()) + " CL interval endpoints");
            assertNotNull(s, ci.cl() + ": endpoints marked in " + chart.getSeriesMap().keySet());
            double[] ends = ci.pieces().stream().flatMapToDouble(java.util.Arrays::stream).toArray();
            assertArrayEquals(ends, s.getYData(), 0, "the endpoints in true mu");
            for (double v : s.getXData()) {
                assertEquals(SmallRun.MU_HAT, v, 0, "on the observed mu-hat line");
            }
        }
    }

    @Test
    void neymanAndWilksShareOneScanPlotWithTheLegendOutside() {
        Belt belt = SmallRun.belt();
        Scan scan = Scan.fromCsv("observed", SmallRun.MU_HAT, SmallRun.intervals(belt),
                SmallRun.scanResult(belt).scanCsv(belt), "scan.csv");
        org.knowm.xchart.XYChart chart = ScanPlot.chart(scan);
        Set<String> names = chart.getSeriesMap().keySet();
        for (ConfidenceInterval ci : scan.intervals()) {
            String key = (ci.method().equals("neyman") ? "Neyman " : "Wilks ") + ChartStyle.percent(ci.cl()) + ": "
                    + ScanPlot.pieces(ci);
            assertTrue(names.contains(key), key + " in " + names);
        }
        for (ConfidenceInterval ci : scan.intervals("wilks")) {
            double q = org.nsbi.stats.interval.IntervalInverter.wilksThreshold(ci.cl());
            org.knowm.xchart.XYSeries bar = chart.getSeriesMap().get("Wilks " + ChartStyle.percent(ci.cl()) + ": "
                    + ScanPlot.pieces(ci));
            assertArrayEquals(new double[] {ci.pieces().get(0)[0], ci.pieces().get(0)[1]}, bar.getXData(), 0, "the first piece");
            assertArrayEquals(new double[] {q, q}, bar.getYData(), 0, "on the chi2 quantile line");
        }
        assertTrue(chart.getStyler().getLegendPosition().name().startsWith("Outside"),
                "legend at " + chart.getStyler().getLegendPosition());
        assertEquals(1, report.figures().stream().filter(f -> f.name().startsWith("scan-observed")).count(),
                "one scan figure for the observed data");
    }

    @Test
    void smoothCriticalValuesAreDrawnAgainstThePerPointOnes() {
        for (org.nsbi.stats.adaptive.SmoothCriticalValues.Form form : org.nsbi.stats.adaptive.SmoothCriticalValues.Form.values()) {
            smoothCriticalValuesAreDrawnAgainstThePerPointOnes(form);
        }
    }

    private static void smoothCriticalValuesAreDrawnAgainstThePerPointOnes(
            org.nsbi.stats.adaptive.SmoothCriticalValues.Form form) {
        List<org.nsbi.stats.toys.ToyOutcome> toys = SmallRun.toys();
        org.nsbi.stats.adaptive.SmoothCriticalValues fit = org.nsbi.stats.adaptive.SmoothCriticalValues.fit(SmallRun.GRID,
                toys, SmallRun.CLS, form);
        Belt perPoint = Belt.build(SmallRun.GRID, toys, SmallRun.CLS);
        org.nsbi.model.output.CriticalValuesFit record = org.nsbi.model.output.CriticalValuesFit.of(fit, perPoint);
        org.knowm.xchart.XYChart chart = CriticalValuePlot.chart(fit.belt(SmallRun.GRID, toys, SmallRun.CLS), record);
        for (int c = 0; c < SmallRun.CLS.size(); c++) {
            double cl = SmallRun.CLS.get(c);
            String level = ChartStyle.percent(cl);
            org.knowm.xchart.XYSeries line = chart.getSeriesMap().get(level + " CL: smooth fit");
            assertEquals(fit.fits().get(c).at(1.0), line.getYData()[100], 1e-12, form + ": the fitted curve, at mu = 1 (step 100 of 200 over [0, 2])");
            org.knowm.xchart.XYSeries points = chart.getSeriesMap().get(level + " CL: per point (band: MC error)");
            double[] own = java.util.stream.IntStream.range(0, SmallRun.GRID.length)
                    .mapToDouble(m -> perPoint.point(m, cl).tCrit()).filter(Double::isFinite).toArray();
            assertArrayEquals(own, points.getYData(), 0, "each point's own order statistic");
        }
        RunData small = SmallRun.runData(null);
        Report smooth = Report.of(new RunData(small.run(), small.summary(), fit.belt(SmallRun.GRID, toys, SmallRun.CLS),
                small.toys(), List.of(), null, null, record));
        assertTrue(smooth.html().contains("Smooth critical values"), "the report says the belt is smooth");
    }

    @Test
    void aSmallRangeStillReachesTen() {
        TDistributionPlot.Histogram h = TDistributionPlot.histogram(new PointToys(0, new double[] {0.3, 1.2}, 0));
        assertEquals(10.0, h.edges()[h.edges().length - 1], "past Wilks' 95.45% value 4 with room");
        assertEquals(0, h.overflow());
    }

    @Test
    void scanCsvReadsBackWithTheBeltsCriticalValues() {
        Belt belt = SmallRun.belt();
        Scan scan = Scan.fromCsv("observed", SmallRun.MU_HAT, SmallRun.intervals(belt),
                SmallRun.scanResult(belt).scanCsv(belt), "scan.csv");
        assertArrayEquals(SmallRun.scanMu(), scan.mu(), "mu");
        assertEquals(SmallRun.CLS, scan.cls(), "the levels of the intervals, the header's columns");
        for (int i = 0; i < scan.mu().length; i++) {
            assertEquals(SmallRun.t(scan.mu()[i]), scan.tObs()[i], 1e-15, "t_obs");
            for (int c = 0; c < SmallRun.CLS.size(); c++) {
                assertEquals(belt.criticalValue(SmallRun.CLS.get(c), scan.mu()[i]), scan.tCrit()[c][i], 1e-15, "t_c");
            }
        }
    }

    @Test
    void aScanWithAnotherHeaderIsRefusedByName() {
        List<ConfidenceInterval> intervals = SmallRun.intervals(SmallRun.belt());
        UserError e = assertThrows(UserError.class,
                () -> Scan.fromCsv("observed", 0, intervals, "mu,t\n0,1\n", "run/scan.csv"));
        assertEquals("run/scan.csv: expected the header mu,t_obs,t_crit_68,t_crit_95,at_bound (the confidence levels [0.6827, 0.9545]"
                + " of its intervals), found 'mu,t'", e.getMessage());
        e = assertThrows(UserError.class,
                () -> Scan.fromCsv("observed", 0, intervals, "mu,t_obs,t_crit_0.6827,t_crit_0.9545\n0,1,2,3\n", "run/scan.csv"));
        assertTrue(e.getMessage().startsWith("run/scan.csv: expected the header mu,t_obs,t_crit_68,t_crit_95"), "dotted names"
                + " are gone: " + e.getMessage());
        e = assertThrows(UserError.class,
                () -> Scan.fromCsv("observed", 0, intervals, "mu,t_obs,t_crit_68,t_crit_95,at_bound\n0,1\n", "run/scan.csv"));
        assertEquals("run/scan.csv: line 2 has 2 fields; expected 5 as in the header", e.getMessage());
    }

    @Test
    void aNeymanFolderWithoutScanHasNoScanFiguresAndSaysWhy() {
        RunData full = SmallRun.runData(null);
        RunData neymanOnly = new RunData(full.run(), full.summary(), full.belt(), full.toys(), List.of(), null, null);
        Report r = Report.of(neymanOnly);
        assertTrue(r.figures().stream().noneMatch(f -> f.name().startsWith("scan-")), "no scan figures");
        assertTrue(r.html().contains("The run folder holds no t(\u03bc) scan (scan.csv)"), "the report says why");
        assertTrue(r.html().contains("<figure id=\"belt\">"), "the belt is still shown");
    }

    @Test
    void scanTitlesNameTheData() {
        assertEquals("Asimov data at \u03bc = 1", ScanPlot.title("asimov at mu = 1.0"));
        assertEquals("Observed data", ScanPlot.title("observed"));
    }

    @Test
    void intervalPiecesAreWrittenAsUnions() {
        var ci = new org.nsbi.stats.interval.ConfidenceInterval(0.6827, "neyman",
                List.of(new double[] {0.1, 0.5}, new double[] {1.25, 2}), true);
        assertEquals("[0.100, 0.500] \u222a [1.250, 2.000] (at the grid edge)", ScanPlot.pieces(ci));
    }
}
