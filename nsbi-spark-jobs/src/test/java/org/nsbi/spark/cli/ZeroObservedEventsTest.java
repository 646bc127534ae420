package org.nsbi.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.stats.interval.IntervalInverter;

/**
 * Zero observed events is legal data (the Feldman-Cousins n = 0 rows): score, neyman and interval go through the
 * command line. The tiny analysis is a counting experiment (all ratios 1): signal 10 mu, background 3. With n = 0
 * the NLL is nu(mu) = 10 mu + 3, so mu-hat = 0 and t(mu) = 20 mu exactly, and Wilks' 68.27% interval is
 * [0, q / 20] with q the chi-squared quantile. The Neyman construction with likelihood-ratio ordering of a count is
 * Feldman-Cousins: the command line's belts and interval are checked against the exact FC construction (Poisson
 * probabilities, no toys; the construction FeldmanCousinsTest checks against the published table) at 68.27 % and 90 %.
 */
class ZeroObservedEventsTest {

    @TempDir
    Path dir;

    @Test
    void zeroObservedEventsGoThroughTheCommandLine() throws Exception {
        TinyAnalysis a = TinyAnalysis.in(dir);
        a.write("data.csv", "x1,x2\n");
        a.config(TinyAnalysis.BASE_CONFIG.replace("yield: 100", "yield: 3")
                .replace("mu_grid: [0, 1, 2]", "mu_grid: {from: 0, to: 0.24, steps: 13}")
                .replace("toys_per_point: 4", "toys_per_point: " + TOYS)
                .replace("confidence_levels: [0.6827]", "confidence_levels: [0.6827, 0.9]"));
        Path scored = a.runs.resolve("scored");
        TinyAnalysis.Run s = TinyAnalysis.run("score", "--config", a.config().toString(), "--out", scored.toString());
        assertEquals(0, s.code(), s.err());
        Path belts = a.runs.resolve("neyman");
        TinyAnalysis.Run n = TinyAnalysis.run("neyman", "--config", a.config().toString(), "--scored", scored.toString(),
                "--toys-per-block", "500", "--out", belts.toString());
        assertEquals(0, n.code(), n.err());
        Path interval = a.runs.resolve("interval");
        TinyAnalysis.Run i = TinyAnalysis.run("interval", "--config", a.config().toString(), "--scored", scored.toString(),
                "--run", belts.toString(), "--scan-steps", "40", "--out", interval.toString());
        assertEquals(0, i.code(), i.err());

        JsonNode summary = new ObjectMapper().readTree(interval.resolve("summary.json").toFile()).get("interval");
        assertEquals(0, summary.get("observed_events").asDouble());
        assertEquals(0, summary.get("mu_hat").asDouble(), 1e-9);
        List<String> scan = Files.readAllLines(interval.resolve("scan.csv"));
        for (String line : scan.subList(1, scan.size())) {
            String[] f = line.split(",");
            double mu = Double.parseDouble(f[0]);
            assertEquals(20 * mu, Double.parseDouble(f[1]), 1e-7, "t(mu) = 20 mu at n = 0: " + line);
        }
        for (JsonNode ci : summary.get("intervals")) {
            if (ci.get("method").asText().equals("wilks")) {
                JsonNode piece = ci.get("pieces").get(0);
                assertEquals(0, piece.get(0).asDouble(), 1e-12);
                assertEquals(IntervalInverter.wilksThreshold(ci.get("cl").asDouble()) / 20, piece.get(1).asDouble(), 1e-4,
                        "Wilks at n = 0: " + ci);
            } else {
                feldmanCousins(ci, Files.readAllLines(belts.resolve("belts.csv")));
            }
        }
    }

    private static final int TOYS = 500;

