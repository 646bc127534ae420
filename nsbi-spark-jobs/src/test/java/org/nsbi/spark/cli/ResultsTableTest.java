package org.nsbi.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nsbi.model.output.StageTime;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.output.IntervalResult;
import org.nsbi.model.output.IntervalSummary;
import org.nsbi.model.output.Json;
import org.nsbi.stats.interval.ConfidenceInterval;

/**
 * The results on the terminal: {@code nsbi interval} ends with a table of mu-hat, the named alpha-hat and the
 * Neyman and Wilks intervals at each level, which must say what summary.json says, and with the warnings a
 * physicist needs (an interval at the end of the scan, an Asimov mu outside the grid, too few toys for a level).
 * The tiny analysis (ratio 1 everywhere: only the event count measures mu, 10 mu + 100 events expected) with
 * the grid [0, 1, 2] and 4 toys per point.
 */
class ResultsTableTest {

    @TempDir
    static Path dir;
    static TinyAnalysis analysis;
    static Path scored;
    static Path belts;

    @BeforeAll
    static void neymanOnce() {
        analysis = TinyAnalysis.in(dir);
        scored = dir.resolve("scored");
        belts = dir.resolve("belts");
        TinyAnalysis.Run s = TinyAnalysis.run("score", "--config", analysis.config().toString(), "--out", scored.toString());
        assertEquals(0, s.code(), s.err());
        TinyAnalysis.Run n = TinyAnalysis.run("neyman", "--config", analysis.config().toString(), "--scored",
                scored.toString(), "--out", belts.toString());
        assertEquals(0, n.code(), n.err());
    }

