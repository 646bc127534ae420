package org.nsbi.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input met by {@code nsbi neyman}, from a scored folder of the tiny analysis: a &mu; grid outside the
 * allowed range and a grid point where no event can be expected (total Asimov weight zero). Each is refused
 * with exit code 2 naming the file, the grid point and what was expected, and nothing is written.
 */
class BadInputNeymanTest {

    @TempDir
    static Path shared;
    static Path scored;

    @TempDir
    Path dir;

    @BeforeAll
    static void scoreOnce() {
        TinyAnalysis a = TinyAnalysis.in(shared);
        TinyAnalysis.Run r = a.score();
        assertEquals(0, r.code(), r.err());
        scored = a.out();
    }

    private TinyAnalysis analysis() throws Exception {
        TinyAnalysis a = TinyAnalysis.in(dir);
        Files.copy(shared.resolve("ref.csv"), dir.resolve("ref.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return a;
    }

    @Test
    void theTinyAnalysisAsWrittenRunsItsNeymanConstruction() throws Exception {
        TinyAnalysis a = analysis();
        TinyAnalysis.Run r = a.neyman(scored);
        assertEquals(0, r.code(), r.err());
        assertEquals(true, Files.isRegularFile(a.out().resolve("belts.csv")));
    }

    @Test
    void aMuGridOutsideThePoiRange() throws Exception {
        TinyAnalysis a = analysis().configWith("mu_grid: [0, 1, 2]", "mu_grid: [0, 1, 7]");
        a.assertRefused(a.neyman(scored), "neyman", a.config() + ": neyman.mu_grid: ",
                "expected values inside the poi range [0.0, 5.0]");
    }

    @Test
    void aGridPointWhereNoEventIsExpected() throws Exception {
        // S: 10 mu, B: 100 mu: at mu = 0 every process's yield times coefficient is 0, so is the total Asimov weight
        TinyAnalysis a = analysis().configWith("coefficient: \"1\"", "coefficient: \"mu\"");
        a.assertRefused(a.neyman(scored), "neyman", a.config() + ": neyman.mu_grid[0]: expected a mu at which some events"
                + " are expected (nu = sum of yield x coefficient > 0), found mu = 0.0 with nu = 0.0 (S: 10.0 x (mu) = 0.0,"
                + " B: 100.0 x (mu) = 0.0): the total Asimov weight is zero there");
    }

    /**
     * Options are checked when they are set, before any input is read: a scored folder whose reference table is gone
     * would be met only when the reference is loaded, and {@code --toys 0} is refused first (it used to be refused only
     * after the reference sample was loaded).
     */
    @Test
    void toysZeroIsRefusedBeforeAnyInputIsRead() throws Exception {
        TinyAnalysis a = analysis();
        Path noReference = dir.resolve("scored-without-reference");
        copy(scored, noReference);
        deleteTree(noReference.resolve("scored").resolve("reference"));
        TinyAnalysis.Run r = TinyAnalysis.run("neyman", "--config", a.config().toString(), "--scored", noReference.toString(),
                "--toys", "0", "--out", a.out().toString());
        a.assertRefused(r, "neyman", "--toys = 0; expected at least 1");
        TinyAnalysis.Run partitions = TinyAnalysis.run("neyman", "--config", a.config().toString(), "--scored",
                noReference.toString(), "--partitions", "-1", "--out", a.out().toString());
        a.assertRefused(partitions, "neyman", "--partitions = -1; expected at least 0");
        TinyAnalysis.Run signif = TinyAnalysis.run("neyman", "--config", a.config().toString(), "--scored",
                noReference.toString(), "--max-toys", "8", "--min-toys", "16", "--out", a.out().toString());
        a.assertRefused(signif, "neyman", "--min-toys = 16, --max-toys = 8; expected 1 <= min <= max");
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(p)) {
            for (Path q : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
