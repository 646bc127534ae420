package org.nsbi.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every setting of {@code nsbi coverage} is checked before any data is read or any experiment is drawn. The tiny
 * analysis's run is built once, then its scored reference table is removed: a command that read it would fail on
 * that; each bad setting must be refused first, with exit code 2 and a message naming the option, the value and the
 * rule, and nothing written.
 */
class BadInputCoverageTest {

    @TempDir
    static Path shared;
    static TinyAnalysis analysis;
    static Path belts;

    @BeforeAll
    static void buildTheRunWithoutItsReference() throws IOException {
        analysis = TinyAnalysis.in(shared);
        Path scored = shared.resolve("scored");
        belts = shared.resolve("belts");
        assertEquals(0, TinyAnalysis.run("score", "--config", analysis.config().toString(), "--out", scored.toString()).code());
        TinyAnalysis.Run n = TinyAnalysis.run("neyman", "--config", analysis.config().toString(), "--scored",
                scored.toString(), "--out", belts.toString());
        assertEquals(0, n.code(), n.err());
        try (Stream<Path> all = Files.walk(scored.resolve("scored").resolve("reference"))) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void assertRefused(String... more) {
        String[] args = new String[more.length + 5];
        args[0] = "coverage";
        args[1] = "--run";
        args[2] = belts.toString();
        args[3] = "--out";
        args[4] = analysis.out().toString();
        System.arraycopy(more, 0, args, 5, more.length);
        String expected = more[more.length - 1];
        String[] command = java.util.Arrays.copyOf(args, args.length - 1);
        analysis.assertRefused(TinyAnalysis.run(command), "coverage", expected);
    }

    @Test
    void aTrueMuOutsideTheBeltsGridIsRefusedBeforeAnyRead() {
        assertRefused("--experiments-from", "bootstrap", "--mu", "1,7",
                "--mu 7.0: expected a true mu inside the belt's grid range [0.0, 2.0]");
        assertRefused("--experiments-from", "bootstrap", "--mu", "NaN", "--mu = NaN; expected a finite number");
    }

    @Test
    void noExperimentsIsRefusedBeforeAnyRead() {
        // it used to be refused only when the experiments were planned, after the reference sample was loaded
        assertRefused("--experiments-from", "bootstrap", "--experiments", "0", "--experiments = 0; expected at least 1");
    }

    @Test
    void anUnknownNuisanceParameterIsRefusedBeforeAnyRead() {
        // it used to be refused after the reference sample was loaded
        assertRefused("--experiments-from", analysis.dir.resolve("data.csv").toString(), "--alpha", "nope=1",
                "--alpha nope=1.0: the analysis has no nuisance parameter 'nope'; it has []");
    }
}
