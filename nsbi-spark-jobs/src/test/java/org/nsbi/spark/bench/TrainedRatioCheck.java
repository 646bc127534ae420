package org.nsbi.spark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.nsbi.model.offshell.OffshellEvents;
import org.nsbi.model.offshell.OffshellExactRatios;
import org.nsbi.model.offshell.OffshellProcess;
import org.nsbi.model.offshell.OffshellSample;
import org.nsbi.model.offshell.OffshellSimulator;
import org.nsbi.model.onnx.OnnxRatioNetwork;

/**
 * A quick look at trained off-shell toy networks ({@code DIR/onnx/<ratio>_<k>.onnx}, as {@code nsbi train} writes
 * them) against the exact ratios, in the fixtures' quality-report terms: on held-out events (p_ref events for
 * {@code ratio_*}, nominal process events for {@code syst_*}), the closure Σ w r / Σ w and the mean
 * |log r_network − log r_exact|, per ratio for the ensemble mean of ratios. Run on purpose:
 * {@code java -cp <jar>:<spark-jars>/* org.nsbi.spark.bench.TrainedRatioCheck DIR [events per sample]}.
 */
public final class TrainedRatioCheck {

    private TrainedRatioCheck() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0], "onnx");
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 50000;
        Map<String, List<Path>> members = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".onnx")).sorted().forEach(p -> {
                String n = p.getFileName().toString().replaceFirst("_\\d+\\.onnx$", "");
                members.computeIfAbsent(n, k -> new ArrayList<>()).add(p);
            });
        }
        System.out.println("ratio,members,closure,closure_exact_same_events,mean_abs_dlog_r,mean_abs_log_r_exact");
        for (Map.Entry<String, List<Path>> e : members.entrySet()) {
            String ratio = e.getKey();
            List<OffshellEvents> held = heldOut(ratio, events);
            double sw = 0;
            double swr = 0;
            double swExact = 0;
            double swd = 0;
            double swl = 0;
            List<OnnxRatioNetwork> nets = new ArrayList<>();
            for (Path p : e.getValue()) {
                nets.add(OnnxRatioNetwork.load(p.toString(), Files.readAllBytes(p), 3));
            }
            for (OffshellEvents ev : held) {
                int n = ev.features().size();
                double[] exact = new double[n];
                OffshellExactRatios.byName(ratio).evaluate(ev.features(), exact);
                double[] mean = new double[n];
                double[] s = new double[n];
                for (OnnxRatioNetwork net : nets) {
                    net.score(ev.features(), s);
                    for (int i = 0; i < n; i++) {
                        mean[i] += Math.exp(Math.log(s[i]) - Math.log1p(-s[i])) / nets.size();
                    }
                }
                for (int i = 0; i < n; i++) {
                    double w = ev.weight()[i];
                    sw += w;
                    swr += w * mean[i];
                    swExact += w * exact[i];
                    swd += w * Math.abs(Math.log(mean[i]) - Math.log(exact[i]));
                    swl += w * Math.abs(Math.log(exact[i]));
                }
            }
            System.out.println(String.format(Locale.ROOT, "%s,%d,%.5f,%.5f,%.5f,%.5f", ratio, nets.size(), swr / sw,
                    swExact / sw, swd / sw, swl / sw));
        }
    }

    /** p_ref events (S, B, NI samples weighted ν/N) for ratio_*, the nominal process sample for syst_*. */
    private static List<OffshellEvents> heldOut(String ratio, int events) {
        long seed = 987654321L;
        if (ratio.startsWith("ratio_")) {
            List<OffshellEvents> out = new ArrayList<>();
            for (OffshellProcess p : List.of(OffshellProcess.S, OffshellProcess.B, OffshellProcess.NI)) {
                out.add(OffshellSimulator.generate(OffshellSample.nominal(p), seed, events, 8192));
            }
            return out;
        }
        String process = ratio.substring("syst_".length()).split("_")[0];
        return List.of(OffshellSimulator.generate(OffshellSample.nominal(OffshellProcess.valueOf(process)), seed,
                events, 8192));
    }
}
