package org.nsbi.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.onnx.TinyOnnx;

/**
 * Stale and foreign inputs are refused before anything is written (exit 2, the difference named): scores made with
 * other ratios, belts of another model or of other scores, a --scored that is not a score folder, an interval of
 * other belts in a report. The tiny analysis A, and B = A with process S's yield 20 instead of 10 (same scores,
 * another model).
 */
class StaleInputsTest {

    @TempDir
    static Path shared;
    static TinyAnalysis a;
    static TinyAnalysis b;
    static Path scoredA;
    static Path beltsA;
    static Path scoredB;
    static Path beltsB;

    @TempDir
    Path dir;

    @BeforeAll
    static void scoreAndNeymanTwoAnalyses() throws Exception {
        a = TinyAnalysis.in(Files.createDirectories(shared.resolve("a")));
        b = TinyAnalysis.in(Files.createDirectories(shared.resolve("b"))).configWith("yield: 10\n", "yield: 20\n");
        Files.copy(a.dir.resolve("ref.csv"), b.dir.resolve("ref.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        scoredA = shared.resolve("scored-a");
        beltsA = shared.resolve("belts-a");
        scoredB = shared.resolve("scored-b");
        beltsB = shared.resolve("belts-b");
        ok(TinyAnalysis.run("score", "--config", a.config().toString(), "--out", scoredA.toString()));
        ok(TinyAnalysis.run("neyman", "--config", a.config().toString(), "--scored", scoredA.toString(), "--out", beltsA.toString()));
        ok(TinyAnalysis.run("score", "--config", b.config().toString(), "--out", scoredB.toString()));
        ok(TinyAnalysis.run("neyman", "--config", b.config().toString(), "--scored", scoredB.toString(), "--out", beltsB.toString()));
    }

    private static TinyAnalysis.Run ok(TinyAnalysis.Run r) {
        assertEquals(0, r.code(), r.err());
        return r;
    }

    private static TinyAnalysis.Run interval(TinyAnalysis x, Path scored, Path belts) {
        return TinyAnalysis.run("interval", "--config", x.config().toString(), "--scored", scored.toString(),
                "--run", belts.toString(), "--scan-steps", "10", "--out", x.out().toString());
    }

    @Test
    void scoresMadeWithAnotherNetworkAreRefusedByNeyman() throws Exception {
        TinyAnalysis c = TinyAnalysis.in(dir);
        TinyAnalysis.Run scored = TinyAnalysis.run("score", "--config", c.config().toString(), "--out",
                dir.resolve("scored").toString());
        ok(scored);
        // the network is trained again (another file under the same name): the scores are stale
        c.write("one.onnx", TinyOnnx.linear(new double[] {0.5, 0}, 1, TinyOnnx.FLOAT));
        TinyAnalysis.Run r = c.neyman(dir.resolve("scored"));
        c.assertRefused(r, "neyman", "the scored input " + dir.resolve("scored") + " was made from another analysis: its ratio B is onnx sha256 ",
                "where the config " + c.config() + " has onnx sha256 ", "make the scored input again with this config");
        // the corrected rerun (scores made again) is not blocked by anything the refused run left
        ok(TinyAnalysis.run("score", "--config", c.config().toString(), "--out", dir.resolve("scored").toString(), "--overwrite"));
        ok(c.neyman(dir.resolve("scored")));
    }

    @Test
    void aScoredThatIsNotAScoreFolderIsRefusedAndItsInnerScoredIsAccepted() throws Exception {
        TinyAnalysis c = TinyAnalysis.in(dir);
        Files.copy(a.dir.resolve("ref.csv"), c.dir.resolve("ref.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        c.assertRefused(c.neyman(beltsA), "neyman", "--scored " + beltsA + " is not the output of 'nsbi score' (no scored.json in it)");
        c.assertRefused(interval(c, beltsA, beltsA), "interval", "--scored " + beltsA + " is not the output of 'nsbi score'");
        ok(interval(c, scoredA.resolve("scored"), beltsA));
    }

    @Test
    void beltsOfAnotherModelAreRefusedByInterval() throws Exception {
        TinyAnalysis c = TinyAnalysis.in(dir);
        Files.copy(a.dir.resolve("ref.csv"), c.dir.resolve("ref.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        c.assertRefused(interval(c, scoredA, beltsB), "interval", "the belts input " + beltsB
                + " was made from another model: its process S is yield 20.0, coefficient mu where the config " + c.config()
                + " has yield 10.0, coefficient mu");
    }

    @Test
    void beltsOfOtherScoresAreRefusedByInterval() throws Exception {
        TinyAnalysis c = TinyAnalysis.in(dir);
        Files.copy(a.dir.resolve("ref.csv"), c.dir.resolve("ref.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path again = dir.resolve("scored-again");
        ok(TinyAnalysis.run("score", "--config", c.config().toString(), "--out", again.toString()));
        c.assertRefused(interval(c, again, beltsA), "interval", "the belts " + beltsA + " were not built from the scores "
                + again + " but from other scores");
    }

    @Test
    void aReportRefusesTheIntervalOfOtherBelts() throws Exception {
        Path intervalB = dir.resolve("interval-b");
        ok(TinyAnalysis.run("interval", "--config", b.config().toString(), "--scored", scoredB.toString(),
                "--run", beltsB.toString(), "--scan-steps", "10", "--out", intervalB.toString()));
        TinyAnalysis.Run r = TinyAnalysis.run("report", "--run", beltsA.toString(), "--interval", intervalB.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(true, r.err().contains("the interval " + intervalB + " was not inverted from the belts of " + beltsA), r.err());
        assertTrue(r.err().contains("; pass an interval made with --run " + beltsA), "one vocabulary: --run, not --belts: " + r.err());
        assertFalse(Files.exists(beltsA.resolve("report")), "no report written");
        assertEquals(List.of(), Files.list(shared).filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                "no staging folder");
    }

    @Test
    void serveRefusesARunWhoseScoresWereMadeAgainAfterIt() throws Exception {
        TinyAnalysis c = TinyAnalysis.in(dir);
        Path results = dir.resolve("results");
        ok(TinyAnalysis.run("score", "--config", c.config().toString(), "--out", results.resolve("scored").toString()));
        ok(TinyAnalysis.run("neyman", "--config", c.config().toString(), "--scored", results.resolve("scored").toString(),
                "--out", results.resolve("neyman").toString()));
        org.nsbi.spark.serve.ResultTables.register(org.nsbi.spark.SharedSpark.session(), results.toString());
        ok(TinyAnalysis.run("score", "--config", c.config().toString(), "--out", results.resolve("scored").toString(),
                "--overwrite"));
        org.nsbi.model.UserError e = org.junit.jupiter.api.Assertions.assertThrows(org.nsbi.model.UserError.class,
                () -> org.nsbi.spark.serve.ResultTables.register(org.nsbi.spark.SharedSpark.session(), results.toString()));
        assertEquals(true, e.getMessage().startsWith(results.resolve("neyman") + " was made from the scored input "
                + results.resolve("scored") + " as it was before: it has been made again since"), e.getMessage());
    }

    /** coverage refuses a run made from another model than its --config's, before any experiment, writing nothing. */
    @Test
    void coverageRefusesTheRunOfAnotherModel() {
        TinyAnalysis c = TinyAnalysis.in(dir);
        c.assertRefused(TinyAnalysis.run("coverage", "--run", beltsB.toString(), "--config", a.config().toString(),
                "--experiments-from", "bootstrap", "--out", c.out().toString()), "coverage",
                "the run input " + beltsB + " was made from another model: its process S is yield 20.0",
                "make the run input again with this config, or pass the config it was made with");
    }
}
