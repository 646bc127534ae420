package org.nsbi.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.config.AnalysisConfig;
import org.nsbi.model.config.AnalysisConfigParser;
import org.nsbi.model.config.RatioSource;
import org.nsbi.model.offshell.OffshellEvents;
import org.nsbi.model.offshell.OffshellExactRatios;
import org.nsbi.model.offshell.OffshellSample;
import org.nsbi.model.offshell.OffshellSimulator;
import org.nsbi.model.onnx.OnnxRatioNetwork;
import org.nsbi.model.output.Json;
import org.nsbi.model.ratio.FeatureBlock;
import org.nsbi.spark.SharedSpark;
import org.nsbi.spark.cli.NsbiCommand;

/**
 * {@code nsbi train} end to end on a small off-shell toy training: r_S = p_S / p_ref learned from a few thousand
 * events is compared with the simulator's exact ratio on held-out reference events, and the written config files
 * point at the networks and validate as an analysis.
 */
class TrainCommandTest {

    static final String CONFIG = """
            features: [m, c, y]
            reference:
              - {name: ref_S, simulate: {sample: S, events: 7000, seed: 101}}
              - {name: ref_B, simulate: {sample: B, events: 30000, seed: 102}}
              - {name: ref_NI, simulate: {sample: NI, events: 80000, seed: 103}}
            processes:
              - {name: S, yield: 35, coefficient: "mu - sqrt(mu)", ratio: {exact: ratio_S}}
              - {name: NI, yield: 400, coefficient: "1", ratio: {exact: ratio_NI}}
            systematics:
              - name: ni_shape
                effects:
                  - process: NI
                    ratio: {up: {exact: syst_NI_ni_shape_up}, down: {exact: syst_NI_ni_shape_down}}
            poi: {name: mu, min: 0, max: 10}
            neyman: {mu_grid: [0, 1], toys_per_point: 10, confidence_levels: [0.68], seed: 1}
            observed:
              - {name: data, simulate: {mu: 1.0, seed: 7}}
            training:
              ensemble: 1
              hidden_layers: [8]
              max_iterations: 150
              events: 6000
              seed: 5
              reference:
                - {name: ref_S, simulate: {sample: S, events: 700, seed: 201}}
                - {name: ref_B, simulate: {sample: B, events: 3000, seed: 202}}
                - {name: ref_NI, simulate: {sample: NI, events: 8000, seed: 203}}
              processes:
                - process: S
                  samples: [{name: S, simulate: {sample: S, events: 8000, seed: 301}}]
              systematics:
                - name: ni_shape
                  process: NI
                  nominal: [{name: NI, simulate: {sample: NI, events: 1500, seed: 401}}]
                  up: [{name: NI_up, simulate: {sample: NI_ni_shape_up, events: 1500, seed: 402}}]
                  down: [{name: NI_down, simulate: {sample: NI_ni_shape_down, events: 1500, seed: 403}}]
            """;

    @Test
    void trainsTheRatiosAndWritesConfigsPointingAtThem(@TempDir Path dir) throws Exception {
        SharedSpark.session();
        Path config = dir.resolve("train.yaml");
        Files.writeString(config, CONFIG);
        Path out = dir.resolve("out");
        int code = NsbiCommand.commandLine().execute("train", "--config", config.toString(), "--out", out.toString());
        assertEquals(0, code, "nsbi train exit code");
        for (String f : List.of("onnx/ratio_S_0.onnx", "onnx/syst_NI_ni_shape_up_0.onnx",
                "onnx/syst_NI_ni_shape_down_0.onnx", "ratios.yaml", "analysis.yaml", "train.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), "written: " + f);
        }
        Map<String, Object> report = Json.readMap(Files.readString(out.resolve("train.json")), "train.json");
        List<?> networks = (List<?>) report.get("networks");
        assertEquals(3, networks.size(), "one network per ratio (ensemble 1)");
        Map<?, ?> first = (Map<?, ?>) networks.get(0);
        long n1 = ((Number) first.get("events_label1")).longValue();
        long n0 = ((Number) first.get("events_label0")).longValue();
        assertTrue(Math.abs(n1 - 6000) < 400 && Math.abs(n0 - 6000) < 400,
                "about events = 6000 per class (binomial thinning), found " + n1 + " and " + n0);

        // the learned ratio_NI against the exact one, on held-out reference events weighted by p_ref
        byte[] onnx = Files.readAllBytes(out.resolve("onnx/ratio_S_0.onnx"));
        OnnxRatioNetwork net = OnnxRatioNetwork.load("ratio_S_0", onnx, 3);
        double sumW = 0;
        double sumWR = 0;
        double sumWAbs = 0;
        double sumWExactAbs = 0;
        for (String s : List.of("S", "B", "NI")) {
            OffshellEvents e = OffshellSimulator.generate(OffshellSample.byName(s), 999, 4000, 4000);
            FeatureBlock block = e.features();
            double[] score = new double[block.size()];
            double[] exact = new double[block.size()];
            net.score(block, score);
            OffshellExactRatios.byName("ratio_S").evaluate(block, exact);
            for (int i = 0; i < block.size(); i++) {
                double w = e.weight()[i];
                double logR = Math.log(score[i]) - Math.log1p(-score[i]);
                sumW += w;
                sumWR += w * Math.exp(logR);
                sumWAbs += w * Math.abs(logR - Math.log(exact[i]));
                sumWExactAbs += w * Math.abs(Math.log(exact[i]));
            }
        }
        double closure = sumWR / sumW;
        double meanAbsError = sumWAbs / sumW;
        double effect = sumWExactAbs / sumW;
        System.err.println("ratio_S learned from 6000 events per class: closure " + closure + ", mean |dlog r| "
                + meanAbsError + ", mean |log r_exact| " + effect);
        // tolerances for 6000 events per class and an 8-unit network (measured: closure 0.968, mean |delta log r|
        // 0.111, mean |log r_exact| 0.593): closure within 5 %, mean |delta log r| below 0.15, a quarter of the effect
        assertEquals(1.0, closure, 0.05, "closure sum_ref w r / sum w of the learned r_S");
        assertTrue(meanAbsError < 0.15, "mean |log r_learned - log r_exact| = " + meanAbsError
                + " (mean |log r_exact| = " + effect + ")");
        assertTrue(effect > 0.5, "the ratio is far from 1 (mean |log r| = " + effect + ")");

        // both config files validate and point at the networks
        AnalysisConfig analysis = AnalysisConfigParser.withDefaults().parse(out.resolve("analysis.yaml"));
        RatioSource.Onnx r = (RatioSource.Onnx) analysis.processes().get(0).ratio();
        assertEquals(List.of(out.resolve("onnx/ratio_S_0.onnx").toString()), r.files());
        RatioSource.Onnx up = (RatioSource.Onnx) analysis.systematics().get(0).effects().get(0).ratioUp().orElseThrow();
        assertEquals(List.of(out.resolve("onnx/syst_NI_ni_shape_up_0.onnx").toString()), up.files());
        String fragment = Files.readString(out.resolve("ratios.yaml"));
        assertTrue(fragment.contains("- onnx/syst_NI_ni_shape_down_0.onnx") && fragment.contains("output: score"),
                "ratios.yaml lists the networks:\n" + fragment);
    }
}
