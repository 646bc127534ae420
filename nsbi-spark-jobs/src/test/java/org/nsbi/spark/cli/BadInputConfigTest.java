package org.nsbi.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.onnx.TinyOnnx;

/**
 * Bad input met while the config is read (before any work, before the output folder is touched), through
 * {@code nsbi score}: each is refused with exit code 2 and a message naming the file, the key and what was
 * expected, and nothing is written. {@link #theTinyAnalysisAsWrittenIsScored} is the control: the same
 * analysis unspoilt goes through.
 */
class BadInputConfigTest {

    @TempDir
    Path dir;

    @Test
    void theTinyAnalysisAsWrittenIsScored() throws Exception {
        TinyAnalysis a = TinyAnalysis.in(dir);
        TinyAnalysis.Run r = a.score();
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("out"), TinyAnalysis.entries(a.runs));
        assertEquals(true, Files.isRegularFile(a.out().resolve("scored.json")));
    }

    @Test
    void malformedYaml() {
        TinyAnalysis a = TinyAnalysis.in(dir).configWith("features: [x1, x2]", "features: [x1, x2");
        a.assertRefused(a.score(), "score", a.config().toString(), "line ", "not valid YAML");
    }

    @Test
    void unknownKey() {
        TinyAnalysis a = TinyAnalysis.in(dir).configWith("toys_per_point: 4", "toys_per_point: 4\n  toys_per_pont: 4");
        a.assertRefused(a.score(), "score", a.config() + ": neyman.toys_per_pont: unknown key; expected one of mu_grid, "
                + "toys_per_point, confidence_levels, seed, nuisance_truth");
    }

    @Test
    void missingKey() {
        TinyAnalysis a = TinyAnalysis.in(dir).configWith("poi: {name: mu, min: 0, max: 5}\n", "");
        a.assertRefused(a.score(), "score", a.config() + ": poi: expected a mapping with keys name, min, max, found nothing");
    }

    @Test
    void missingOnnxFile() {
        TinyAnalysis a = TinyAnalysis.in(dir).configWith("yield: 10\n    coefficient: \"mu\"\n    ratio: {onnx: one.onnx",
                "yield: 10\n    coefficient: \"mu\"\n    ratio: {onnx: absent.onnx");
        a.assertRefused(a.score(), "score", a.config() + ": processes[0].ratio.onnx: ", "absent.onnx",
                "expected an existing ONNX file");
    }

    @Test
    void unreadableOnnxFile() throws Exception {
        TinyAnalysis a = TinyAnalysis.in(dir);
        Files.createDirectory(dir.resolve("folder.onnx")); // exists, but cannot be read as a file (the tests run as root)
        assertRefusedAsB(a, "folder.onnx", "expected a readable ONNX file, found: " + dir.resolve("folder.onnx")
                + " (Is a directory)");
    }

    @Test
    void aFileThatIsNotOnnx() {
        TinyAnalysis a = TinyAnalysis.in(dir);
        a.write("notes.onnx", "these are notes, not a network\n");
        assertRefusedAsB(a, "notes.onnx", "expected an ONNX network for the 2 features [x1, x2], found: "
                + dir.resolve("notes.onnx") + ": not a loadable ONNX model (31 bytes, sha256 ");
    }

    @Test
    void anOnnxModelOfTheWrongInputWidth() {
        TinyAnalysis a = TinyAnalysis.in(dir);
        a.write("three.onnx", TinyOnnx.linear(new double[] {0, 0, 0}, 1, TinyOnnx.FLOAT));
        assertRefusedAsB(a, "three.onnx", "expected an ONNX network for the 2 features [x1, x2], found: "
                + dir.resolve("three.onnx") + ": input 'x' has shape [N, 3]; expected [N, 2]");
    }

    @Test
    void anOnnxModelWithTwoOutputs() {
        TinyAnalysis a = TinyAnalysis.in(dir);
        a.write("two.onnx", TinyOnnx.linear(new double[] {0, 0}, 1, TinyOnnx.FLOAT, 2));
        assertRefusedAsB(a, "two.onnx", "expected an ONNX network for the 2 features [x1, x2], found: "
                + dir.resolve("two.onnx") + ": the model has 2 outputs [score, score1]; expected exactly one");
    }

    /** Process B's network replaced by {@code file}: refused at processes[1].ratio.onnx with {@code expected}. */
    private static void assertRefusedAsB(TinyAnalysis a, String file, String expected) {
        a.configWith("coefficient: \"1\"\n    ratio: {onnx: one.onnx", "coefficient: \"1\"\n    ratio: {onnx: " + file);
        a.assertRefused(a.score(), "score", a.config() + ": processes[1].ratio.onnx: " + expected);
    }

    @Test
    void aCoefficientThatDoesNotParse() {
        TinyAnalysis a = TinyAnalysis.in(dir).configWith("coefficient: \"mu\"", "coefficient: \"mu * (2 +\"");
        a.assertRefused(a.score(), "score", a.config() + ": processes[0].coefficient: ", "mu * (2 +", "at character");
    }

    @Test
    void anOutputFolderHoldingAnotherRunIsKept() throws Exception {
        TinyAnalysis a = TinyAnalysis.in(dir);
        assertEquals(0, a.score().code());
        String before = Files.readString(a.out().resolve("scored.json"));
        TinyAnalysis.Run r = a.score();
        assertEquals(2, r.code(), r.err());
        for (String e : List.of("nsbi score: error: output folder ", a.out().toString(), "holds an earlier nsbi output",
                "--overwrite")) {
            org.junit.jupiter.api.Assertions.assertTrue(r.err().contains(e), e + " in\n" + r.err());
        }
        assertEquals(List.of("out"), TinyAnalysis.entries(a.runs), "no staging folder beside it");
        assertEquals(before, Files.readString(a.out().resolve("scored.json")), "the earlier run is untouched");
    }

    @Test
    void withOverwriteTheEarlierRunIsReplaced() throws Exception {
        TinyAnalysis a = TinyAnalysis.in(dir);
        assertEquals(0, a.score().code());
        Files.writeString(a.out().resolve("earlier.json"), "{}");
        TinyAnalysis.Run r = TinyAnalysis.run("score", "--config", a.config().toString(), "--out", a.out().toString(),
                "--overwrite");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("out"), TinyAnalysis.entries(a.runs), "no staging folder beside it");
        assertEquals(false, Files.exists(a.out().resolve("earlier.json")), "the earlier run is gone");
        assertEquals(true, Files.isRegularFile(a.out().resolve("scored.json")), "the new run is in its place");
    }

    @Test
    void overwriteOnAFolderOfTheUsersOwnFilesIsRefusedAndEveryFileSurvives() throws Exception {
        TinyAnalysis a = TinyAnalysis.in(dir);
        Files.createDirectories(a.out().resolve("plots").resolve("2025"));
        Files.writeString(a.out().resolve("notes.txt"), "my notes");
        Files.writeString(a.out().resolve("plots").resolve("2025").resolve("fit.png"), "png");
        TinyAnalysis.Run r = TinyAnalysis.run("score", "--config", a.config().toString(), "--out", a.out().toString(),
                "--overwrite");
        assertEquals(2, r.code(), r.err());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("nsbi score: error: output folder " + a.out()
                + " exists and is not an nsbi output: it holds 1 file and 1 folder: notes.txt, plots/ and no nsbi-output.json"
                + " marker. nsbi replaces only folders it wrote itself, even with --overwrite"), r.err());
        assertEquals(List.of("out"), TinyAnalysis.entries(a.runs), "no staging folder beside it");
        assertEquals(List.of("notes.txt", "plots"), TinyAnalysis.entries(a.out()));
        assertEquals("my notes", Files.readString(a.out().resolve("notes.txt")));
        assertEquals("png", Files.readString(a.out().resolve("plots").resolve("2025").resolve("fit.png")));
    }

    @Test
    void aMisspeltRequiredOptionIsReportedAsUnknownWithSuggestions() {
        TinyAnalysis a = TinyAnalysis.in(dir);
        TinyAnalysis.Run r = TinyAnalysis.run("score", "--confg", a.config().toString(), "--out", a.out().toString());
        assertEquals(2, r.code(), r.err());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("Unknown option: '--confg'"), r.err());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().matches("(?s).*Possible solutions: [^\n]*--config.*"), r.err());
    }
}
