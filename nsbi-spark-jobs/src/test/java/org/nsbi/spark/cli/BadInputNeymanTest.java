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
}
