package org.nsbi.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** analysis.yaml keeps what was written, puts the trained ratios in place and makes other relative paths absolute. */
class TrainedConfigWriterTest {

    static final String ANALYSIS = """
            features: [m, c, y]
            reference:
              - {name: ref, files: data/ref.parquet}
            processes:
              - {name: S, yield: 35, coefficient: "1", ratio: {onnx: [nets/s.onnx], output: logit}}
              - {name: B, yield: 150, coefficient: "1", ratio: {onnx: /abs/b.onnx, output: score}}
            systematics:
              - name: es
                effects:
                  - {process: S, yield: {up: 1.01, down: 0.99}}
            training: {anything: 1}
            """;

    static TrainingConfig trained() {
        List<EventSource> none = List.of(new EventSource.Simulated("s", "S", 10, 1));
        return new TrainingConfig("a.yaml", List.of("m", "c", "y"), new TrainingConfig.Settings(2, List.of(4), 5, 10, 1),
                List.of(new TrainingConfig.Ratio("ratio_S", "S", null, 0, none, none),
                        new TrainingConfig.Ratio("syst_S_es_up", "S", "es", 1, none, none),
                        new TrainingConfig.Ratio("syst_S_es_down", "S", "es", -1, none, none),
                        new TrainingConfig.Ratio("syst_B_new_up", "B", "new", 1, none, none)));
    }

    @Test
    void analysisHasTheTrainedRatiosAndAbsolutePaths() throws Exception {
        String text = TrainedConfigWriter.analysis(ANALYSIS, "/home/me/cfg", trained());
        JsonNode root = new YAMLMapper().readTree(text);
        assertNull(root.get("training"), "training section dropped");
        assertEquals("/home/me/cfg/data/ref.parquet", root.at("/reference/0/files").asText());
        assertEquals("[\"onnx/ratio_S_0.onnx\",\"onnx/ratio_S_1.onnx\"]", root.at("/processes/0/ratio/onnx").toString());
        assertEquals("score", root.at("/processes/0/ratio/output").asText());
        assertEquals("/abs/b.onnx", root.at("/processes/1/ratio/onnx").asText(), "untrained absolute path as written");
        JsonNode effect = root.at("/systematics/0/effects/0");
        assertEquals(1.01, effect.at("/yield/up").asDouble(), 0.0, "the yield factors stay");
        assertEquals("onnx/syst_S_es_down_1.onnx", effect.at("/ratio/down/onnx/1").asText());
        assertEquals("new", root.at("/systematics/1/name").asText(), "a parameter the analysis lacks is added");
        assertEquals("B", root.at("/systematics/1/effects/0/process").asText());
        assertEquals("onnx/syst_B_new_up_0.onnx", root.at("/systematics/1/effects/0/ratio/up/onnx/0").asText());
    }

    @Test
    void noAnalysisWithoutProcesses() {
        assertNull(TrainedConfigWriter.analysis("features: [m]\ntraining: {}\n", "/x", trained()));
    }

    @Test
    void fragmentGroupsUpAndDownPerEffect() throws Exception {
        JsonNode root = new YAMLMapper().readTree(TrainedConfigWriter.fragment(trained()));
        assertEquals("S", root.at("/processes/0/name").asText());
        assertEquals("es", root.at("/systematics/0/name").asText());
        assertEquals("onnx/syst_S_es_up_0.onnx", root.at("/systematics/0/effects/0/ratio/up/onnx/0").asText());
        assertEquals("onnx/syst_S_es_down_0.onnx", root.at("/systematics/0/effects/0/ratio/down/onnx/0").asText());
        assertEquals("new", root.at("/systematics/1/name").asText());
    }
}
