package org.nsbi.model.offshell;

import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nsbi.model.analysis.AnalysisModel;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.AnalysisConfigParser;
import org.nsbi.stats.model.EventTable;
import org.nsbi.stats.model.MixtureModel;

/**
 * The off-shell toy with exact ratios as a {@link MixtureModel} and a reference {@link EventTable}, written
 * (Java serialisation, both are Serializable) for nsbi-stats' StatsBenchmark, which has no access to the
 * simulator: the model of {@code submit/examples/offshell-toy-exact.yaml}, the reference sample of its
 * three samples S, B, NI (seeds 101, 102, 103, each a third of the events, weight &nu;_sample / events), and
 * every column from {@link OffshellExactRatios}: {@code ratio_<process>} and
 * {@code syst_<process>_<parameter>_up|down}. Run by bench/stats-benchmark.sh.
 * <p>Usage: OffshellExactTable CONFIG OUTPUT [reference events, default 1000000]
 */
public final class OffshellExactTable {

    private OffshellExactTable() {
    }

    public static void main(String[] args) throws Exception {
        AnalysisConfig config = AnalysisConfigParser.withDefaults().parse(Path.of(args[0]));
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        MixtureModel model = AnalysisModel.mixture(config);
        List<OffshellEvents> parts = new ArrayList<>();
        String[] samples = {"S", "B", "NI"};
        for (int s = 0; s < samples.length; s++) {
            parts.add(OffshellSimulator.generate(OffshellSample.byName(samples[s]), 101 + s, events / 3, 4096));
        }
        OffshellEvents all = OffshellEvents.concat(parts);
        EventTable table = table(model, all);
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(Path.of(args[1])))) {
            out.writeObject(model);
            out.writeObject(table);
        }
        System.out.printf(Locale.ROOT, "off-shell toy, exact ratios: %d reference events (sum of weights %.1f) -> %s%n",
                table.size(), table.sumOfWeights(), args[1]);
    }

    private static EventTable table(MixtureModel model, OffshellEvents events) {
        int n = events.size();
        int nc = model.processCount();
        int nk = model.nuisanceCount();
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) events.weight()[i];
        }
        float[][] r = new float[nc][];
        float[][][] up = new float[nc][nk][];
        float[][][] down = new float[nc][nk][];
        for (int c = 0; c < nc; c++) {
            String process = model.process(c).name();
            r[c] = column("ratio_" + process, events);
            for (int k = 0; k < nk; k++) {
                if (model.process(c).shape()[k]) {
                    String prefix = "syst_" + process + "_" + model.nuisances().get(k);
                    up[c][k] = column(prefix + "_up", events);
                    down[c][k] = column(prefix + "_down", events);
                }
            }
        }
        return EventTable.of(model, w, r, up, down);
    }

    private static float[] column(String ratio, OffshellEvents events) {
        double[] v = new double[events.size()];
        OffshellExactRatios.byName(ratio).evaluate(events.features(), v);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
