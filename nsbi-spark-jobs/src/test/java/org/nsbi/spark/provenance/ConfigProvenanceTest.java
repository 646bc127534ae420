package org.nsbi.spark.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.model.config.AnalysisConfigParser;
import org.nsbi.model.output.Provenance;

/** What a config's provenance records: the same text in every JVM, the networks by content. */
class ConfigProvenanceTest {

    @TempDir
    Path dir;

    @Test
    void aSimulatedObservationIsDescribedWithItsNuisanceParametersSorted() {
        // the config's alpha map iterates in an order that may differ from one JVM to the next
        Provenance p = ConfigProvenance.of(AnalysisConfigParser.withDefaults()
                .parse(Path.of("..", "submit", "examples", "offshell-toy-exact.yaml")), new Configuration());
        assertEquals("simulated observation at mu 1.0, alpha {energy_scale=0.0, ni_norm=0.0, ni_shape=0.0}, seed 7001",
                p.scoring().get("observed data"));
        assertEquals("simulated S, 100000 events, seed 101", p.scoring().get("reference ref_S"));
    }

    @Test
    void networksAreNamedByTheirContentNotTheirPath() throws Exception {
        Path example = Path.of("..", "submit", "examples", "offshell-toy.yaml");
        Provenance p = ConfigProvenance.of(AnalysisConfigParser.withDefaults().parse(example), new Configuration());
        String onnx = p.onnxSha256().keySet().iterator().next();
        assertEquals(ConfigProvenance.sha256(Files.readAllBytes(Path.of(onnx))), p.onnxSha256().get(onnx));
        assertEquals(true, p.scoring().values().stream().anyMatch(v -> v.contains("onnx sha256 " + p.onnxSha256().get(onnx))),
                p.scoring().toString());
        assertNotEquals(p.outputId(), ConfigProvenance.of(AnalysisConfigParser.withDefaults().parse(example),
                new Configuration()).outputId(), "every output has its own id");
    }
}
