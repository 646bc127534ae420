package org.nsbi.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.stats.interval.IntervalInverter;

/**
 * Zero observed events is legal data (the Feldman-Cousins n = 0 rows): score, neyman and interval go through the
 * command line. The tiny analysis is a counting experiment (all ratios 1): signal 10 mu, background 3. With n = 0
 * the NLL is nu(mu) = 10 mu + 3, so mu-hat = 0 and t(mu) = 20 mu exactly, and Wilks' 68.27% interval is
 * [0, q / 20] with q the chi-squared quantile.
 */
class ZeroObservedEventsTest {

    @TempDir
    Path dir;

    @Test
    void zeroObservedEventsGoThroughTheCommandLine() throws Exception {
        TinyAnalysis a = TinyAnalysis.in(dir);
        a.write("data.csv", "x1,x2\n");
        a.config(TinyAnalysis.BASE_CONFIG.replace("yield: 100", "yield: 3")
                .replace("mu_grid: [0, 1, 2]", "mu_grid: [0, 0.05, 0.1, 0.2, 0.4]")
                .replace("toys_per_point: 4", "toys_per_point: 50"));
        Path scored = a.runs.resolve("scored");
        TinyAnalysis.Run s = TinyAnalysis.run("score", "--config", a.config().toString(), "--out", scored.toString());
        assertEquals(0, s.code(), s.err());
        Path belts = a.runs.resolve("neyman");
        TinyAnalysis.Run n = TinyAnalysis.run("neyman", "--config", a.config().toString(), "--scored", scored.toString(),
                "--out", belts.toString());
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
            }
        }
    }
}