    private static TinyAnalysis.Run interval(String out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("interval", "--config", analysis.config().toString(),
                "--scored", scored.toString(), "--run", belts.toString(), "--scan-steps", "20",
                "--out", dir.resolve(out).toString()));
        args.addAll(List.of(more));
        TinyAnalysis.Run r = TinyAnalysis.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return r;
    }

    private static IntervalResult summary(String out) throws Exception {
        Path f = dir.resolve(out).resolve("summary.json");
        return Json.read(Files.readString(f), IntervalSummary.class, f.toString()).interval();
    }

    @Test
    void theTableOfIntervalSaysWhatSummaryJsonSays() throws Exception {
        TinyAnalysis.Run r = interval("observed");
        IntervalResult s = summary("observed");
        List<String> lines = r.out().lines().toList();
        assertEquals(String.format(Locale.ROOT, "Observed data:  \u03bc\u0302 = %.4f", s.muHat()), lines.get(0), r.out());
        assertEquals("  \u03b1\u0302 \u00b1 \u03c3 (pulls): none (no nuisance parameters)", lines.get(1), r.out());
        assertTrue(lines.get(2).matches("  CL +Neyman +Wilks"), lines.get(2));
        List<ConfidenceInterval> intervals = s.intervals();
        assertEquals(2, intervals.size(), "neyman and wilks at the one level");
        String row = lines.get(3);
        assertTrue(row.startsWith("  68.27%"), row);
        int wilksAt = -1;
        for (ConfidenceInterval i : intervals) {
            String text = pieces(i);
            int at = row.indexOf(text);
            assertTrue(at > 0, i.method() + " " + text + " in the row: " + row);
            if ("wilks".equals(i.method())) {
                wilksAt = at;
            } else {
                assertTrue(wilksAt < 0 || at < wilksAt, "Neyman first: " + row);
            }
        }
        List<String> warnings = lines.stream().filter(l -> l.startsWith("warning: ")).toList();
        assertEquals(s.warnings(), warnings.stream().map(w -> w.substring("warning: ".length())).toList(),
                "the warnings printed are the ones recorded");
        assertTrue(warnings.contains("warning: at CL 68.27%, 3 of 3 grid points (mu = 0, 1, 2) have N(1-CL) < 10 (N = 4 toys):"
                + " their critical values rest on fewer than 10 toys beyond them; raise neyman.toys_per_point to at least 32"),
                r.out());
    }

    @Test
    void anAsimovMuBeyondTheGridIsWarnedAboutAndItsIntervalIsFlaggedAtTheEdge() throws Exception {
        TinyAnalysis.Run r = interval("asimov-3", "--asimov", "3");
        IntervalResult s = summary("asimov-3");
        assertEquals(3.0, s.muHat(), 1e-3, "the Asimov fit returns the injected mu");
        assertTrue(r.out().startsWith(String.format(Locale.ROOT, "Asimov data at mu = 3.0:  \u03bc\u0302 = %.4f",
                s.muHat())), r.out());
        assertTrue(r.out().contains("warning: --asimov 3 lies outside the grid [0, 2]: the intervals cannot contain it;"
                + " extend neyman.mu_grid"), r.out());
        for (ConfidenceInterval i : s.intervals()) {
            assertEquals(true, i.atGridEdge(), "an interval towards mu = 3 runs into the scan's end at 2: " + i);
            assertTrue(r.out().contains("warning: the " + i.method() + " 68.27% interval "), r.out());
            if (i.empty()) {
                assertTrue(r.out().contains("empty (no scanned \u03bc accepted) (at the grid edge)"), r.out());
            }
        }
        assertTrue(r.out().contains("extend neyman.mu_grid"), r.out());
    }

    @Test
    void intervalNeedsOnlyTheRunItsConfigAndScoresComeFromTheRunsSummary() throws Exception {
        TinyAnalysis.Run r = TinyAnalysis.run("interval", "--run", belts.toString(), "--scan-steps", "20",
                "--out", dir.resolve("from-run").toString());
        assertEquals(0, r.code(), r.err());
        Path f = dir.resolve("from-run").resolve("summary.json");
        IntervalSummary s = Json.read(Files.readString(f), IntervalSummary.class, f.toString());
        assertEquals(analysis.config().toString(), s.run().config());
        assertEquals(scored.toString(), s.scored());
        interval("explicit");
        assertEquals(text(summary("explicit").intervals()), text(s.interval().intervals()),
                "the same intervals as with --config and --scored given");
    }

    /**
     * {@code run} (one chain of actions, one folder) gives what score, neyman and interval give apart: the same toys
     * (keyed streams), so the same belt and intervals; and it prints the observed and Asimov tables and writes the report.
     */
    @Test
    void theRunChainGivesWhatTheCommandsGiveApart() throws Exception {
        Path chain = dir.resolve("chain");
        TinyAnalysis.Run r = TinyAnalysis.run("run", "--config", analysis.config().toString(), "--scan-steps", "20",
                "--out", chain.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("nsbi run: wrote " + chain), r.err());
        Path f = chain.resolve("summary.json");
        org.nsbi.model.output.RunSummary s = Json.read(Files.readString(f), org.nsbi.model.output.RunSummary.class, f.toString());
        assertEquals(Files.readString(belts.resolve("belts.csv")), Files.readString(chain.resolve("belts.csv")),
                "the same belt as neyman's");
        interval("apart");
        interval("apart-asimov", "--asimov", "1");
        assertEquals(text(summary("apart").intervals()), text(s.observed().intervals()), "observed");
        assertEquals(text(summary("apart-asimov").intervals()), text(s.asimov().intervals()), "Asimov at mu = 1");
        assertEquals(12L, s.neyman().toys());
        assertTrue(r.out().contains("Observed data:  \u03bc\u0302 = ") && r.out().contains("Asimov data at mu = 1.0:"), r.out());
        assertTrue(Files.isRegularFile(chain.resolve("report").resolve("report.html")), "the report");
        // every stage timed once, in the order it ran, the report (written after the summary) included
        assertEquals(List.of(StageTime.Stage.SCORE, StageTime.Stage.LOAD, StageTime.Stage.NEYMAN_SETUP, StageTime.Stage.TOYS,
                StageTime.Stage.TOYS_TABLE, StageTime.Stage.BELTS, StageTime.Stage.OBSERVED_INTERVAL,
                StageTime.Stage.ASIMOV_INTERVAL, StageTime.Stage.REPORT), s.stageSeconds().stream().map(StageTime::stage).toList());
        double beforeReport = s.stageSeconds().stream().filter(t -> t.stage() != StageTime.Stage.REPORT)
                .mapToDouble(StageTime::seconds).sum();
        assertTrue(s.stageSeconds().stream().allMatch(t -> t.seconds() >= 0) && beforeReport <= s.seconds(),
                s.stageSeconds() + " within " + s.seconds() + " s");
        assertTrue(beforeReport > 0.5 * s.seconds(), "the stages cover most of the command: " + beforeReport + " of " + s.seconds());
    }

    /**
     * {@code run --extend} on the command line: a finished run of 4 toys per point, asked again into the same folder for
     * 12, computes only the 8 new toys per point and ends with what a run of 12 from the start gives, bit for bit (toys,
     * belt, intervals).
     */
    @Test
    void runExtendedFrom4To12ToysPerPointEqualsARunOf12FromTheStart() throws Exception {
        Path extended = dir.resolve("extended");
        Path fresh = dir.resolve("fresh12");
        String config = analysis.config().toString();
        TinyAnalysis.Run first = TinyAnalysis.run("run", "--config", config, "--scan-steps", "20", "--toys", "4",
                "--out", extended.toString());
        assertEquals(0, first.code(), first.err());
        TinyAnalysis.Run more = TinyAnalysis.run("run", "--config", config, "--scan-steps", "20", "--toys", "12",
                "--extend", "--out", extended.toString());
        assertEquals(0, more.code(), more.err());
        TinyAnalysis.Run once = TinyAnalysis.run("run", "--config", config, "--scan-steps", "20", "--toys", "12",
                "--out", fresh.toString());
        assertEquals(0, once.code(), once.err());
        org.nsbi.model.output.RunSummary e = runSummary(extended);
        org.nsbi.model.output.RunSummary f = runSummary(fresh);
        assertEquals(36L, e.neyman().toys());
        assertEquals(24L, e.neyman().toysComputed(), "only the 8 new toys of each of the 3 points");
        assertEquals(36L, f.neyman().toysComputed());
        assertEquals(toyRows(fresh), toyRows(extended), "the same toys, bit for bit");
        assertEquals(Files.readString(fresh.resolve("belts.csv")), Files.readString(extended.resolve("belts.csv")));
        assertEquals(text(f.observed().intervals()), text(e.observed().intervals()), "observed");
        assertEquals(text(f.asimov().intervals()), text(e.asimov().intervals()), "Asimov");
        assertTrue(Files.isRegularFile(extended.resolve("report").resolve("report.html")), "the report of the extended run");
    }

    private static org.nsbi.model.output.RunSummary runSummary(Path run) throws Exception {
        Path f = run.resolve("summary.json");
        return Json.read(Files.readString(f), org.nsbi.model.output.RunSummary.class, f.toString());
    }

    private static List<org.apache.spark.sql.Row> toyRows(Path run) {
        return org.nsbi.spark.SharedSpark.session().read().parquet(run.resolve("toys").toString())
                .orderBy("mu_index", "toy").collectAsList();
    }

    @Test
    void theLowerEndAtMuZeroIsThePhysicalBoundNotTheGridEdge() throws Exception {
        interval("asimov-0", "--asimov", "0");
        for (ConfidenceInterval i : summary("asimov-0").intervals()) {
            assertEquals(0.0, i.pieces().get(0)[0], 0.0, "the interval reaches mu = 0: " + i);
            assertEquals(true, i.atPoiBound(), i.toString());
            assertEquals(false, i.atGridEdge(), "mu = 0 is the poi's bound, not the end of a scan that could go on: " + i);
        }
    }

    private static List<String> text(List<ConfidenceInterval> intervals) {
        return intervals.stream().map(i -> i.method() + " " + i.cl() + " " + pieces(i) + " " + i.atGridEdge()).toList();
    }

    private static String pieces(ConfidenceInterval interval) {
        StringBuilder sb = new StringBuilder();
        for (double[] p : interval.pieces()) {
            sb.append(sb.length() > 0 ? " \u222a " : "").append(String.format(Locale.ROOT, "[%.3f, %.3f]", p[0], p[1]));
        }
        return sb.length() == 0 ? "empty" : sb.toString();
    }

    /**
     * The pulls on the terminal are the summary's alpha_hat +- alpha_hat_error. The tiny analysis with a 10 % yield
     * systematic on B and B's yield 80: a pure count (every ratio 1) of 100 events, so mu-hat = 2 lies inside its range
     * and mu and alpha move only nu; the data then cannot tell them apart, and the inverse Hessian gives alpha exactly its
     * prior width: sigma = 1 (H = [[a^2, ab], [ab, b^2 + 1]], (H^-1)_alpha,alpha = 1).
     */
    @Test
    void thePullsOnTheTerminalAreAlphaHatAndItsErrorFromTheSummary() throws Exception {
        TinyAnalysis syst = TinyAnalysis.in(Files.createDirectories(dir.resolve("syst"))).configWith("yield: 100", "yield: 80");
        String yaml = Files.readString(syst.config()).replace("poi:", """
                systematics:
                  - name: b_norm
                    effects:
                      - process: B
                        yield: {up: 1.1, down: 0.9}
                observed_aux: nominal
                poi:""");
        syst.config(yaml);
        Path sScored = dir.resolve("syst-scored");
        Path sBelts = dir.resolve("syst-belts");
        Path sOut = dir.resolve("syst-interval");
        assertEquals(0, TinyAnalysis.run("score", "--config", syst.config().toString(), "--out", sScored.toString()).code());
        assertEquals(0, TinyAnalysis.run("neyman", "--config", syst.config().toString(), "--scored", sScored.toString(),
                "--out", sBelts.toString()).code());
        TinyAnalysis.Run r = TinyAnalysis.run("interval", "--run", sBelts.toString(), "--scan-steps", "10", "--out",
                sOut.toString());
        assertEquals(0, r.code(), r.err());
        IntervalResult s = Json.read(Files.readString(sOut.resolve("summary.json")), IntervalSummary.class, "summary.json")
                .interval();
        assertEquals(2.0, s.muHat(), 1e-4, "100 events = 10 mu + 80");
        assertEquals(1.0, s.alphaHatError().get("b_norm"), 1e-6, "a count cannot tell mu from the B yield: sigma = prior");
        assertEquals(String.format(Locale.ROOT, "  \u03b1\u0302 \u00b1 \u03c3 (pulls): b_norm = %+.3f \u00b1 %.3f",
                s.alphaHat().get("b_norm"), s.alphaHatError().get("b_norm")), r.out().lines().toList().get(1), r.out());
    }
}
