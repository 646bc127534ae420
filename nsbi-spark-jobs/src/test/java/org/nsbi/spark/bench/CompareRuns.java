package org.nsbi.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nsbi.model.output.IntervalResult;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.RunSummary;
import org.nsbi.spark.neyman.BeltsTable;
import org.nsbi.stats.belt.Belt;
import org.nsbi.stats.belt.BeltPoint;

/**
 * Compares two demo runs (e.g. exact ratios against the ONNX fixtures): critical values at every grid point
 * with their Monte Carlo bands and whether they agree within them, and the Asimov and observed intervals.
 * Usage: CompareRuns RUN_A RUN_B
 */
public final class CompareRuns {

    private CompareRuns() {
    }

    public static void main(String[] args) throws Exception {
        Path a = Path.of(args[0]);
        Path b = Path.of(args[1]);
        Belt ba = BeltsTable.fromCsv(Files.readString(a.resolve("belts.csv")), a + "/belts.csv");
        Belt bb = BeltsTable.fromCsv(Files.readString(b.resolve("belts.csv")), b + "/belts.csv");
        System.out.printf(Locale.ROOT, "%-6s %-7s %-28s %-28s %s%n", "mu", "cl", "t_c A [band]", "t_c B [band]", "bands overlap");
        int overlap = 0;
        int total = 0;
        for (double cl : ba.cls()) {
            for (int m = 0; m < ba.muGrid().length; m++) {
                BeltPoint pa = ba.point(m, cl);
                BeltPoint pb = bb.point(m, cl);
                boolean ok = pa.tCritLo() <= pb.tCritHi() && pb.tCritLo() <= pa.tCritHi();
                overlap += ok ? 1 : 0;
                total++;
                System.out.printf(Locale.ROOT, "%-6.3f %-7.4f %6.3f [%6.3f, %6.3f]      %6.3f [%6.3f, %6.3f]      %s%n", pa.mu(), cl,
                        pa.tCrit(), pa.tCritLo(), pa.tCritHi(), pb.tCrit(), pb.tCritLo(), pb.tCritHi(), ok ? "yes" : "NO");
            }
        }
        System.out.printf(Locale.ROOT, "MC bands (68%%) overlap at %d of %d (mu, cl) points%n", overlap, total);
        for (Path p : List.of(a, b)) {
            RunSummary s = Json.read(Files.readString(p.resolve("summary.json")), RunSummary.class, p + "/summary.json");
            System.out.println(p + ": toys " + s.neyman().toys() + " in " + s.neyman().toySeconds() + " s");
            for (IntervalResult r : java.util.Arrays.asList(s.observed(), s.asimov())) {
                if (r != null) {
                    System.out.println("  " + r.data() + ": mu_hat " + r.muHat() + ", intervals " + r.intervals().stream()
                            .map(i -> i.method() + " " + i.cl() + " " + i.pieces().stream().map(java.util.Arrays::toString).toList())
                            .toList());
                }
            }
        }
    }
}