    /**
     * The Neyman interval of n = 0 against exact FC. At every grid point where the exact decision can be resolved
     * with {@value #TOYS} toys (the exact probability of a count ranking before 0 more than 4 sigma_MC from CL), the
     * belt's decision t_obs = 20 mu &le; t_c(mu) is the exact one. The Neyman set starts at 0, holds every surely accepted
     * grid point and ends before the first surely rejected one (between grid points t_c is interpolated, and near the
     * exact end, where the toys' decision is a coin toss, it may have a gap); the exact upper end lies in the same bracket.
     */
    private static void feldmanCousins(JsonNode ci, List<String> beltsCsv) {
        double cl = ci.get("cl").asDouble();
        double sigma = Math.sqrt(cl * (1 - cl) / TOYS);
        List<String> header = List.of(beltsCsv.get(0).split(","));
        double lastAccepted = Double.NaN;
        double firstRejected = Double.NaN;
        int resolved = 0;
        for (String line : beltsCsv.subList(1, beltsCsv.size())) {
            String[] f = line.split(",");
            if (Double.parseDouble(f[header.indexOf("cl")]) != cl) {
                continue;
            }
            double mu = Double.parseDouble(f[header.indexOf("mu")]);
            double before = rankedBeforeZero(mu);
            if (Math.abs(before - cl) <= 4 * sigma) {
                continue;
            }
            resolved++;
            boolean exact = before < cl;
            assertEquals(exact, 20 * mu <= Double.parseDouble(f[header.indexOf("t_crit")]), "decision at mu = " + mu
                    + ", CL " + cl + " (exact P(ranked before n = 0) = " + before + "): " + line);
            if (exact) {
                lastAccepted = mu;
            } else if (Double.isNaN(firstRejected)) {
                firstRejected = mu;
            }
        }
        assertTrue(resolved >= 8, resolved + " resolvable grid points at CL " + cl);
        JsonNode pieces = ci.get("pieces");
        assertEquals(0, pieces.get(0).get(0).asDouble(), 0, ci.toString());
        assertTrue(pieces.get(0).get(1).asDouble() >= lastAccepted, "the first piece holds the surely accepted points "
                + "up to " + lastAccepted + ": " + ci);
        double hi = pieces.get(pieces.size() - 1).get(1).asDouble();
        double exactHi = exactUpperEnd(cl);
        assertTrue(lastAccepted <= hi && hi <= firstRejected, "Neyman upper end " + hi + " in [" + lastAccepted + ", "
                + firstRejected + "], CL " + cl + ": " + ci);
        assertTrue(lastAccepted <= exactHi && exactHi <= firstRejected, "exact FC upper end " + exactHi + " in ["
                + lastAccepted + ", " + firstRejected + "], CL " + cl);
    }

    /** t of a count n at signal s over background 3 (mu-hat at its bound 0 below n = 3). */
    private static double countT(int n, double s) {
        double b = 3;
        double sHat = Math.max(0, n - b);
        return 2 * ((s + b) - (n == 0 ? 0 : n * Math.log(s + b)) - ((sHat + b) - (n == 0 ? 0 : n * Math.log(sHat + b))));
    }

    /** The exact probability at mu (signal 10 mu, background 3) that a count ranks strictly before n = 0 (smaller t). */
    private static double rankedBeforeZero(double mu) {
        double s = 10 * mu;
        PoissonDistribution p = new PoissonDistribution(null, s + 3, 1e-12, 10_000);
        double t0 = countT(0, s);
        double sum = 0;
        for (int k = 1; k < 60; k++) {
            if (countT(k, s) < t0) {
                sum += p.probability(k);
            }
        }
        return sum;
    }

    /** The exact FC upper end for n = 0 (in mu, to 1e-4): the last mu of [0, 0.24] where n = 0 is accepted. */
    private static double exactUpperEnd(double cl) {
        double end = 0;
        for (int i = 0; i <= 2400; i++) {
            if (rankedBeforeZero(i * 1e-4) < cl) {
                end = i * 1e-4;
            }
        }
        return end;
    }
}
