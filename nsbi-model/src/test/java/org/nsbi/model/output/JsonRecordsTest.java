package org.nsbi.model.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsbi.model.UserError;
import org.nsbi.stats.interval.ConfidenceInterval;

/** The output records through Json: the same values back, snake_case names, and strict reading. */
class JsonRecordsTest {

    static final Provenance PROVENANCE = new Provenance("9.9.9-test", "abc123", "a.yaml", "ff00",
            Map.of("/x/a.onnx", "aa11"), Map.of("ratio S", "onnx sha256 aa11 (RATIO, RATIO)"), Map.of("poi", "mu"),
            "id-1", Map.of("scored", "bb22"));

    static RunSummary demo() {
        RunInfo info = new RunInfo("demo", "a.yaml", "local[2]", 2, List.of("S: mu"), List.of("energy_scale", "ni_norm"), true);
        ScoreSummary score = new ScoreSummary(12000, 585.0, 556, Map.of("energy_scale", 0.25, "ni_norm", -0.5),
                Map.of("r_S", 1.001), List.of(new ProcessClosure("S", 1.001, 0.002, 0.5)), true, PROVENANCE, 3.5);
        NeymanSummary neyman = new NeymanSummary(new double[] {0, 1}, 24, 6, List.of(0.6827, 0.9545), 11, "nominal",
                12000, 48, 2.5, 48, 19.2, List.of(new AsimovClosure(0, 585, 585.2, 585 / 585.2),
                new AsimovClosure(1, 620, 620.0, 1)), List.of(new FailedFits(0, 0, 0, Map.of(), 2),
                new FailedFits(1, 1, 1 / 24.0, Map.of("iteration_limit", 1), 0)), NeymanSummary.SMOOTH,
                List.of(new GridEndpoint(0.9545, 1.66, 1.625, 1.75, 0.004)),
                new ReferencePlacement("distributed", 12000, 624_000, 100_000, "12000 events, 0.6 MB of rows; distributed by --placement"));
        Map<String, Double> errors = new java.util.LinkedHashMap<>();
        errors.put("energy_scale", 0.9);
        errors.put("ni_norm", null); // on a bound: no error
        IntervalResult observed = new IntervalResult("observed", 556, 0.8, Map.of("energy_scale", 0.1, "ni_norm", -0.2),
                errors, List.of(new ConfidenceInterval(0.6827, "neyman", List.of(new double[] {0.2, 1.4}), false),
                        new ConfidenceInterval(0.6827, "wilks", List.of(new double[] {0, 0.1}, new double[] {0.3, 2}), true)),
                List.of("the wilks 68.27% interval reaches the end of the scan [0, 2]"), 1.25,
                new ReferencePlacement("single", 556, 28_912, 100_000_000, "556 events, 0.0 MB of rows within the limit"));
        return new RunSummary(info, null, score, neyman, observed, observed, PROVENANCE,
                List.of(new org.nsbi.model.output.StageTime(org.nsbi.model.output.StageTime.Stage.TOYS, 1.25)), 9.75);
    }

    @Test
    void aSummaryReadsBackToTheSameValues() {
        RunSummary s = demo();
        String text = Json.write(s);
        RunSummary back = Json.read(text, RunSummary.class, "summary.json");
        assertEquals(text, Json.write(back), "written again, the same text");
        assertEquals(s.score(), back.score());
        assertEquals(s.neyman().asimovClosure(), back.neyman().asimovClosure());
        assertEquals(0.3, back.observed().intervals().get(1).pieces().get(1)[0]);
        assertNull(back.scored());
    }

    @Test
    void namesAreSnakeCaseAndNuisanceParametersAreKeyedByName() {
        JsonNode tree = Json.tree(demo());
        assertEquals(585.0, tree.path("neyman").path("asimov_closure").get(0).path("sum_w_asimov").doubleValue());
        assertEquals(-0.5, tree.path("score").path("observed_aux").path("ni_norm").doubleValue());
        assertEquals(0.1, tree.path("asimov").path("alpha_hat").path("energy_scale").doubleValue());
        assertTrue(tree.path("observed").path("intervals").get(1).path("at_grid_edge").booleanValue());
        assertTrue(tree.has("scored") && tree.path("scored").isNull(), "a part the command has not is written as null");
    }

    @Test
    void readingRefusesAMissingOrUnknownFieldNamingTheFileAndTheField() {
        String text = Json.write(demo());
        UserError unknown = assertThrows(UserError.class,
                () -> Json.read(text.replaceFirst("\"nu\" :", "\"yield\" : 1, \"nu\" :"), RunSummary.class,
                        "/runs/a/summary.json"));
        assertEquals("/runs/a/summary.json: unknown field 'yield' in neyman.asimov_closure[0]; expected a"
                + " RunSummary as nsbi writes it (README.md, Outputs)", unknown.getMessage());
        UserError missing = assertThrows(UserError.class,
                () -> Json.read("{\"reference_events\": 1}", ScoreSummary.class, "s.json"));
        assertTrue(missing.getMessage().startsWith("s.json: missing field 'reference_sum_of_weights'; expected a ScoreSummary"),
                missing.getMessage());
        UserError nul = assertThrows(UserError.class,
                () -> Json.read(Json.write(demo().score()).replace("12000", "null"), ScoreSummary.class, "s.json"));
        assertTrue(nul.getMessage().startsWith("s.json: null where a number"), nul.getMessage());
    }
}
