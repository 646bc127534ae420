package org.nsbi.spark.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.report.ScanPlot;
import org.nsbi.model.report.SmallRun;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.cli.NsbiCommand;
import org.nsbi.stats.interval.ConfidenceInterval;
import picocli.CommandLine;

/**
 * {@code nsbi report} on a small run folder written as demo writes one (toys/ as Parquet, on the shared local[2]
 * session): report/ holds every figure as PNG and SVG and a report.html that inlines each PNG byte for byte and
 * lists the intervals; an existing report is refused unless --overwrite; a coverage folder adds the coverage plot.
 */
class ReportCommandTest {

    @TempDir
    static Path dir;
    static Path run;

    @BeforeAll
    static void writeRun() throws Exception {
        run = dir.resolve("run");
        SmallRunFolder.write(SharedSpark.session(), run);
    }

    private static int nsbi(ByteArrayOutputStream err, String... args) {
        CommandLine cl = NsbiCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void theReportShowsEveryFigureAndTheIntervals() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, nsbi(err, "report", "--run", run.toString(), "--master", "local[2]"), err.toString());
        Path report = run.resolve("report");
        String html = Files.readString(report.resolve("report.html"));
        List<String> pngs;
        try (Stream<Path> files = Files.list(report)) {
            pngs = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        }
        assertEquals(10, pngs.size(), "belt, critical values, 1 scan (Neyman and Wilks), 5 t_mu panels, closure, failed fits: " + pngs);
        Matcher inlined = Pattern.compile("<figure id=\"([^\"]+)\"><img src=\"data:image/png;base64,([^\"]+)\"").matcher(html);
        int figures = 0;
        while (inlined.find()) {
            figures++;
            String name = inlined.group(1);
            assertArrayEquals(Files.readAllBytes(report.resolve(name + ".png")), Base64.getDecoder().decode(inlined.group(2)),
                    name + ": the inlined PNG is the file");
            assertTrue(Files.size(report.resolve(name + ".svg")) > 1000, name + ".svg");
        }
        assertEquals(pngs.size(), figures, "every PNG is inlined in report.html");
        for (ConfidenceInterval ci : SmallRun.intervals(SmallRun.belt())) {
            assertTrue(html.contains(ScanPlot.pieces(ci).replace(" (at the grid edge)", "")), ci.method() + " " + ci.cl() + " in " + html);
        }
        assertTrue(html.contains("<th>neyman.toy_seconds</th><td>2.25</td>"), "the timings");
        assertTrue(html.contains("<th>score.reference_events</th><td>1000</td>"), "the settings, nested ones flattened");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("src=\"http"), "nothing loaded from elsewhere");

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(2, nsbi(again, "report", "--run", run.toString(), "--master", "local[2]"), again.toString());
        assertTrue(again.toString().contains("already has a report (" + run.resolve("report")), again.toString());
        assertEquals(html, Files.readString(report.resolve("report.html")), "the first report is untouched");

        Path coverage = dir.resolve("coverage");
        Files.createDirectories(coverage);
        Files.writeString(coverage.resolve("coverage.json"), SmallRun.coverageJson());
        ByteArrayOutputStream third = new ByteArrayOutputStream();
        assertEquals(0, nsbi(third, "report", "--run", run.toString(), "--coverage", coverage.toString(), "--overwrite",
                "--master", "local[2]"), third.toString());
        String withCoverage = Files.readString(report.resolve("report.html"));
        assertTrue(withCoverage.contains("<figure id=\"coverage\">"), "the coverage plot");
        assertTrue(withCoverage.contains("0.7000 &plusmn; 0.0653"),
                "the coverage table: 70 of 100 with the belt's noise, sqrt(0.7 0.3/100 + 0.6827 0.3173/100)");
        assertTrue(withCoverage.contains("1.0000 &plusmn; 0.0277"),
                "100 of 100: 1 - the Clopper-Pearson 68.27% lower end 0.98176, with the belt's noise 0.02084 in quadrature");
        assertTrue(Files.exists(report.resolve("coverage.png")));
        try (Stream<Path> left = Files.list(run)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().contains("staging")), "no staging folder left");
        }
    }

    @Test
    void aFolderWithoutToysIsRefusedWithExitCode2() throws Exception {
        Path partial = dir.resolve("partial");
        Files.createDirectories(partial);
        Files.copy(run.resolve("summary.json"), partial.resolve("summary.json"));
        Files.copy(run.resolve("belts.csv"), partial.resolve("belts.csv"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, nsbi(err, "report", "--run", partial.toString(), "--master", "local[2]"), err.toString());
        assertTrue(err.toString().contains("no folder " + partial.resolve("toys")
                + "; expected the toys (Parquet) of a demo or neyman run"), err.toString());
        assertFalse(Files.exists(partial.resolve("report")), "no report");
    }

    @Test
    void outPutsTheReportElsewhere() throws Exception {
        Path elsewhere = dir.resolve("reports").resolve("small");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, nsbi(err, "report", "--run", run.toString(), "--out", elsewhere.toString(), "--master", "local[2]"),
                err.toString());
        assertTrue(Files.isRegularFile(elsewhere.resolve("report.html")), err.toString());
        assertTrue(Files.isRegularFile(elsewhere.resolve(org.nsbi.spark.io.OutputFolder.MARKER)), "an nsbi output");
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(2, nsbi(again, "report", "--run", run.toString(), "--out", elsewhere.toString(), "--master", "local[2]"),
                again.toString());
        assertTrue(again.toString().contains("holds an earlier nsbi output"), again.toString());
    }

    /**
     * run writes its report from the run's own staging folder, before it is moved into place: the report names the run
     * folder where the user will find it, never a file: URI or the hidden staging folder (it did both).
     */
    @Test
    void aReportOfAnOpenRunFolderNamesItsFinalPlace() throws Exception {
        String target = dir.resolve("run-in-progress").toString();
        org.nsbi.spark.io.OutputFolder out = org.nsbi.spark.io.OutputFolder.create(target,
                org.nsbi.spark.io.OutputFolder.ExistingPolicy.REFUSE, SharedSpark.session().sparkContext().hadoopConfiguration());
        try {
            SmallRunFolder.write(SharedSpark.session(), Path.of(new org.apache.hadoop.fs.Path(out.stagingRoot()).toUri().getPath()));
            org.nsbi.model.report.Report report = org.nsbi.model.report.Report.of(RunReader.read(SharedSpark.session(), out.stagingRoot(), List.of(), null));
            assertTrue(report.html().contains("<title>nsbi report: " + target + "</title>"), report.html());
            assertTrue(report.html().contains("Run folder: <code>" + target + "</code>"), report.html());
            assertFalse(report.html().contains("staging"), "no staging folder name");
            assertFalse(report.html().contains("file:"), "no file: URI");
        } finally {
            out.abandon();
        }
    }
}
